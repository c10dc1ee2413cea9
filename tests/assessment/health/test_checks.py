"""Each check of the site health monitor on fixed data with real dates (国办秘函〔2019〕19号 lines)."""

import datetime
import urllib.parse

import pytest

from gongkai.assessment import registry
from gongkai.assessment.health import checks
from gongkai.assessment.health.models import Check, Severity
from gongkai.disclosure import health as disclosure_health
from gongkai.disclosure.models import ColumnPage
from gongkai.interaction import actions as interaction_actions
from gongkai.interaction import health as interaction_health
from gongkai.interaction.models import Case, Channel
from gongkai.newmedia import health as newmedia_health
from gongkai.portal import health as portal_health
from gongkai.services import health as services_health
from gongkai.services.models import ItemStatus, ServiceItem

from .conftest import at

NEWS = ("fdzdgknr", "gzdt")
POLICY = ("fdzdgknr", "zcwj")
NOTICE = ("fdzdgknr", "tzgg")


# --- 首页更新: warn at 10 days, veto at 14 -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("checked", "status", "idle"),
    [
        (at(2026, 11, 16), Severity.OK, 6),
        (at(2026, 11, 19), Severity.OK, 9),
        (at(2026, 11, 20), Severity.WARNING, 10),
        (at(2026, 11, 23), Severity.WARNING, 13),
        (at(2026, 11, 24), Severity.VETO, 14),
        (at(2026, 12, 31), Severity.VETO, 51),
    ],
)
def test_home_page_idle_days(add_item, checked, status, idle):
    add_item("edu", NEWS, datetime.date(2026, 11, 2))
    add_item("hrss", NOTICE, datetime.date(2026, 11, 10))  # the newest item the home page shows
    outcome = portal_health.check_home(checked)
    assert (outcome.status, outcome.figure) == (status, idle)
    assert "2026-11-10" in outcome.detail
    assert [f.severity for f in outcome.findings] == ([] if status == Severity.OK else [status])


def test_home_page_counts_only_what_it_shows(add_item):
    # a column the home page does not show (法律法规-like "other" kinds) does not refresh the home page
    add_item("edu", NEWS, datetime.date(2026, 10, 1))
    add_item("edu", ("zhidu",), datetime.date(2026, 11, 20))
    outcome = portal_health.check_home(at(2026, 11, 20))
    assert outcome.status == Severity.VETO and outcome.figure == 50


def test_home_page_without_dated_items_is_not_updated(catalog):
    outcome = portal_health.check_home(at(2026, 11, 20))
    assert outcome.status == Severity.VETO
    assert "视为不更新" in outcome.detail


# --- 栏目更新 ------------------------------------------------------------------------------------------------------
def test_idle_columns_warn_below_the_veto_line(add_item, edu):
    add_item("edu", NEWS, datetime.date(2026, 11, 1))  # 工作动态, cycle 14: 19 days idle
    add_item("edu", POLICY, datetime.date(2026, 9, 1))  # 政策文件, cycle 180: 80 days, fine
    add_item("hrss", NEWS, datetime.date(2026, 11, 10))  # 10 days: fine
    outcome = disclosure_health.check_columns(at(2026, 11, 20))
    assert outcome.status == Severity.WARNING and outcome.figure == 1
    (finding,) = outcome.findings
    assert finding.department == edu and finding.severity == Severity.WARNING
    assert finding.subject == "市教育局·工作动态" and finding.days == 19
    assert "2026-11-01" in finding.detail and finding.url.endswith("/gzdt/")


def test_idle_column_on_its_last_day_is_not_yet_idle(add_item):
    add_item("edu", NEWS, datetime.date(2026, 11, 7))
    assert disclosure_health.check_columns(at(2026, 11, 20)).status == Severity.OK  # 13 days
    assert disclosure_health.check_columns(at(2026, 11, 21)).status == Severity.WARNING  # 14 days


