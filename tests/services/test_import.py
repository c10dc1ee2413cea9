"""Spreadsheet import of the 放管服 lists: row-by-row report, all-good-rows or nothing, idempotent on 实施编码."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from gongkai.core.models import AuditRecord
from gongkai.services import actions, spreadsheets
from gongkai.services.models import ImportRun, ItemStatus, ListType, ServiceItem

HEADERS = [c.header for c in spreadsheets.columns_for(ListType.POWER)]


def row(code, name="教师资格认定", dept="恩施市教育局", **over):
    values = {
        "实施编码": code,
        "事项名称": name,
        "责任部门": dept,
        "行使层级": "市级",
        "设定依据": "《教师资格条例》",
        "申请条件": "具备规定学历",
        "办理材料": "居民身份证\n学历证书",
        "办理地点": "恩施市民之家一楼",
        "办理机构": "恩施市教育局",
        "收费标准": "不收费",
        "办理时间": "工作日",
        "联系电话": "0718-8224561",
        "办理流程": "申报\n审查\n认定",
        "法定时限（工作日）": 20,
        "承诺时限（工作日）": 10,
        "跑动次数": 1,
        "到现场次数": 1,
        "网上办理地址": "https://zwfw.hubei.gov.cn/",
        "所属主题": "教育",
        "权力类型": "行政确认",
        "追责情形": "",
    }
    values.update(over)
    return [values[h] for h in HEADERS]


def workbook(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


CODE = "07{:04d}-422801000000-000-11422801000010372M-3-00"


def test_template_has_the_list_headers_and_an_explanation_sheet():
    wb = load_workbook(io.BytesIO(spreadsheets.template(ListType.POWER)))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.worksheets[1].title == "填写说明"
    intermediary = load_workbook(io.BytesIO(spreadsheets.template(ListType.INTERMEDIARY)))
    assert "中介服务机构" in [c.value for c in intermediary.worksheets[0][1]]


def test_a_good_sheet_is_imported_as_drafts_awaiting_review_and_audited_once(edu, themes, office_user):
    data = workbook([row(CODE.format(i), f"教师资格认定（第{i}类）") for i in range(1, 6)])
    parsed = spreadsheets.parse(data, ListType.POWER)
    assert not parsed.errors
    run = actions.import_rows(
        office_user, parsed, mode=ImportRun.Mode.ALL_OR_NOTHING, filename="教育局权责清单.xlsx"
    )
    assert (run.created, run.updated, run.bad_rows) == (5, 0, 0)
    items = ServiceItem.objects.filter(department=edu)
    # 先审查后发布: even complete, correct rows wait as drafts (待审核) until published on the item's status page
    assert items.count() == 5 and set(items.values_list("status", flat=True)) == {ItemStatus.DRAFT}
    item = items.get(code=CODE.format(1))
    assert (
        item.power_kind == "confirmation" and item.online and item.material_list == ["居民身份证", "学历证书"]
    )
    assert [t.slug for t in item.themes.all()] == ["jiaoyu"]
    records = AuditRecord.objects.filter(action="services.import")
    assert records.count() == 1 and records.get().after["created"] == 5


def test_every_bad_row_is_reported_with_its_reason(edu, themes):
    data = workbook(
        [
            row(CODE.format(1)),
            row("", "民办学校审批"),
            row(CODE.format(3), dept="恩施市不存在局"),
            row(CODE.format(4), 跑动次数="两次"),
            row(CODE.format(5), 网上办理地址="zwfw.hubei"),
            row(CODE.format(6), 所属主题="教育、旅游"),
            row(CODE.format(7), 权力类型="行政审批"),
            row(CODE.format(8), **{"承诺时限（工作日）": 30}),
            row(CODE.format(1), "重复的编码"),
        ]
    )
    parsed = spreadsheets.parse(data, ListType.POWER)
    report = {r["row"]: " ".join(r["errors"]) for r in parsed.report()}
    assert len(parsed.good_rows) == 1
    assert report == {
        3: "实施编码：必填，不能为空。",
        4: "责任部门：没有名为“恩施市不存在局”的部门。",
        5: "跑动次数：应为不小于 0 的整数。",
        6: "网上办理地址：不是有效的网址（应以 http:// 或 https:// 开头）。",
        7: "所属主题：没有这个主题：旅游。",
        8: report[8],
        9: "承诺时限（工作日）：承诺时限不能长于法定时限（20 个工作日）。",
        10: "实施编码：与第 2 行重复。",
    }
    assert report[8].startswith("权力类型：应为以下之一：行政许可")


def test_all_or_nothing_stores_nothing_when_one_row_is_bad(edu, themes, office_user):
    data = workbook([row(CODE.format(1)), row(CODE.format(2)), row(CODE.format(3), 跑动次数=-1)])
    parsed = spreadsheets.parse(data, ListType.POWER)
    with pytest.raises(ValidationError) as exc:
        actions.import_rows(office_user, parsed, mode=ImportRun.Mode.ALL_OR_NOTHING, filename="x.xlsx")
    assert "一行也未导入" in exc.value.messages[0]
    assert not ServiceItem.objects.exists() and not ImportRun.objects.exists()
    assert not AuditRecord.objects.filter(action="services.import").exists()


def test_good_rows_mode_imports_the_good_rows_and_records_the_skipped(edu, themes, office_user):
    data = workbook([row(CODE.format(1)), row(CODE.format(2)), row(CODE.format(3), 跑动次数=-1)])
    parsed = spreadsheets.parse(data, ListType.POWER)
    run = actions.import_rows(office_user, parsed, mode=ImportRun.Mode.GOOD_ROWS, filename="x.xlsx")
    assert sorted(ServiceItem.objects.values_list("code", flat=True)) == [CODE.format(1), CODE.format(2)]
    assert run.bad_rows == 1 and run.report[0]["row"] == 4


def test_importing_the_same_sheet_again_updates_instead_of_duplicating(edu, themes, office_user):
    first = workbook([row(CODE.format(1)), row(CODE.format(2))])
    actions.import_rows(
        office_user, spreadsheets.parse(first, ListType.POWER), mode="all_or_nothing", filename="a.xlsx"
    )
    second = workbook([row(CODE.format(1), "教师资格认定（高级中学）", 所属主题=""), row(CODE.format(2))])
    run = actions.import_rows(
        office_user, spreadsheets.parse(second, ListType.POWER), mode="all_or_nothing", filename="b.xlsx"
    )
    assert (run.created, run.updated, run.unchanged) == (0, 1, 1)
    assert ServiceItem.objects.count() == 2
    item = ServiceItem.objects.get(code=CODE.format(1))
    assert item.name == "教师资格认定（高级中学）" and not item.themes.exists()


def test_rows_missing_four_key_elements_come_in_as_drafts(edu, themes, office_user):
    data = workbook([row(CODE.format(1), 设定依据="", 申请条件="", 办理时间="", 联系电话="")])
    actions.import_rows(
        office_user, spreadsheets.parse(data, ListType.POWER), mode="all_or_nothing", filename="a.xlsx"
    )
    item = ServiceItem.objects.get()
    assert item.status == ItemStatus.DRAFT and item.missing_count == 4


def test_department_staff_import_only_their_own_department(edu, hrss, themes, edu_editor):
    data = workbook([row(CODE.format(1)), row(CODE.format(2), "失业保险金申领", dept="市人社局")])
    parsed = spreadsheets.parse(data, ListType.POWER, department_scope=edu)
    assert [r["row"] for r in parsed.report()] == [3]
    assert "只能导入本部门（恩施市教育局）的事项" in parsed.report()[0]["errors"][0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a workbook", "不是 Excel 工作簿"),
        (b"PK\x03\x04broken zip", "无法读取"),
        (workbook([row(CODE.format(1))], headers=["编码", "名称"]), "表头缺少必填列"),
    ],
)
def test_a_file_that_is_not_the_template_is_refused(db, data, message):
    with pytest.raises(spreadsheets.SpreadsheetError) as exc:
        spreadsheets.parse(data, ListType.POWER)
    assert message in str(exc.value)


def test_export_reimports_to_the_same_items(edu, themes, office_user):
    data = workbook([row(CODE.format(i), f"教师资格认定（第{i}类）") for i in range(1, 4)])
    actions.import_rows(
        office_user, spreadsheets.parse(data, ListType.POWER), mode="all_or_nothing", filename="a.xlsx"
    )
    items = (
        ServiceItem.objects.filter(list_type=ListType.POWER)
        .prefetch_related("themes")
        .select_related("department")
    )
    exported = spreadsheets.export(ListType.POWER, items)
    parsed = spreadsheets.parse(exported, ListType.POWER)
    assert not parsed.errors and len(parsed.rows) == 3
    assert parsed.rows[0].values["themes"][0].slug == "jiaoyu"
    run = actions.import_rows(office_user, parsed, mode="all_or_nothing", filename="export.xlsx")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)


def test_admin_import_screen_validates_then_imports(client, edu, themes, edu_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(edu_editor)
    assert client.get("/admin/services-import/template/quanze/").status_code == 200
    data = workbook([row(CODE.format(1)), row(CODE.format(2), 跑动次数="x")])
    upload = lambda: SimpleUploadedFile("权责清单.xlsx", data)  # noqa: E731
    page = client.post(
        "/admin/services-import/", {"list_type": "power", "mode": "validate", "file": upload()}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "第 3 行" in body and "跑动次数：应为不小于 0 的整数。" in body
    assert not ServiceItem.objects.exists()
    page = client.post(
        "/admin/services-import/", {"list_type": "power", "mode": "all_or_nothing", "file": upload()}
    )
    assert "一行也未导入" in page.content.decode() and not ServiceItem.objects.exists()
    page = client.post(
        "/admin/services-import/", {"list_type": "power", "mode": "good_rows", "file": upload()}
    )
    assert "新增 1 项" in page.content.decode()
    assert list(ServiceItem.objects.values_list("code", flat=True)) == [CODE.format(1)]
    export = client.get("/admin/services-export/quanze/")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
