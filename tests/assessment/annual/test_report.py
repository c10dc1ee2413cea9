"""The 2025 annual report on a small, hand-counted fixture: seven FOI cases across a year boundary and two
departments, two remedies, five normative documents in the catalog.

Hand count for the whole government, 2025 (columns 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计):
  一 新收:        p2 p6 p7 → 自然人 3; c3 商业 1; r4 科研 1; l5 法律 1                  = [3,1,1,0,1,0,6]
  二 上年结转:    p1 (received 2024-12-20, closed 2025-01-10)                          = [1,0,0,0,0,0,1]
  （一）予以公开: p1 p2                                                                 = [2,0,0,0,0,0,2]
  （二）部分公开: c3                                                                    = [0,1,0,0,0,0,1]
  （三）4 第三方: p6 (人社局)                                                            = [1,0,0,0,0,0,1]
  （四）1 不掌握: r4                                                                    = [0,0,1,0,0,0,1]
  （五）2 重复:   p7                                                                    = [1,0,0,0,0,0,1]
  （七）总计:                                                                           = [4,1,1,0,0,0,6]
  四 结转下年:    l5 (received 2025-12-22, open)                                         = [0,0,0,0,1,0,1]
  identity per column: 3+1=4+0, 1+0=1+0, 1+0=1+0, 0=0, 1+0=0+1, 0=0, 6+1=6+1.
Table 四: r4 行政复议 filed 2025-07-01, upheld 2025-08-15 → 复议 维持 1; p6 direct litigation filed 2025-12-01,
  corrected 2026-02-02 → in 2025 尚未审结 1.
Table 二 (教育局): N1 written 2025-03-10 valid; N2 written 2024-06-01 repealed 2025-08-01; N3 written 2023 valid;
  N5 written 2024 expired 2026-03-01; N4 a 2025 draft never published; O1 an ordinary notice.
  → 行政规范性文件 制发 1 (N1), 废止 1 (N2), 现行有效 3 (N1 N3 N5); 规章 0 0 0.
"""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from wagtail.models import Page

from gongkai.assessment.annual import actions, compute
from gongkai.assessment.annual.models import AnnualReport
from gongkai.core.audit import AuditRecord
from gongkai.disclosure import setup
from gongkai.disclosure.models import GovInfoPage, Topic
from gongkai.foi import actions as foi
from gongkai.foi import rules, services
from gongkai.foi.models import Application
from tests.disclosure.fixtures import act
from tests.foi.conftest import company_payload, person_payload, shanghai

D = datetime.date
O = rules.Outcome  # noqa: E741

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
]


def _case(payload, day, office):
    cleaned, errors = services.validate(payload)
    assert errors == {}
    app, _ = foi.submit(
        cleaned, channel="in_person", actor=office, at=shanghai(day.year, day.month, day.day, 9)
    )
    return app


def _answer(app, office, dept, editor, outcome, day):
    foi.assign(office, app, dept, at=shanghai(day.year, day.month, day.day, 9, 30))
    foi.department_reply(
        editor, app, outcome=outcome, reply_text="答复见告知书。", at=shanghai(*_ymd(day), 10)
    )
    foi.review(office, app, approve=True, secrecy_checked=True, at=shanghai(*_ymd(day), 11))
    foi.deliver(office, app, method="ems", proof="EMS 1103456789012", at=shanghai(*_ymd(day), 15))


def _ymd(day):
    return day.year, day.month, day.day