def test_five_news_and_policy_columns_idle_is_a_veto(add_item, edu, hrss):
    for key in ("edu", "hrss"):
        add_item(key, NEWS, datetime.date(2026, 10, 30))  # 21 days
        add_item(key, POLICY, datetime.date(2026, 5, 1))  # 203 days
    add_item("edu", NOTICE, datetime.date(2026, 5, 20))  # 184 days
    add_item("hrss", NOTICE, datetime.date(2026, 11, 18))  # fresh
    outcome = disclosure_health.check_columns(at(2026, 11, 20))
    assert outcome.status == Severity.VETO and outcome.figure == 5
    assert "单项否决" in outcome.detail
    assert {f.severity for f in outcome.findings} == {Severity.VETO}
    assert sorted(f.department.short_name for f in outcome.findings).count("市教育局") == 3


def test_ten_idle_columns_of_any_kind_is_a_veto(catalog, add_item):
    ColumnPage.objects.filter(slug__in=["zhidu", "gknb"]).update(update_cycle_days=30)
    for key in ("edu", "hrss"):
        for column in (("fdzdgknr", "zcjd"), ("fdzdgknr", "tj"), ("zhidu",), ("gknb",)):
            add_item(key, column, datetime.date(2026, 5, 1))
    add_item("edu", NEWS, datetime.date(2026, 11, 1))
    outcome = disclosure_health.check_columns(at(2026, 11, 20))
    assert (outcome.status, outcome.figure) == (Severity.WARNING, 9)
    add_item("hrss", NEWS, datetime.date(2026, 11, 1))
    outcome = disclosure_health.check_columns(at(2026, 11, 20))
    assert (outcome.status, outcome.figure) == (Severity.VETO, 10)
    assert (
        outcome.detail == "应更新未更新栏目 10 个（单项否决）"
    )  # only 2 news columns: the other line is not met
    assert outcome.findings[0].days == 203  # longest idle first


# --- 空白栏目 ------------------------------------------------------------------------------------------------------
def test_empty_columns(catalog, add_item, edu):
    leaves = ColumnPage.objects.filter(depth__gte=catalog["edu"].depth + 1).exclude(slug="fdzdgknr")
    assert leaves.count() == 18  # 9 leaf columns in each of the two catalogs
    # new catalogs start with no blank column (tests/disclosure/test_standard_columns.py); these stand for
    # catalogs whose standard text and 本单位暂无 marks are gone
    assert disclosure_health.check_empty_columns(at(2026, 11, 20)).figure == 0
    ColumnPage.objects.update(standard_body="", absence="", absence_note="", absence_since=None)
    outcome = disclosure_health.check_empty_columns(at(2026, 11, 20))
    assert outcome.status == Severity.VETO and outcome.figure == 18
    # items, a 栏目说明 or sub-columns make a column not blank
    for slug in ("zhinan", "zhidu", "zcwj", "zcjd", "tj", "tzgg", "gknb"):
        add_item(
            "edu",
            (slug,) if slug in ("zhinan", "zhidu", "gknb") else ("fdzdgknr", slug),
            datetime.date(2026, 11, 2),
        )
    ColumnPage.objects.filter(slug="ysqgk").update(
        intro="<p>申请人可通过网上申请、信函、当面等方式提出政府信息公开申请。</p>"
    )
    ColumnPage.objects.filter(slug__in=["zhinan", "zhidu", "zcwj", "zcjd", "tj", "tzgg", "gknb"]).exclude(
        path__startswith=catalog["edu"].path
    ).update(intro="<p>本栏目公开本单位相关信息。</p>")
    outcome = disclosure_health.check_empty_columns(at(2026, 11, 20))
    assert outcome.status == Severity.WARNING and outcome.figure == 2
    assert sorted(f.subject for f in outcome.findings) == ["市人社局·工作动态", "市教育局·工作动态"]
    assert {f.severity for f in outcome.findings} == {Severity.WARNING}


def test_a_withdrawn_item_leaves_its_column_blank(catalog, add_item):
    from gongkai.disclosure.models import GovInfoPage

    page = add_item("edu", NEWS, datetime.date(2026, 11, 2))
    before = disclosure_health.check_empty_columns(at(2026, 11, 20)).figure
    GovInfoPage.objects.filter(pk=page.pk).update(withdrawn=True)
    assert disclosure_health.check_empty_columns(at(2026, 11, 20)).figure == before + 1


