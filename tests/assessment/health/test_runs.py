"""A run end to end: asked for through the audited action (dashboard button, schedule, command), run in the
background task system, stored in one go; the office's dashboard and the API show it."""

import datetime
import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gongkai.assessment import registry
from gongkai.assessment.health import actions, tasks
from gongkai.assessment.health.models import Check, CheckResult, Finding, HealthRun, Severity
from gongkai.core.models import AuditRecord
from gongkai.newmedia.models import Account, Platform
from gongkai.portal import health as portal_health

from .conftest import at
from .test_crawler import _serve

NEWS = ("fdzdgknr", "gzdt")


@pytest.fixture
def stale_site(add_item, edu, hrss):
    """Home page 12 days idle, one idle news column, an account idle 3 weeks."""
    add_item("edu", NEWS, datetime.date(2026, 11, 1))
    add_item("hrss", ("fdzdgknr", "tzgg"), datetime.date(2026, 11, 8))
    Account.objects.create(
        department=hrss,
        platform=Platform.WECHAT,
        name="恩施人社",
        opened_at=at(2025, 1, 1),
        last_post_at=at(2026, 10, 30),
    )


def test_a_run_stores_every_check_and_its_findings(stale_site, edu, hrss, office_user):
    from gongkai.disclosure.models import ColumnPage

    # catalogs without their standard text and 本单位暂无 marks (a new one has none blank: test_standard_columns)
    ColumnPage.objects.update(standard_body="", absence="", absence_note="", absence_since=None)
    run = actions.request_run(office_user, enqueue=False, now=at(2026, 11, 20))
    with _serve() as base:
        run = actions.execute(run.pk, now=at(2026, 11, 20), config=actions.crawl_config(base))
    assert run.status == HealthRun.Status.DONE and run.overall == Severity.VETO
    verdicts = dict(CheckResult.objects.filter(run=run).values_list("check_code", "status"))
    assert verdicts == {
        Check.HOME: Severity.WARNING,  # 12 days
        Check.COLUMNS_IDLE: Severity.WARNING,
        Check.COLUMNS_EMPTY: Severity.VETO,  # 16 blank leaf columns in the two bare catalogs
        Check.MESSAGES: Severity.OK,
        Check.GUIDES: Severity.OK,
        Check.NEWMEDIA: Severity.VETO,  # 21 days
        Check.LINKS: Severity.WARNING,  # /gone.pdf on the served site
    }
    idle = Finding.objects.get(run=run, check_code=Check.COLUMNS_IDLE)
    assert idle.department == edu and idle.days == 19
    assert Finding.objects.get(run=run, check_code=Check.NEWMEDIA).department == hrss
    link = Finding.objects.get(run=run, check_code=Check.LINKS)
    assert link.subject.endswith("/gone.pdf") and link.http_status == 404 and link.found_on == base
    assert (
        run.pages_crawled == 2 and run.base_url == base and run.crawl_note == "站外链接 2 个未检查"
    )  # the link and the redirect to elsewhere.test
    assert list(
        AuditRecord.objects.filter(object_type="assessment.healthrun", object_id=str(run.pk)).values_list(
            "action", flat=True
        )
    ) == [
        "health.request",
        "health.complete",
    ]


def test_a_failing_check_stores_nothing_half_done(stale_site, monkeypatch):
    def broken(now):
        raise RuntimeError("数据库连接中断")

    monkeypatch.setattr(
        registry, "health_checks", lambda: [(Check.HOME, portal_health.check_home), (Check.GUIDES, broken)]
    )
    run = actions.request_run(None, HealthRun.Trigger.COMMAND, enqueue=False)
    run = actions.execute(run.pk, crawl=False)
    assert run.status == HealthRun.Status.FAILED and "数据库连接中断" in run.error
    assert not CheckResult.objects.filter(run=run).exists() and not Finding.objects.filter(run=run).exists()
    assert AuditRecord.objects.filter(object_id=str(run.pk), action="health.fail").exists()
    # a run is claimed once: running it again does nothing
    assert actions.execute(run.pk, crawl=False).status == HealthRun.Status.FAILED