@pytest.fixture
def cases(db, office_user, edu, edu_editor, hrss, hrss_editor):
    p1 = _case(
        person_payload(description="请公开2024年恩施市义务教育阶段学校名单。"), D(2024, 12, 20), office_user
    )
    _answer(p1, office_user, edu, edu_editor, O.DISCLOSED, D(2025, 1, 10))
    p2 = _case(
        person_payload(name="谭志强", description="请公开2025年恩施市中小学校舍维修资金分配表。"),
        D(2025, 3, 3),
        office_user,
    )
    _answer(p2, office_user, edu, edu_editor, O.DISCLOSED, D(2025, 3, 20))
    c3 = _case(
        company_payload(description="请公开2025年恩施市校园食堂配送招标结果。"), D(2025, 5, 6), office_user
    )
    _answer(c3, office_user, edu, edu_editor, O.PARTIAL, D(2025, 5, 20))
    r4 = _case(
        company_payload(
            organization_type="research",
            name="恩施州农业科学院",
            description="请公开恩施市中小学生近视率调查原始数据。",
        ),
        D(2025, 6, 2),
        office_user,
    )
    _answer(r4, office_user, edu, edu_editor, O.UNAVAILABLE_NOT_HELD, D(2025, 6, 16))
    l5 = _case(
        company_payload(
            organization_type="legal_service",
            name="湖北施南律师事务所",
            description="请公开某民办学校办学许可证审批材料。",
        ),
        D(2025, 12, 22),
        office_user,
    )
    foi.assign(
        office_user, l5, edu, at=shanghai(2025, 12, 23, 9)
    )  # still being answered at the end of the year
    p6 = _case(
        person_payload(name="覃春梅", description="请公开某企业职工工伤认定决定书。"),
        D(2025, 7, 1),
        office_user,
    )
    _answer(p6, office_user, hrss, hrss_editor, O.WITHHELD_THIRD_PARTY, D(2025, 7, 10))
    p7 = _case(
        person_payload(name="谭志强", description="请再次公开2025年恩施市中小学校舍维修资金分配表。"),
        D(2025, 9, 1),
        office_user,
    )
    _answer(p7, office_user, edu, edu_editor, O.NOT_HANDLED_REPEAT, D(2025, 9, 10))
    review = foi.file_remedy(
        office_user, r4, kind="review", filed_on=D(2025, 7, 1), body="恩施市人民政府", at=shanghai(2025, 7, 1)
    )
    foi.decide_remedy(
        office_user, review, result="upheld", decided_on=D(2025, 8, 15), at=shanghai(2025, 8, 15)
    )
    suit = foi.file_remedy(
        office_user,
        p6,
        kind="litigation_direct",
        filed_on=D(2025, 12, 1),
        body="恩施市人民法院",
        at=shanghai(2025, 12, 1),
    )
    foi.decide_remedy(
        office_user, suit, result="corrected", decided_on=D(2026, 2, 2), at=shanghai(2026, 2, 2)
    )
    return {"p1": p1, "p6": p6, "r4": r4}


def _published(parent, title, written, published, edu, topic, **fields):
    validity = {k: fields.pop(k) for k in ("validity", "expiry_date") if k in fields}
    page = GovInfoPage(
        title=title, department=edu, topic=topic, written_date=written, live=published is not None, **fields
    )
    parent.add_child(instance=page)
    if published is not None:
        # a new item is saved as a draft (先审查后发布): this one stands for an item its review published
        GovInfoPage.objects.filter(pk=page.pk).update(
            live=True,
            published_date=published,
            index_no=f"{edu.code}/{published.year}-{page.pk:05d}",
            **validity,
        )
    return page


@pytest.fixture
def items(catalog, edu):
    topic = Topic.objects.get(name="教育", parent__name="科技、教育")
    policy = setup.column(catalog["edu"], "fdzdgknr", "zcwj")
    notice = setup.column(catalog["edu"], "fdzdgknr", "tzgg")
    n = {"doc_level": "normative", "genre": "通知"}
    _published(
        policy, "恩施市义务教育阶段学校招生入学管理办法", D(2025, 3, 10), D(2025, 3, 12), edu, topic, **n
    )
    _published(
        policy,
        "恩施市校外培训机构管理暂行办法",
        D(2024, 6, 1),
        D(2024, 6, 5),
        edu,
        topic,
        validity="repealed",
        expiry_date=D(2025, 8, 1),
        **n,
    )
    _published(policy, "恩施市中小学校园安全管理规定", D(2023, 2, 1), D(2023, 2, 3), edu, topic, **n)
    _published(policy, "恩施市学前教育资助办法（征求意见稿）", D(2025, 11, 3), None, edu, topic, **n)
    _published(
        policy,
        "恩施市教师交流轮岗实施办法",
        D(2024, 1, 5),
        D(2024, 1, 8),
        edu,
        topic,
        validity="expired",
        expiry_date=D(2026, 3, 1),
        **n,
    )
    _published(
        notice,
        "关于做好2025年秋季学期开学工作的通知",
        D(2025, 8, 20),
        D(2025, 8, 21),
        edu,
        topic,
        genre="通知",
    )