# --- 留言 3 个月未答复 ------------------------------------------------------------------------------------------------
@pytest.fixture
def messages_at(db, edu, hrss, office_dept):
    from gongkai.interaction import intake
    from gongkai.interaction.models import Category

    Category.objects.filter(channel=Channel.MESSAGE, name="教育与入学").update(department=edu)
    intake.clear_category_cache()

    def make(received):
        cleaned, errors = intake.validate_message(
            {
                "name": "向红梅",
                "phone": "13907181234",
                "category": "教育与入学",
                "title": "孩子今年秋季小学入学划片咨询",
                "content": "我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？需要准备哪些材料？",
                "public": True,
            }
        )
        assert not errors, errors
        case, _ = interaction_actions.submit(Channel.MESSAGE, cleaned, now=received, received_at=received)
        Case.objects.filter(pk=case.pk).update(department=edu)
        return case

    yield make
    intake.clear_category_cache()


def test_messages_near_and_past_three_months(messages_at, edu):
    old = messages_at(at(2026, 8, 10))  # 3 months end 2026-11-10: past on 2026-11-20
    near = messages_at(at(2026, 9, 1))  # ends 2026-12-01: 11 days left, inside the 15-day warning
    messages_at(at(2026, 10, 20))  # a month old: nothing yet
    outcome = interaction_health.check_messages(at(2026, 11, 20))
    assert outcome.status == Severity.VETO and outcome.figure == 2
    by_code = {f.subject: f for f in outcome.findings}
    assert by_code[f"留言 {old.code}"].severity == Severity.VETO
    assert by_code[f"留言 {near.code}"].severity == Severity.WARNING
    assert "2026-12-01" in by_code[f"留言 {near.code}"].detail
    assert all(f.department == edu for f in outcome.findings)
    # no personal data in what is stored
    assert not any("向红梅" in f.detail + f.subject or "1390718" in f.detail for f in outcome.findings)


def test_answered_messages_raise_nothing(messages_at):
    case = messages_at(at(2026, 8, 10))
    Case.objects.filter(pk=case.pk).update(first_replied_at=at(2026, 8, 14))
    outcome = interaction_health.check_messages(at(2026, 11, 20))
    assert outcome.status == Severity.OK and outcome.findings == []


# --- 办事指南关键要素 -----------------------------------------------------------------------------------------------
def _item(department, n, **blank):
    from gongkai.services.rules import refresh_derived

    values = {
        "basis": "《中华人民共和国教师法》第十条",
        "conditions": "具备规定的学历和教育教学能力",
        "materials": "居民身份证\n学历证书",
        "location": "恩施市民之家一楼",
        "agency": "恩施市教育局",
        "fee": "不收费",
        "hours": "工作日 8:30—12:00，14:30—17:30",
        "phone": "0718-8224561",
        "process": "申报\n审查\n发证",
        **blank,
    }
    item = ServiceItem(
        department=department,
        code=f"07{n:04d}-422801000000-000-{department.code}-3-00",
        name=f"教师资格认定{n}",
        list_type="power",
        power_kind="confirmation",
        **values,
    )
    refresh_derived(item, reforms=[])
    item.save()
    # published as it stood then; a later edit or an import left the gaps (publish_item would refuse ≥ 4 now)
    ServiceItem.objects.filter(pk=item.pk).update(status=ItemStatus.PUBLISHED)
    return item


def test_guides_missing_key_elements(edu, hrss):
    _item(edu, 1)
    _item(edu, 2, fee="", phone="")
    for n in range(3, 7):
        _item(hrss, n, fee="", phone="", hours="", location="")
    outcome = services_health.check_guides(at(2026, 11, 20))
    assert outcome.status == Severity.WARNING and outcome.figure == 5
    finding = next(f for f in outcome.findings if f.department == edu)
    assert finding.detail == "办事指南缺少 2 项关键要素：收费标准、联系电话"
    _item(hrss, 7, fee="", phone="", hours="", location="")  # the fifth guide lacking four
    outcome = services_health.check_guides(at(2026, 11, 20))
    assert outcome.status == Severity.VETO
    assert sum(f.severity == Severity.VETO for f in outcome.findings) == 5
    assert next(f for f in outcome.findings if f.department == edu).severity == Severity.WARNING