def test_one_run_at_a_time(db, office_user):
    actions.request_run(office_user, enqueue=False, now=at(2026, 11, 20, 9))
    with pytest.raises(ValidationError) as exc:
        actions.request_run(office_user, enqueue=False, now=at(2026, 11, 20, 9, 30))
    assert "已有一次网站健康检查排队中（2026-11-20 09:00 发起）" in exc.value.messages[0]
    assert HealthRun.objects.count() == 1
    # a run a dead worker left behind does not block for ever
    actions.request_run(office_user, enqueue=False, now=at(2026, 11, 20, 12))
    assert HealthRun.objects.count() == 2


def test_schedule_asks_once_a_day(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.scheduled_check(now=at(2026, 11, 20, 2))
    assert first is not None and first.trigger == HealthRun.Trigger.SCHEDULE
    first.refresh_from_db()
    assert first.status == HealthRun.Status.DONE  # the task ran (immediate backend in tests)
    assert tasks.scheduled_check(now=at(2026, 11, 20, 23)) is None
    assert tasks.scheduled_check(now=at(2026, 11, 21, 3)) is not None
    assert tasks.PERIODIC[0][1] is tasks.scheduled_check


def login(client, user):
    client.force_login(user)
    return client


def test_dashboard_shows_verdicts_and_findings(
    client, stale_site, office_user, django_assert_max_num_queries
):
    run = actions.request_run(None, HealthRun.Trigger.SCHEDULE, enqueue=False, now=at(2026, 11, 20))
    actions.execute(run.pk, now=at(2026, 11, 20), crawl=False)
    c = login(client, office_user)
    c.get("/admin/site-health/")
    with django_assert_max_num_queries(25):
        html = c.get("/admin/site-health/").content.decode()
    assert "网站健康监测" in html and "立即检查" in html
    assert "市教育局·工作动态" in html and "已 19 天未更新（更新周期 14 天）" in html
    assert "首页最近更新 2026-11-08，距检查日 12 天" in html
    assert "■ 否决" in html and "▲ 预警" in html
    assert "本次未抓取网站" in html
    detail = c.get(f"/admin/site-health/{run.pk}/").content.decode()
    assert "微信公众号·恩施人社" in detail


def test_run_now_goes_through_the_action_and_the_task_queue(
    client, office_user, catalog, django_capture_on_commit_callbacks
):
    c = login(client, office_user)
    assert c.get("/admin/site-health/run/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/admin/site-health/run/")
    assert response.status_code == 302
    run = HealthRun.objects.get()
    assert (run.trigger, run.requested_by, run.status) == (
        HealthRun.Trigger.MANUAL,
        office_user,
        HealthRun.Status.DONE,
    )
    # the crawl target of the tests is a closed port: the link check says so instead of failing the run
    assert run.checks.get(check_code=Check.LINKS).detail.startswith("网站首页无法访问")
    assert AuditRecord.objects.filter(
        action="health.request", object_id=str(run.pk), actor=office_user
    ).exists()


def test_department_staff_cannot_see_the_dashboard(client, edu_editor):
    c = login(client, edu_editor)
    # Wagtail turns the refusal into a redirect to the admin home with a message
    for response in (
        c.get("/admin/site-health/"),
        c.post("/admin/site-health/run/"),
        c.get("/admin/site-health/1/"),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert not HealthRun.objects.exists()


def test_api_latest_run_for_the_office(client, stale_site, office_user, edu_editor):
    assert client.get("/api/v1/assessment/health/latest").status_code == 401
    login(client, edu_editor)
    assert client.get("/api/v1/assessment/health/latest").status_code == 403
    login(client, office_user)
    assert client.get("/api/v1/assessment/health/latest").status_code == 404
    run = actions.request_run(None, HealthRun.Trigger.SCHEDULE, enqueue=False, now=at(2026, 11, 20))
    actions.execute(run.pk, now=at(2026, 11, 20), crawl=False)
    body = json.loads(client.get("/api/v1/assessment/health/latest?limit=1").content)
    assert body["overall"] == "veto"
    home = next(c for c in body["checks"] if c["check"] == "home")
    assert home["status"] == "warning" and home["figure"] == 12 and len(home["findings"]) == 1
    newmedia = next(c for c in body["checks"] if c["check"] == "newmedia")
    assert newmedia["findings"][0]["department"] == "恩施市人力资源和社会保障局"


def test_command_runs_the_checks_once(stale_site):
    out = StringIO()
    call_command("site_health", "--no-crawl", stdout=out)
    text = out.getvalue()
    assert "首页更新" in text and "总体结论：否决" in text
    assert HealthRun.objects.get().trigger == HealthRun.Trigger.COMMAND