def test_tables_equal_the_hand_count(cases, items, edu, hrss):
    data = compute.compute(2025)
    flat = compute.table3_flat(data)
    assert data["table3"]["columns"] == COLUMNS
    assert flat["一、本年新收政府信息公开申请数量"] == [3, 1, 1, 0, 1, 0, 6]
    assert flat["二、上年结转政府信息公开申请数量"] == [1, 0, 0, 0, 0, 0, 1]
    assert flat["（一）予以公开"] == [2, 0, 0, 0, 0, 0, 2]
    assert flat["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == [0, 1, 0, 0, 0, 0, 1]
    assert flat["4.保护第三方合法权益"] == [1, 0, 0, 0, 0, 0, 1]
    assert flat["（三）不予公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert flat["1.本机关不掌握相关政府信息"] == [0, 0, 1, 0, 0, 0, 1]
    assert flat["2.重复申请"] == [1, 0, 0, 0, 0, 0, 1]
    assert flat["（六）其他处理"] == [0] * 7
    assert flat["（七）总计"] == flat["三、本年度办理结果"] == [4, 1, 1, 0, 0, 0, 6]
    assert flat["四、结转下年度继续办理"] == [0, 0, 0, 0, 1, 0, 1]
    assert data["table3"]["imbalances"] == []

    t4 = {r["label"]: r for r in data["table4"]["rows"]}
    assert t4["行政复议"]["结果维持"] == 1 and t4["行政复议"]["总计"] == 1
    assert t4["行政诉讼（未经复议直接起诉）"]["尚未审结"] == 1  # decided only in 2026
    assert t4["行政诉讼（未经复议直接起诉）"]["结果纠正"] == 0
    assert t4["行政诉讼（复议后起诉）"]["总计"] == 0

    docs = {r["label"]: r["values"] for r in data["table2"]["documents"]}
    assert docs == {"规章": [0, 0, 0], "行政规范性文件": [1, 1, 3]}
    # at the end of 2024, N2 and N5 were both still in force, N1 not yet written
    docs_2024 = {r["label"]: r["values"] for r in compute.compute(2024)["table2"]["documents"]}
    assert docs_2024["行政规范性文件"] == [2, 0, 3]

    # department level: 教育局 without 人社局's p6
    edu_flat = compute.table3_flat(compute.compute(2025, edu))
    assert edu_flat["一、本年新收政府信息公开申请数量"] == [2, 1, 1, 0, 1, 0, 5]
    assert edu_flat["（七）总计"] == [3, 1, 1, 0, 0, 0, 5]
    hrss_data = compute.compute(2025, hrss)
    assert compute.table3_flat(hrss_data)["（三）不予公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert {r["label"]: r["values"] for r in hrss_data["table2"]["documents"]}["行政规范性文件"] == [0, 0, 0]


def test_json_command_shape_and_labels_exact(cases):
    out = io.StringIO()
    call_command("annual-report", "2025", "--json", stdout=out)
    data = json.loads(out.getvalue())
    t3 = data["table3"]
    assert set(t3) == {"columns", "rows"}
    assert t3["columns"] == COLUMNS
    for label in LABELS:
        assert label in t3["rows"], label
        assert len(t3["rows"][label]) == 7 and all(isinstance(v, int) for v in t3["rows"][label])
    assert len([k for k in t3["rows"] if k[0].isdigit()]) == 19  # the numbered sub-rows of （三）–（六）
    assert t3["rows"]["（七）总计"] == [4, 1, 1, 0, 0, 0, 6]
    assert data["identity"]["holds"] is True
    assert data["table4"]["rows"]["行政复议"] == [1, 0, 0, 0, 1]

    out = io.StringIO()
    call_command("annual-report", "2025", "--department", "市人社局", "--json", stdout=out)
    assert json.loads(out.getvalue())["table3"]["rows"]["一、本年新收政府信息公开申请数量"] == [
        1,
        0,
        0,
        0,
        0,
        0,
        1,
    ]


def test_broken_identity_is_reported_and_never_submitted(cases, office_user, catalog, edu):
    # a case closed before it was received (bad data) breaks the identity of table 三
    Application.objects.filter(pk=cases["r4"].pk).update(closed_on=D(2024, 12, 30))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("annual-report", "2025", "--json", stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert "勾稽关系不成立" in err.getvalue() and "科研机构：1 + 0 ≠ 0 + 0" in err.getvalue()

    report = actions.create_report(office_user, 2025, edu)
    assert not report.balanced
    assert any("科研机构" in line for line in report.data["table3"]["imbalances"])
    with pytest.raises(ValidationError, match="勾稽关系不成立"):
        actions.submit(office_user, report)
    report.refresh_from_db()
    assert report.page is None
    assert not GovInfoPage.objects.filter(title=report.title).exists()


def test_report_is_published_only_through_review(cases, items, edu, edu_editor, edu_reviewers):
    report = actions.create_report(edu_editor, 2025, edu)
    assert report.title == "恩施市教育局2025年政府信息公开工作年度报告"
    assert report.format_version == "2021" and report.format_label == "国办公开办函〔2021〕30号"
    assert "全年新收政府信息公开申请5件" in report.overview
    with pytest.raises(ValidationError, match="表二尚有未填报"):
        actions.submit(edu_editor, report)
    with pytest.raises(ValidationError) as exc:
        actions.edit(edu_editor, report, inputs={"licensing": {"value": "12", "source": ""}})
    assert "licensing_source" in exc.value.message_dict
    entered = {
        "licensing": {"value": "12", "source": "市政数局审批系统年度统计"},
        "penalty": {"value": "3", "source": "市教育局法规科台账"},
        "coercion": {"value": "0", "source": "市教育局法规科台账"},
        "fees_wan": {"value": "0", "source": "市财政局非税收入系统"},
    }
    actions.edit(
        edu_editor, report, inputs=entered, problems="一是政策解读形式单一。\n二是个别栏目更新不及时。"
    )
    page = actions.submit(edu_editor, report)

    page = GovInfoPage.objects.get(pk=page.pk)
    assert not page.live and page.workflow_in_progress
    assert page.get_parent().specific.kind == "annual_report"
    assert page.department == edu and page.genre == "报告"
    report.refresh_from_db()
    assert report.status == "审核中"
    with pytest.raises(ValidationError, match="审核中"):
        actions.edit(edu_editor, report, overview="改一改")
    revision = page.get_latest_revision_as_object()
    assert "一、本年新收政府信息公开申请数量" in revision.body
    assert "市政数局审批系统年度统计" in revision.body  # the entered figure shows its source
    assert "二是个别栏目更新不及时。" in revision.body
    assert [a.title for a in revision.attachments.all()] == [
        "恩施市教育局2025年政府信息公开工作年度报告.docx"
    ]

    # the section head sends it back; the editor corrects the text and submits again
    act(page, edu_reviewers["section"], "reject", comment="第五部分请写明整改时限")
    report.refresh_from_db()
    assert report.status == "已退回，待修改后重新提交"
    actions.edit(edu_editor, report, problems="一是政策解读形式单一，2026年6月底前完成整改。")
    page = actions.submit(edu_editor, report)
    assert "2026年6月底前完成整改" in GovInfoPage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    for step in ("section", "secrecy", "leader"):
        act(page, edu_reviewers[step])
    page = GovInfoPage.objects.get(pk=page.pk)
    assert page.live and page.published_date is not None and page.index_no
    assert "2026年6月底前完成整改" in page.body
    report.refresh_from_db()
    assert report.status == "已发布"
    assert list(
        AuditRecord.objects.filter(object_type="assessment.annualreport", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["annual.create", "annual.edit", "annual.submit", "annual.edit", "annual.submit"]


def test_reviewer_cannot_edit_away_the_tables(client, cases, items, edu, edu_editor, edu_reviewers):
    """The 年报 page's body holds tables the rich-text editor cannot keep: in the page editor it is read-only,
    with a link to the report; a posted body is ignored. An ordinary item's body stays editable."""
    from django.urls import reverse

    from tests.conftest import PASSWORD

    report = actions.create_report(edu_editor, 2025, edu)
    entered = {key: {"value": "0", "source": "市教育局法规科台账"} for key, *_ in compute.INPUTS}
    actions.edit(edu_editor, report, inputs=entered)
    page = GovInfoPage.objects.get(pk=actions.submit(edu_editor, report).pk)
    stored = page.get_latest_revision_as_object().body

    reviewer = edu_reviewers["section"]
    client.login(username=reviewer.username, password=PASSWORD)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "不能在此编辑" in html and f"/admin/annual-reports/{report.pk}/" in html
    assert "一、本年新收政府信息公开申请数量" in html  # the tables are shown as they will be published

    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page.get_latest_revision_as_object(), for_user=reviewer)
    assert form.fields["body"].disabled
    bound = form_class({"body": "<p>审核人员改写的正文</p>"}, instance=page, for_user=reviewer)
    assert bound["body"].value() == page.body and "审核人员改写的正文" not in bound["body"].value()
    assert "<table" in stored

    other = GovInfoPage.objects.exclude(pk=page.pk).first()
    assert not form_class(instance=other, for_user=reviewer).fields["body"].disabled


def test_who_may_make_which_report(db, edu, hrss, edu_editor, office_user):
    with pytest.raises(PermissionDenied):
        actions.create_report(edu_editor, 2025, None)
    with pytest.raises(PermissionDenied):
        actions.create_report(edu_editor, 2025, hrss)
    gov = actions.create_report(office_user, 2025, None)
    assert gov.title == "恩施市人民政府2025年政府信息公开工作年度报告"
    assert "工作考核、社会评议和责任追究结果情况" in gov.other_matters
    with pytest.raises(ValidationError, match="已存在"):
        actions.create_report(office_user, 2025, None)
    hrss_report = actions.create_report(office_user, 2025, hrss)
    assert set(AnnualReport.objects.for_user(edu_editor)) == set()
    assert set(AnnualReport.objects.for_user(office_user)) == {gov, hrss_report}
    with pytest.raises(ValidationError):
        actions.create_report(office_user, 2031, None)  # a year not over yet


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ({"licensing": {"value": "-1", "source": "台账"}}, "licensing"),
        ({"licensing": {"value": "1.5", "source": "台账"}}, "licensing"),
        ({"fees_wan": {"value": "abc", "source": "台账"}}, "fees_wan"),
        ({"fees_wan": {"value": "1.23456", "source": "台账"}}, "fees_wan"),
        ({"penalty": {"value": "7", "source": " "}}, "penalty_source"),
    ],
)
def test_entered_figures_are_checked(raw, error):
    _, errors = compute.clean_inputs(raw)
    assert list(errors) == [error]


def test_entered_figures_accepted():
    inputs, errors = compute.clean_inputs(
        {
            "licensing": {"value": "1024", "source": "审批系统"},
            "fees_wan": {"value": "12.35", "source": "非税系统"},
        }
    )
    assert errors == {}
    assert inputs["licensing"] == {"value": 1024, "source": "审批系统"}
    assert inputs["fees_wan"] == {"value": "12.35", "source": "非税系统"}
    assert inputs["penalty"] == {"value": None, "source": ""}


def test_docx_has_the_tables(cases, office_user):
    from docx import Document

    from gongkai.assessment.annual import render

    report = actions.create_report(office_user, 2025, None)
    document = Document(io.BytesIO(render.build_docx(report)))
    assert len(document.tables) == 3
    t3 = document.tables[1]
    rows = {row.cells[0].text: [c.text for c in row.cells[-7:]] for row in t3.rows}
    assert rows["一、本年新收政府信息公开申请数量"] == ["3", "1", "1", "0", "1", "0", "6"]
    assert rows["四、结转下年度继续办理"] == ["0", "0", "0", "0", "1", "0", "1"]
    assert [c.text for c in document.tables[2].rows[-1].cells][:5] == ["1", "0", "0", "0", "1"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "国办公开办函〔2021〕30号" in text and "六、其他需要报告的事项" in text


def test_docx_is_a4_with_the_tables_in_the_official_layout(cases, items, office_user):
    """Issue 15 finding 6: A4 with the GB/T 9704 margins (not US Letter), 表三 and 表四 on a landscape page, 表三's
    label cells merged as in the 2021 format, its figures right-aligned, its label columns wide enough."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    from gongkai.assessment.annual import render

    report = actions.create_report(office_user, 2025, None)
    document = Document(io.BytesIO(render.build_docx(report)))
    sizes = [(round(s.page_width.mm), round(s.page_height.mm), s.orientation) for s in document.sections]
    assert sizes == [
        (210, 297, WD_ORIENT.PORTRAIT),
        (297, 210, WD_ORIENT.LANDSCAPE),
        (210, 297, WD_ORIENT.PORTRAIT),
    ]
    first = document.sections[0]
    assert [
        round(m.mm) for m in (first.top_margin, first.left_margin, first.right_margin, first.bottom_margin)
    ] == [
        37,
        28,
        26,
        35,
    ]
    body = document.element.body
    t2, t3, t4 = (t._tbl for t in document.tables)
    children = list(body)
    # 表三 and 表四 lie in the landscape section: after the paragraph closing section 1, before the one closing 2
    breaks = [i for i, el in enumerate(children) if el.find(f".//{qn('w:sectPr')}") is not None]
    assert breaks[0] < children.index(t3) < children.index(t4) < breaks[1]
    assert children.index(t2) < breaks[0]

    table = document.tables[1]
    grid = [[round(int(c.get(qn("w:w"))) / 56.7) for c in t3.tblGrid.findall(qn("w:gridCol"))]]
    assert len(grid[0]) == 10 and sum(grid[0]) <= 225 and grid[0][2] >= 80  # 1.… labels on one or two lines

    def cell_of(row, text):
        return next(tc for tc in row._tr.findall(qn("w:tc")) if _text(tc) == text)

    def _text(tc):
        return "".join(t.text for t in tc.iter(qn("w:t")))

    def span(tc):
        node = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        return int(node.get(qn("w:val"))) if node is not None else 1

    def vmerge(tc):
        node = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        return None if node is None else node.get(qn("w:val"), "continue")

    rows = table.rows
    head = cell_of(rows[0], "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert span(head) == 3 and vmerge(head) == "restart"
    assert span(cell_of(rows[0], "申请人情况")) == 7
    assert vmerge(cell_of(rows[1], "自然人")) == "restart" and vmerge(cell_of(rows[1], "总计")) == "restart"
    assert span(cell_of(rows[1], "法人或其他组织")) == 5
    assert [_text(tc) for tc in rows[2]._tr.findall(qn("w:tc"))][-6:-1] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    by_label = {r.cells[2].text: r for r in rows[3:]}
    assert (
        span(cell_of(by_label["一、本年新收政府信息公开申请数量"], "一、本年新收政府信息公开申请数量")) == 3
    )
    assert span(cell_of(by_label["四、结转下年度继续办理"], "四、结转下年度继续办理")) == 3
    assert span(cell_of(by_label["（一）予以公开"], "（一）予以公开")) == 2
    assert span(cell_of(by_label["（七）总计"], "（七）总计")) == 2
    # 三、本年度办理结果 down the left of its rows, （三）不予公开 down the left of its eight
    results = [r for r in rows[3:] if r.cells[0].text == "三、本年度办理结果"]
    assert results[0].cells[2].text == "（一）予以公开" and results[-1].cells[2].text == "（七）总计"
    withheld = [r for r in rows[3:] if r.cells[1].text == "（三）不予公开"]
    assert withheld[0].cells[2].text == "1.属于国家秘密" and len(withheld) == 8

    def tc(row, j):  # the j-th w:tc of the row itself (row.cells gives a merge's first cell)
        return row._tr.findall(qn("w:tc"))[j]

    assert vmerge(tc(results[0], 0)) == "restart" and vmerge(tc(results[1], 0)) == "continue"
    assert vmerge(tc(results[-1], 0)) == "continue"
    assert vmerge(tc(withheld[0], 1)) == "restart" and vmerge(tc(withheld[-1], 1)) == "continue"
    # the figures right-aligned, the header rows repeated on a following page
    new = by_label["一、本年新收政府信息公开申请数量"]
    assert [c.text for c in new.cells[-7:]] == ["3", "1", "1", "0", "1", "0", "6"]
    assert {c.paragraphs[0].alignment for c in new.cells[-7:]} == {WD_ALIGN_PARAGRAPH.RIGHT}
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is not None for r in rows[:3])
    # 表四: 行政复议's five columns each down two header rows, 行政诉讼 over two groups of five
    t4_rows = document.tables[2].rows
    assert span(cell_of(t4_rows[0], "行政复议")) == 5 and span(cell_of(t4_rows[0], "行政诉讼")) == 10
    assert vmerge(t4_rows[1]._tr.findall(qn("w:tc"))[0]) == "restart"
    assert span(cell_of(t4_rows[1], "未经复议直接起诉")) == 5 and span(cell_of(t4_rows[1], "复议后起诉")) == 5
    assert {c.paragraphs[0].alignment for c in t4_rows[3].cells} == {WD_ALIGN_PARAGRAPH.RIGHT}
    # 表二: the figures right-aligned too
    t2_rows = {r.cells[0].text: r for r in document.tables[0].rows}
    assert [c.text for c in t2_rows["行政规范性文件"].cells[1:]] == ["1", "1", "3"]
    assert {c.paragraphs[0].alignment for c in t2_rows["行政规范性文件"].cells[1:]} == {
        WD_ALIGN_PARAGRAPH.RIGHT
    }


def test_admin_pages(client, cases, office_user, edu_editor, edu, django_assert_max_num_queries):
    from tests.conftest import PASSWORD

    client.login(username="gkb", password=PASSWORD)
    response = client.post("/admin/annual-reports/new/", {"year": "2025", "department": ""})
    report = AnnualReport.objects.get(year=2025, department=None)
    assert response.status_code == 302 and response.url.endswith(f"/annual-reports/{report.pk}/")
    with django_assert_max_num_queries(40):
        page = client.get(f"/admin/annual-reports/{report.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "一、本年新收政府信息公开申请数量" in html and "勾稽关系" in html
    response = client.post(
        f"/admin/annual-reports/{report.pk}/",
        {
            "action": "save",
            "overview": report.overview,
            "problems": report.problems,
            "other_matters": "本年度未收取信息处理费。",
            "licensing_value": "abc",
            "licensing_source": "审批系统",
        },
    )
    assert response.status_code == 400 and "须为不小于 0 的整数" in response.content.decode()
    report.refresh_from_db()
    assert report.other_matters != "本年度未收取信息处理费。"  # nothing half-stored
    docx = client.get(f"/admin/annual-reports/{report.pk}/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"

    client.logout()
    client.login(username="jyj_editor", password=PASSWORD)
    assert client.get(f"/admin/annual-reports/{report.pk}/").status_code == 404  # not the department's
    assert (
        "恩施市人民政府" not in client.get("/admin/annual-reports/").content.decode().split("已编制的年报")[1]
    )


def test_published_report_in_the_api(cases, items, edu, edu_editor, edu_reviewers, client):
    report = actions.create_report(edu_editor, 2025, edu)
    assert client.get("/api/v1/assessment/annual-reports").json() == []
    inputs = {k: {"value": "0", "source": "台账"} for k in compute.INPUT_KEYS}
    actions.edit(edu_editor, report, inputs=inputs)
    page = actions.submit(edu_editor, report)
    assert client.get(f"/api/v1/assessment/annual-reports/{report.pk}").status_code == 404  # under review
    for step in ("section", "secrecy", "leader"):
        act(Page.objects.get(pk=page.pk).specific, edu_reviewers[step])
    listed = client.get("/api/v1/assessment/annual-reports").json()
    assert [r["title"] for r in listed] == ["恩施市教育局2025年政府信息公开工作年度报告"]
    body = client.get(f"/api/v1/assessment/annual-reports/{report.pk}").json()
    assert body["table3"]["rows"]["（七）总计"] == [3, 1, 1, 0, 0, 0, 5]
    public = client.get(listed[0]["url"])
    assert public.status_code == 200 and "收到和处理政府信息公开申请情况" in public.content.decode()


def test_the_html_table_four_is_drawn_like_the_2021_format(cases, office_user):
    """表四 in the published body as in the .docx and the 2021 format: 行政复议 over its five results, each down the
    two lower header rows; 行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over the same five; figures right-aligned."""
    from bs4 import BeautifulSoup

    from gongkai.assessment.annual import render

    report = actions.create_report(office_user, 2025, None)
    soup = BeautifulSoup(render.body_html(report), "html.parser")
    table = next(t for t in soup.find_all("table") if "行政复议" in t.caption.text)
    head = table.thead.find_all("tr")
    cells = [
        [(th.text, th.get("colspan", "1"), th.get("rowspan", "1")) for th in row.find_all("th")]
        for row in head
    ]
    assert cells[0] == [("行政复议", "5", "1"), ("行政诉讼", "10", "1")]
    assert [c[2] for c in cells[1][:5]] == ["2"] * 5 and cells[1][0][0] == "结果维持"
    assert cells[1][5:] == [("未经复议直接起诉", "5", "1"), ("复议后起诉", "5", "1")]
    assert len(cells[2]) == 10 and [c[0] for c in cells[2][:5]] == [c[0] for c in cells[1][:5]]
    figures = table.tbody.find_all("td")
    assert [td.text for td in figures][:5] == ["1", "0", "0", "0", "1"]
    assert all("num" in td["class"] for td in figures) and len(figures) == 15


def test_the_html_tables_two_and_three_right_align_their_figures(cases, office_user):
    """Figures read down a column as in the official format: every count cell of 表二 and 表三 is right-aligned
    (td.num), the 未填报 marks and the labels are not."""
    from bs4 import BeautifulSoup

    from gongkai.assessment.annual import render

    report = actions.create_report(office_user, 2025, None)
    soup = BeautifulSoup(render.body_html(report), "html.parser")
    tables = soup.find_all("table")
    assert len(tables) >= 3
    for table in tables[:2]:
        figures = [
            td for td in table.tbody.find_all("td") if td.text.strip().lstrip("-").replace(".", "").isdigit()
        ]
        assert figures, table.caption
        assert all("num" in td.get("class", []) for td in figures), table.caption
