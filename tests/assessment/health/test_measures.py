"""The measures fed to the indicators: read from the stored runs of the period only (reproducible), the last
run's figure, a veto when any run of the period met one, per department where the finding belongs to one."""

import datetime
from decimal import Decimal

import pytest

from gongkai.assessment.health import actions
from gongkai.assessment.health.models import HealthRun
from gongkai.assessment.registry import measures
from gongkai.disclosure.models import GovInfoPage
from gongkai.interaction.models import Case

from .conftest import at
from .test_checks import messages_at  # noqa: F401 — fixture

Q4 = (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))


def run_at(moment):
    run = actions.request_run(None, HealthRun.Trigger.SCHEDULE, enqueue=False, now=moment)
    return actions.execute(run.pk, now=moment, crawl=False)


def test_the_registry_lists_the_health_measures():
    found = {code: m for code, m in measures().items() if code.startswith("health.")}
    assert set(found) == {
        "health.home_idle_days",
        "health.stale_columns",
        "health.empty_columns",
        "health.broken_links",
        "health.unanswered_messages",
        "health.incomplete_guides",
        "health.stale_newmedia",
    }
    assert found["health.home_idle_days"].site_wide and not found["health.unanswered_messages"].site_wide
    assert found["health.home_idle_days"].unit == "天"


def test_message_veto_stays_in_the_period_after_the_reply(messages_at, add_item, edu, hrss):  # noqa: F811
    add_item("edu", ("fdzdgknr", "gzdt"), datetime.date(2026, 10, 28))
    case = messages_at(at(2026, 7, 20))  # past 3 months on 2026-10-21
    run_at(at(2026, 11, 5))
    Case.objects.filter(pk=case.pk).update(first_replied_at=at(2026, 11, 6))
    last = run_at(at(2026, 11, 20))
    measure = measures()["health.unanswered_messages"]

    edu_q4 = measure(edu, *Q4)
    assert edu_q4.value == Decimal(0) and edu_q4.veto
    assert edu_q4.detail == "2026-11-20 检查，市教育局：0 件；期内 2 次检查中 1 次达到单项否决"
    assert edu_q4.evidence[-1].url == f"/admin/site-health/{last.pk}/"
    assert not measure(hrss, *Q4).veto
    site = measure(None, *Q4)
    assert site.veto and site.detail.startswith("2026-11-20 检查：无临近或超过 3 个月未答复的留言")
    # only the first run in the period: the figure is its own, with the case as evidence
    early = measure(edu, datetime.date(2026, 11, 1), datetime.date(2026, 11, 10))
    assert early.value == Decimal(1) and early.veto
    assert early.evidence[0].label == f"留言 {case.code}：2026-07-20 受理，已超过 3 个月未答复（单项否决）"
    assert early.evidence[0].url == f"/admin/hudong/{case.pk}/"
    # no run in the period: nothing measured
    nothing = measure(edu, *Q3)
    assert nothing.value is None and not nothing.veto and "没有完成的网站健康检查" in nothing.detail


def test_measures_are_reproducible_from_stored_findings(add_item, edu):
    page = add_item("edu", ("fdzdgknr", "gzdt"), datetime.date(2026, 10, 20))
    run_at(at(2026, 11, 20))
    stale = measures()["health.stale_columns"]
    home = measures()["health.home_idle_days"]
    before = (stale(edu, *Q4), home(None, *Q4))
    assert before[0].value == Decimal(1) and before[0].evidence[0].label.startswith(
        "市教育局·工作动态：最近更新 2026-10-20"
    )
    assert before[1].value == Decimal(31) and before[1].veto
    # the site changes afterwards: the measure of the period does not
    GovInfoPage.objects.filter(pk=page.pk).update(published_date=datetime.date(2026, 11, 19))
    assert (stale(edu, *Q4), home(None, *Q4)) == before


def bare(catalog):
    """Catalogs without their standard text and 本单位暂无 marks (a new one has none blank: test_standard_columns)."""
    from gongkai.disclosure.models import ColumnPage

    ColumnPage.objects.update(standard_body="", absence="", absence_note="", absence_since=None)
    return catalog


def test_no_link_check_no_link_figure(catalog):
    bare(catalog)
    run_at(at(2026, 11, 20))
    assert measures()["health.broken_links"](None, *Q4).value is None
    assert measures()["health.empty_columns"](None, *Q4).value == Decimal(18)


@pytest.mark.parametrize("department_key", ["edu", "hrss"])
def test_empty_columns_per_department(catalog, department_key):
    bare(catalog)
    run_at(at(2026, 11, 20))
    m = measures()["health.empty_columns"](catalog[department_key].department, *Q4)
    assert m.value == Decimal(9) and m.veto  # the whole site's 18 blank columns met the veto; 9 are its own
