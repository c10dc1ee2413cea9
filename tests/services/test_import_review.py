"""Issue 15 #9, through the admin screens as staff click them: imported items wait for review (先审查后发布) and go
live only when published on their status page; the row-by-row errors download as an .xlsx with an 错误说明
column; the template offers drop-downs for its enumerated columns and explains itself."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gongkai.services.models import ItemStatus, ServiceItem

from .test_import import CODE, row, workbook

IMPORT = "/admin/services-import/"


def _upload(client, data, mode):
    return client.post(
        IMPORT, {"list_type": "power", "mode": mode, "file": SimpleUploadedFile("教育局权责清单.xlsx", data)}
    )


def test_imported_items_go_live_only_after_review_on_their_status_page(client, edu, themes, edu_editor):
    client.force_login(edu_editor)
    page = _upload(
        client, workbook([row(CODE.format(1)), row(CODE.format(2), "民办学校设立审批")]), "good_rows"
    )
    assert "新增 2 项" in page.content.decode()
    items = ServiceItem.objects.filter(department=edu).order_by("code")
    assert [i.status for i in items] == [ItemStatus.DRAFT, ItemStatus.DRAFT]
    assert all(i.published_at is None for i in items)
    # nothing of it is public yet
    assert client.get(f"/api/v1/services/items/{CODE.format(1)}").status_code == 404
    assert client.get("/api/v1/services/items").json()["count"] == 0

    # the reviewer opens the item's status page (the veto check of the ten key elements) and publishes it
    first = items[0]
    status_url = f"/admin/services-items/{first.pk}/status/"
    assert "发布" in client.get(status_url).content.decode()
    assert client.post(status_url, {"action": "publish"}).status_code == 302
    first.refresh_from_db()
    assert first.status == ItemStatus.PUBLISHED and first.published_at is not None
    assert client.get(f"/api/v1/services/items/{CODE.format(1)}").status_code == 200
    assert client.get(f"/api/v1/services/items/{CODE.format(2)}").status_code == 404

    # importing the same sheet again neither publishes the waiting item nor takes the published one down
    _upload(client, workbook([row(CODE.format(1)), row(CODE.format(2), "民办学校设立审批")]), "good_rows")
    assert dict(ServiceItem.objects.values_list("code", "status")) == {
        CODE.format(1): ItemStatus.PUBLISHED,
        CODE.format(2): ItemStatus.DRAFT,
    }


def test_the_error_report_downloads_as_xlsx_with_an_error_column(
    client, edu, themes, edu_editor, hrss_editor
):
    client.force_login(edu_editor)
    data = workbook(
        [
            row(CODE.format(1)),
            row(CODE.format(2), "民办学校设立审批", 跑动次数="两次"),
            row(CODE.format(3), "校外培训机构审批", dept="恩施市不存在局", 网上办理地址="zwfw.hubei"),
        ]
    )
    body = _upload(client, data, "validate").content.decode()
    link = re.search(r'href="(/admin/services-import/report/[^"]+\.xlsx)"', body)
    assert link and "下载错误报告" in body
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment;" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content))["错误报告"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["原表行号", "错误说明"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [(r[header.index("实施编码")], r[-2]) for r in rows] == [(CODE.format(2), 3), (CODE.format(3), 4)]
    assert rows[0][-1] == "跑动次数：应为不小于 0 的整数。"
    assert "责任部门：没有名为“恩施市不存在局”的部门。" in rows[1][-1] and "网上办理地址" in rows[1][-1]
    assert rows[0][header.index("跑动次数")] == "两次"  # the row as uploaded, to be corrected

    # corrected in the report itself and imported again: the two added columns are ignored
    wb = load_workbook(io.BytesIO(response.content))
    sheet = wb["错误报告"]
    sheet.cell(row=2, column=header.index("跑动次数") + 1, value=2)
    sheet.cell(row=3, column=header.index("责任部门") + 1, value="恩施市教育局")
    sheet.cell(row=3, column=header.index("网上办理地址") + 1, value="https://zwfw.hubei.gov.cn/")
    fixed = io.BytesIO()
    wb.save(fixed)
    assert "新增 2 项" in _upload(client, fixed.getvalue(), "all_or_nothing").content.decode()

    # the report is its uploader's only
    client.force_login(hrss_editor)
    assert client.get(link.group(1)).status_code == 404


def _validations(ws):
    return {str(dv.sqref).split(":")[0][:-1]: dv for dv in ws.data_validations.dataValidation}


def test_the_template_has_drop_downs_and_an_explanation_sheet(
    client, edu, hrss, office_dept, themes, office_user, edu_editor
):
    client.force_login(office_user)
    response = client.get("/admin/services-import/template/quanze/")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    rules = _validations(ws)
    letter = {h: chr(ord("A") + i) for i, h in enumerate(header)}
    assert set(rules) == {letter["责任部门"], letter["行使层级"], letter["权力类型"]}
    for dv in rules.values():
        assert dv.type == "list" and dv.showErrorMessage and dv.formula1.startswith("'选项'!")
        assert str(dv.sqref).endswith("2000")
    options = wb["选项"]
    assert options.sheet_state == "hidden"

    def listed(header_name):
        ref = rules[letter[header_name]].formula1.split("!")[1].replace("$", "")
        return [c.value for line in options[ref] for c in line]

    # the departments of the office's site, exactly those the import accepts
    assert set(listed("责任部门")) == {"恩施市教育局", "恩施市人力资源和社会保障局", "恩施市政务公开办公室"}
    assert listed("行使层级") == ["市级", "乡级", "村级"]
    assert "行政许可" in listed("权力类型") and "行政确认" in listed("权力类型")
    notes = wb.worksheets[1]
    assert notes.title == "填写说明"
    text = " ".join(str(c.value) for line in notes.iter_rows() for c in line if c.value)
    assert "下拉列表" in text and "待审核" in text and "错误报告" in text

    # a department's staff get their own department only
    client.force_login(edu_editor)
    wb = load_workbook(io.BytesIO(client.get("/admin/services-import/template/quanze/").content))
    ws = wb.worksheets[0]
    ref = _validations(ws)[letter["责任部门"]].formula1.split("!")[1].replace("$", "")
    assert [c.value for line in wb["选项"][ref] for c in line] == ["恩施市教育局"]