def test_draft_guides_are_not_inspected(edu):
    item = _item(edu, 1, fee="", phone="", hours="", location="")
    ServiceItem.objects.filter(pk=item.pk).update(status=ItemStatus.DRAFT)
    assert services_health.check_guides(at(2026, 11, 20)).status == Severity.OK


# --- 政务新媒体 -----------------------------------------------------------------------------------------------------
def test_newmedia_freshness_and_interaction(edu, hrss):
    from gongkai.newmedia.models import Account, Platform

    opened = at(2025, 1, 1)
    Account.objects.create(
        department=edu,
        platform=Platform.WECHAT,
        name="恩施教育",
        opened_at=opened,
        last_post_at=at(2026, 11, 18),
    )
    Account.objects.create(
        department=edu,
        platform=Platform.WEIBO,
        name="恩施教育微博",
        opened_at=opened,
        last_post_at=at(2026, 11, 10),
    )
    Account.objects.create(
        department=hrss,
        platform=Platform.WECHAT,
        name="恩施人社",
        opened_at=opened,
        last_post_at=at(2026, 11, 3),
    )
    Account.objects.create(
        department=hrss,
        platform=Platform.WEIBO,
        name="恩施人社微博",
        opened_at=opened,
        last_post_at=at(2026, 11, 19),
        has_interaction=False,
    )
    outcome = newmedia_health.check_newmedia(at(2026, 11, 20))
    assert outcome.status == Severity.VETO and outcome.figure == 3
    found = {(f.subject, f.severity) for f in outcome.findings}
    assert ("微博·恩施教育微博", Severity.WARNING) in found  # 10 days: the city's weekly rule
    assert ("微信公众号·恩施人社", Severity.VETO) in found  # 17 days: national veto
    assert ("微博·恩施人社微博", Severity.VETO) in found  # no working interaction
    assert not any("恩施教育" == f.subject.split("·")[1] for f in outcome.findings)


def test_overall_is_the_worst():
    assert registry.worst({Severity.OK, Severity.WARNING}) == Severity.WARNING
    assert registry.worst({Severity.OK, Severity.VETO, Severity.WARNING}) == Severity.VETO
    assert registry.worst({Severity.OK}) == Severity.OK
    assert Check.LINKS.label == "链接与附件可用性"


# --- 链接与附件: attribution of a crawl's broken links -----------------------------------------------------------
def test_broken_links_belong_to_the_department_of_their_page(add_item, edu):
    from gongkai.assessment.health.crawler import BrokenLink, CrawlReport

    page = add_item("edu", NEWS, datetime.date(2026, 11, 2), title="全市秋季开学工作会议召开")
    base = "http://www.enshi.gov.cn"
    item_url = base + page.url
    report = CrawlReport(base_url=base + "/", pages=[base + "/", item_url], links_checked=4)
    report.broken = [
        BrokenLink(base + "/documents/12/会议材料.pdf", item_url, "attachment", 404, "HTTP 404"),
        BrokenLink(base + "/xxgk/old/", base + "/", "page", None, "连接失败"),
    ]
    outcome = checks.links_outcome(report)
    assert (outcome.status, outcome.figure) == (Severity.WARNING, 2)
    assert outcome.detail == "抓取 2 个页面、检查 4 个地址：2 个链接或附件无法访问"
    attachment, page_link = outcome.findings
    assert attachment.department == edu and attachment.found_on == item_url and attachment.url == item_url
    assert (
        attachment.detail
        == f"附件或图片无法访问：HTTP 404（所在页面 {urllib.parse.urlsplit(item_url).path}）"
    )
    assert page_link.department is None and page_link.detail.startswith("页面无法访问：连接失败")
