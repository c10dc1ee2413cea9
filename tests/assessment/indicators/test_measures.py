"""The measures on fixed data for 2025Q3 (1 July – 30 September 2025): what counts, what is late, what vetoes."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Page

from gongkai.assessment import registry
from gongkai.disclosure import setup
from gongkai.disclosure.models import ColumnPage, GovInfoPage, PrecheckResult
from gongkai.foi.models import Event, EventKind, Remedy
from gongkai.interaction.models import Channel

from .conftest import at, d

START, END = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)


def run(code, department):
    return registry.measures()[code](department, START, END)


def test_every_default_indicator_measure_is_registered():
    from gongkai.assessment.indicators.defaults import DEFAULT_INDICATORS

    # the site-health part registers its own measures (health.*); until it is merged they show as 未接入
    codes = {
        row[3] for row in DEFAULT_INDICATORS if row[2] == "measured" and not row[3].startswith("health.")
    }
    assert codes <= set(registry.measures())


def test_foi_on_time_counts_closed_and_overdue_open_cases(foi_case, edu, hrss):
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")  # on time
    foi_case(edu, "2025-08-01", due="2025-08-29", closed="2025-09-05")  # 5 working days late
    foi_case(edu, "2025-09-01", due="2025-09-26")  # open and overdue at 30 September
    foi_case(edu, "2025-09-20", due="2025-10-20")  # not yet due: not counted
    foi_case(edu, "2025-06-02", due="2025-06-30", closed="2025-06-30")  # previous quarter
    foi_case(hrss, "2025-07-01", due="2025-07-29", closed="2025-08-20")  # another department
    m = run("foi.on_time", edu)
    assert m.value == Decimal("33.3")
    assert m.detail == "按期答复 1/3 件（33.3%），逾期 2 件"
    labels = [e.label for e in m.evidence]
    assert any("2025-09-05 办结，逾期 5 个工作日" in label for label in labels)
    assert any("至 2025-09-30 未办结" in label for label in labels)
    assert all(e.url.startswith("/admin/foi/") for e in m.evidence)


def test_foi_without_cases_measures_nothing(edu):
    m = run("foi.on_time", edu)
    assert m.value is None and "无到期或办结" in m.detail


def test_foi_reply_quality_counts_review_returns_and_corrected_remedies(foi_case, edu):
    ok = foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    returned = foi_case(edu, "2025-07-02", due="2025-07-30", closed="2025-07-25")
    Event.objects.create(
        application=returned, kind=EventKind.REVIEW_RETURNED, at=at(d("2025-07-18")), on=d("2025-07-18")
    )
    old = foi_case(edu, "2025-03-03", due="2025-03-31", closed="2025-03-28")
    Remedy.objects.create(
        application=old,
        kind="review",
        filed_on=d("2025-05-06"),
        result="corrected",
        decided_on=d("2025-08-12"),
    )
    foi_case(edu, "2025-07-03", due="2025-07-31", closed="2025-07-30")
    foi_case(edu, "2025-07-04", due="2025-08-01", closed="2025-07-31")
    m = run("foi.reply_quality", edu)
    # 4 closed in the quarter, one returned by review, one older reply corrected by 行政复议 → 2 of 4 good
    assert m.value == Decimal("50.0")
    assert "被复议或诉讼纠错 1 件" in m.detail
    assert {e.label.split("：")[0] for e in m.evidence} == {
        f"申请 {returned.tracking_code}",
        f"申请 {old.tracking_code}",
    }
    assert ok.tracking_code not in " ".join(e.label for e in m.evidence)


def test_messages_on_time_and_the_three_month_veto(message, edu):
    message(edu, "2025-07-07", "2025-07-14", replied="2025-07-10")
    message(edu, "2025-08-04", "2025-08-11", replied="2025-08-15")
    long_open = message(edu, "2025-05-20", "2025-05-27")  # still unanswered on 30 September
    m = run("interaction.messages_on_time", edu)
    assert m.value == Decimal("50.0")
    assert m.veto is True
    assert "超过 3 个月未答复 1 件" in m.detail
    assert long_open.code in m.evidence[0].label


def test_a_message_answered_within_three_months_does_not_veto(message, edu):
    message(edu, "2025-07-20", "2025-07-25", replied="2025-07-24")
    message(edu, "2025-08-20", "2025-08-27")  # open, but received less than 3 months before 30 September
    m = run("interaction.messages_on_time", edu)
    assert m.veto is False
    assert m.value == Decimal("50.0")  # the second is overdue at the end of the quarter


def test_bad_ratings_counted_per_rating_in_the_period(message, rate, edu):
    case = message(edu, "2025-07-07", "2025-07-14", replied="2025-07-10")
    for rating, day in (
        (5, "2025-07-11"),
        (4, "2025-07-12"),
        (1, "2025-07-13"),
        (2, "2025-08-02"),
        (1, "2025-10-02"),
    ):
        rate(case, rating, day)
    m = run("interaction.bad_ratings", edu)
    assert m.value == Decimal(2)
    assert m.detail == "评价 4 次，满意率 50.0%，差评 2 次"


def test_corrections_need_first_action_within_24_hours(message, edu):
    fast = message(edu, "2025-07-07", "2025-07-10", replied="2025-07-08", channel=Channel.SITE_ERROR)
    fast.first_action_due, fast.first_action_at = at(d("2025-07-08")), at(d("2025-07-07"), 15)
    fast.save()
    slow = message(edu, "2025-07-14", "2025-07-17", replied="2025-07-16", channel=Channel.SITE_ERROR)
    slow.first_action_due, slow.first_action_at = at(d("2025-07-15")), at(d("2025-07-16"), 9)
    slow.save()
    m = run("interaction.corrections_on_time", edu)
    assert m.value == Decimal("50.0")
    assert "首次响应超过" in m.evidence[0].label


def test_new_media_weekly_updates_and_the_two_week_veto(account, edu):
    mondays = ["2025-06-30", "2025-07-07", "2025-07-14", "2025-07-21", "2025-07-28", "2025-08-04"]
    mondays += ["2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22", "2025-09-29"]
    account(edu, posts=mondays)
    m = run("newmedia.weekly_updates", edu)
    # 12 whole weeks in the quarter (7 July – 28 September); 11–31 August without a post
    assert m.value == Decimal("75.0")
    assert m.veto is True
    assert "2025-08-04 至 2025-09-01 28 天未更新" in m.evidence[0].label


def test_new_media_updated_every_week_passes(account, edu):
    day, posts = datetime.date(2025, 6, 25), []
    while day <= END:
        posts.append(day.isoformat())
        day += datetime.timedelta(days=6)
    account(edu, posts=posts)
    m = run("newmedia.weekly_updates", edu)
    assert m.value == Decimal("100.0") and m.veto is False


def test_a_catalog_built_after_its_items_were_dated_is_still_judged(published, edu):
    # the catalog's column pages were created in October (a site migrated onto the platform with its items'
    # real dates, as the demo loads it): the columns are judged by their items, as the health monitor does —
    # not 无数据 because the column pages are newer than the quarter
    ColumnPage.objects.update(first_published_at=at(d("2025-10-08")))
    published("恩施市教育局召开2025年暑期安全工作会", "2025-07-20", "2025-08-01", column=("fdzdgknr", "gzdt"))
    published("恩施市教育局关于2025年秋季学期开学工作的通知", "2025-07-01", "2025-09-10")
    m = run("disclosure.columns_updated", edu)
    assert m.value == Decimal("50.0")
    assert m.detail == "截至 2025-09-30 按周期更新的栏目 1/2 个（50.0%）"


def test_the_indicator_and_the_health_monitor_count_the_same_stale_columns(published, edu, catalog):
    from gongkai.disclosure import health

    published("恩施市教育局召开2025年暑期安全工作会", "2025-07-20", "2025-08-01", column=("fdzdgknr", "gzdt"))
    published("恩施市教育局关于2025年秋季学期开学工作的通知", "2025-07-01", "2025-09-10")
    published("恩施市教育局2025年部门预算公开", "2025-02-10", "2025-02-20", column=("fdzdgknr", "zcwj"))
    published("恩施市教育局关于2025年秋季招生的公告", "2025-10-10", "2025-10-12")  # after the quarter
    outcome = health.check_columns(at(END, 20))
    monitored = {f.object_id for f in outcome.findings if f.department == edu}
    m = run("disclosure.columns_updated", edu)
    stale = {e.url.rstrip("/").rsplit("/", 1)[-1] for e in m.evidence}
    # 工作动态 idle 60 days and 政策文件 222 days at 30 September; 通知公告 updated on 10 September
    assert len(monitored) == 2 and stale == monitored
    assert m.value == Decimal("33.3") and len(health.column_updates(END, under=catalog["edu"])) == 3


def test_new_media_weeks_before_the_platform_recorded_posts_are_not_judged(account, edu):
    # the platform's first recorded post is from 18 August 2025: 6 whole weeks (18 Aug – 28 Sep) are judged
    account(
        edu,
        name="恩施教育",
        opened="2023-05-04",
        posts=["2025-08-18", "2025-08-25", "2025-09-01", "2025-09-08"],
    )
    m = run("newmedia.weekly_updates", edu)
    assert m.detail.startswith("1 个账号，按周更新 4/6 个账号周")
    assert m.veto is True  # 8 September → 30 September: 22 days without an update


@pytest.fixture
def published(catalog, topic, edu):
    def make(title, written, published_on, column=("fdzdgknr", "tzgg"), **fields):
        parent = setup.column(catalog["edu"], *column)
        page = GovInfoPage(
            title=title,
            department=edu,
            topic=topic,
            written_date=d(written),
            published_date=d(published_on) if published_on else None,
            live=bool(published_on),
            body="<p>各乡镇（街道）中心学校：现将有关事项通知如下。</p>",
            **fields,
        )
        parent.add_child(instance=page)
        if published_on:
            # a new item is saved as a draft (先审查后发布): this one stands for an item its review published
            GovInfoPage.objects.filter(pk=page.pk).update(live=True)
        return page

    return make


def test_disclosure_on_time_20_working_days(published, edu):
    published("恩施市教育局关于2025年秋季学期开学工作的通知", "2025-07-01", "2025-07-10")
    published("恩施市教育局关于暑期校外培训治理的通告", "2025-07-01", "2025-08-05")  # due 29 July
    published("恩施市教育局关于教师资格认定的公告", "2025-08-20", None)  # never published: due 17 September
    published("恩施市教育局关于国庆假期安全的通知", "2025-09-25", None)  # due in October: not counted
    # reprinted from another body (来源 is not the department): not the department's own clock, not counted —
    # the demo's 法律法规 column reprints national laws formed decades ago
    published("中华人民共和国教师法", "1993-10-31", "2025-08-05", source="全国人民代表大会常务委员会")
    published("国务院关于加强义务教育阶段学校管理的意见", "2025-05-06", "2025-08-12", source="国务院")
    m = run("disclosure.on_time", edu)
    assert m.value == Decimal("33.3")
    assert any("2025-08-05 公开，逾期 5 个工作日" in e.label for e in m.evidence)
    assert any("仍未公开" in e.label for e in m.evidence)


def test_columns_updated_by_cycle(published, edu):
    # the catalog was opened in March 2025; 工作动态 (14 days): a gap from 1 August to 30 September;
    # 通知公告 (180 days): updated in the quarter
    ColumnPage.objects.update(first_published_at=at(d("2025-03-02")))
    published("恩施市教育局召开2025年暑期安全工作会", "2025-07-20", "2025-08-01", column=("fdzdgknr", "gzdt"))
    published("恩施市教育局关于2025年秋季学期开学工作的通知", "2025-07-01", "2025-07-10")
    m = run("disclosure.columns_updated", edu)
    stale = [e.label for e in m.evidence]
    assert any(
        "工作动态" in label and "最近更新 2025-08-01，至 2025-09-30 已 60 天未更新" in label
        for label in stale
    )
    assert not any("通知公告" in label for label in stale)


def test_precheck_overrides_counted(published, edu):
    page = published("恩施市教育局关于2025年秋季学期开学工作的通知", "2025-07-01", "2025-07-10")
    page.save_revision()
    revision = Page.objects.get(pk=page.pk).latest_revision
    result = PrecheckResult.objects.create(
        page=page, revision=revision, findings=[{"severity": "block", "message": "疑似身份证号"}]
    )
    PrecheckResult.objects.filter(pk=result.pk).update(
        override_reason="系示例号码，非真实个人信息。", override_at=at(d("2025-07-09"))
    )
    m = run("disclosure.precheck_overrides", edu)
    assert m.value == Decimal(1)
    assert "系示例号码" in m.evidence[0].label


def test_same_data_same_measurement(foi_case, message, edu):
    foi_case(edu, "2025-08-01", due="2025-08-29", closed="2025-09-05")
    message(edu, "2025-08-04", "2025-08-11", replied="2025-08-15")
    for code in registry.measures():
        if code.startswith(("foi.", "interaction.", "newmedia.", "disclosure.")):
            assert registry.measures()[code](edu, START, END) == registry.measures()[code](edu, START, END)
