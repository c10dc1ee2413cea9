"""12345 intake (F19): idempotent on the ticket number, all or nothing with a row-by-row report, keyword rules,
FOI requests redirected (no FOI case created here), token-authenticated API, export back as XLSX."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from gongkai.interaction import actions, hotline
from gongkai.interaction.models import Case, IntegrationToken, KeywordRule, Status

HEADER = ["工单编号", "来电时间", "来电人", "联系电话", "标题", "诉求内容", "承办部门"]
ROWS = [
    [
        "RX202611010001",
        "2026-11-01 09:12",
        "王先生",
        "13607182222",
        "小区征收补偿公示在哪看",
        "舞阳坝街道金桂小区房屋征收补偿方案说要公示，请问在哪里公开？",
        "恩施市住房和城乡建设局",
    ],
    [
        "RX202611010002",
        "2026-11-01 10:40",
        "刘女士",
        "13807183333",
        "申请公开低保审批材料",
        "我要依申请公开2025年我村低保户评审会议记录。",
        "",
    ],
    [
        "RX202611010003",
        "2026-11-01 11:05",
        "",
        "",
        "楼上装修噪音扰民",
        "楼上每天晚上十点后还在装修，严重扰民。",
        "",
    ],
]


def csv_file(rows, name="12345.csv", encoding="utf-8-sig"):
    text = "\n".join(",".join(r) for r in [HEADER, *rows])
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("12345.xlsx", out.getvalue())


@pytest.fixture
def housing(db):
    from gongkai.org.models import Department

    return Department.objects.create(
        name="恩施市住房和城乡建设局", short_name="市住建局", code="114228010000044512"
    )


def test_import_classifies_redirects_and_is_idempotent(db, routed, housing, office_user):
    result = hotline.import_tickets(hotline.read_file(csv_file(ROWS)), office_user)
    assert len(result.created) == 1 and len(result.redirected) == 1
    assert result.skipped == [("RX202611010003", "未命中政务公开关键词，不属于本平台办理范围")]
    ticket = Case.objects.get(hotline_ticket_no="RX202611010001")
    assert (
        ticket.channel == "hotline" and ticket.disclosure_related and ticket.suggested_department == housing
    )
    foi = Case.objects.get(hotline_ticket_no="RX202611010002")
    assert foi.status == Status.REDIRECTED and foi.foi_redirected and "/ysqgk/shenqing/" in foi.reply
    # a second import of the same file adds nothing and changes nothing
    again = hotline.import_tickets(hotline.read_file(csv_file(ROWS)), office_user)
    assert again.created == [] and sorted(again.unchanged) == ["RX202611010001", "RX202611010002"]
    assert Case.objects.count() == 2


def test_xlsx_and_gbk_csv(db, routed, housing, office_user):
    assert len(hotline.import_tickets(hotline.read_file(xlsx_file(ROWS[:1])), office_user).created) == 1
    rows = [
        ["RX202611020001", "2026/11/02 08:00", "张女士", "", "政务公开栏更新", "村务公开栏半年没更新了。", ""]
    ]
    assert (
        len(
            hotline.import_tickets(hotline.read_file(csv_file(rows, encoding="gb18030")), office_user).created
        )
        == 1
    )


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (["", "2026-11-01 09:00", "王", "", "标题", "政务公开信息在哪查看", ""], "ticket_no", "缺少工单编号"),
        (
            ["RX 1", "2026-11-01 09:00", "王", "", "标题", "政务公开信息在哪查看", ""],
            "ticket_no",
            "字母、数字",
        ),
        (["RX0009", "昨天", "王", "", "标题", "政务公开信息在哪查看", ""], "received_at", "YYYY-MM-DD"),
        (
            ["RX0009", "2099-01-01 09:00", "王", "", "标题", "政务公开信息在哪查看", ""],
            "received_at",
            "不能晚于",
        ),
        (
            ["RX0009", "2026-11-01 09:00", "王", "123", "标题", "政务公开信息在哪查看", ""],
            "phone",
            "格式不正确",
        ),
        (["RX0009", "2026-11-01 09:00", "王", "", "标题", "", ""], "content", "请填写诉求内容"),
        (
            ["RX0009", "2026-11-01 09:00", "王", "", "标题", "政务公开信息在哪查看", "火星局"],
            "department",
            "不存在",
        ),
    ],
)
def test_one_bad_row_rejects_the_whole_file(db, routed, office_user, row, field, words):
    with pytest.raises(hotline.ImportRejected) as exc:
        hotline.import_tickets(hotline.read_file(csv_file([[*ROWS[0][:6], ""], row])), office_user)
    assert any(r == 3 and f == field and words in m for r, f, m in exc.value.errors), exc.value.errors
    assert not Case.objects.exists()


def test_duplicate_ticket_in_one_file(db, routed, office_user):
    with pytest.raises(hotline.ImportRejected) as exc:
        hotline.import_tickets(
            hotline.read_file(csv_file([[*ROWS[0][:6], ""], [*ROWS[0][:6], ""]])), office_user
        )
    assert exc.value.errors == [(3, "ticket_no", "工单编号与第 2 行重复。")]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01\x02binary", "文件类型不正确"),
        (b"PK\x03\x04 broken zip", "XLSX 文件无法读取"),
        ("编号,内容\n1,2".encode(), "缺少必需的列"),
        (b"", "文件为空"),
    ],
)
def test_bad_files(db, content, words):
    with pytest.raises(hotline.ImportRejected) as exc:
        hotline.read_file(SimpleUploadedFile("x.csv", content))
    assert words in exc.value.errors[0][2]


def test_keyword_rules_are_editable(db, routed, office_user):
    KeywordRule.objects.create(kind=KeywordRule.Kind.DISCLOSURE, keyword="噪音")
    result = hotline.import_tickets(hotline.read_file(csv_file(ROWS[2:])), office_user)
    assert len(result.created) == 1


def test_token_api(client, routed, housing, office_user):
    item, token = hotline.create_token(office_user, "恩施市12345政务服务便民热线")
    assert (
        IntegrationToken.objects.get().token_hash == IntegrationToken.hash(token)
        and token not in item.token_hash
    )
    tickets = [
        dict(
            zip(
                ["ticket_no", "received_at", "name", "phone", "title", "content", "department"],
                r,
                strict=True,
            )
        )
        for r in ROWS
    ]
    body = json.dumps({"tickets": tickets}, ensure_ascii=False)
    r = client.post("/api/v1/hotline/tickets", body, content_type="application/json")
    assert r.status_code == 401 and "令牌" in r.json()["errors"]["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    r = client.post("/api/v1/hotline/tickets", body, content_type="application/json", **auth)
    assert r.status_code == 200
    assert len(r.json()["created"]) == 1 and len(r.json()["redirected_foi"]) == 1
    r = client.post("/api/v1/hotline/tickets", body, content_type="application/json", **auth)
    assert r.json()["created"] == [] and len(r.json()["unchanged"]) == 2
    bad = json.dumps(
        {"tickets": [{**tickets[0], "ticket_no": "RX999999"}, {**tickets[0], "received_at": "x"}]}
    )
    r = client.post("/api/v1/hotline/tickets", bad, content_type="application/json", **auth)
    assert r.status_code == 422 and "tickets[1].received_at" in r.json()["errors"]
    assert not Case.objects.filter(hotline_ticket_no="RX999999").exists()
    IntegrationToken.objects.update(active=False)
    assert (
        client.post("/api/v1/hotline/tickets", body, content_type="application/json", **auth).status_code
        == 401
    )


def test_export_replies_and_ratings(db, routed, housing, office_user, make_staff):
    from gongkai.core import roles

    hotline.import_tickets(hotline.read_file(csv_file(ROWS[:2])), office_user)
    case = Case.objects.get(hotline_ticket_no="RX202611010001")
    clerk = make_staff(housing, roles.EDITOR)
    case = actions.dispatch(office_user, case, housing)
    case = actions.submit_reply(
        clerk, case, "征收补偿方案已在市政府网站“重点领域信息公开—征收补偿”栏目公示。"
    )
    case = actions.review_reply(office_user, case, approve=True)
    actions.rate(case, 4, "找到了")
    ws = load_workbook(io.BytesIO(hotline.export_xlsx(Case.objects.filter(channel="hotline")))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "工单编号"
    by_ticket = {r[0]: r for r in rows[1:]}
    assert by_ticket["RX202611010001"][6] == "满意" and "征收补偿" in by_ticket["RX202611010001"][5]
    assert by_ticket["RX202611010002"][9] == "是"
