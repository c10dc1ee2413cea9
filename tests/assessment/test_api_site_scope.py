"""The assessment and health APIs answer for the caller's own site (集约化): 龙凤镇's office (lf_gkb) reads
neither the city's unpublished quarter nor the city's site health findings; the city's office (gkb) reads both."""

# ruff: noqa: F811 — the two-site fixtures are imported from tests/multisite/conftest.py
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.assessment.health.models import CheckResult, Finding, HealthRun
from gongkai.assessment.registry import Check
from tests.multisite.conftest import (  # noqa: F401 — the two-site fixtures
    _plain_static,
    a_office,
    b_dept,
    b_office,
    b_office_dept,
    site_a,
    site_b,
)

PERIOD = "2026Q3"


@pytest.fixture
def city_draft_quarter(client, a_office, site_a, edu):
    """The city's 2026Q3 run, computed but not published (a draft only the city's office may read)."""
    client.force_login(a_office)
    client.post(reverse("assessment_run_create"), {"period": PERIOD}, follow=True)
    client.post(reverse("assessment_run_action", args=[PERIOD, "compute"]), follow=True)
    client.logout()


@pytest.fixture
def city_health_run(db, site_a):
    now = timezone.now()
    run = HealthRun.objects.create(
        status=HealthRun.Status.DONE,
        trigger=HealthRun.Trigger.COMMAND,
        requested_at=now - datetime.timedelta(minutes=5),
        started_at=now - datetime.timedelta(minutes=5),
        finished_at=now,
        overall="warning",
        base_url="http://www.enshi.gov.cn/",
        pages_crawled=120,
        links_checked=860,
    )
    check = Check.LINKS
    CheckResult.objects.create(
        run=run, check_code=check, status="warning", figure=1, detail="1 个链接无法访问"
    )
    Finding.objects.create(
        run=run,
        check_code=check,
        severity="warning",
        subject="恩施市教育局关于2026年秋季学期义务教育招生工作的通知",
        detail="附件《招生计划表.xlsx》返回 404",
        url="http://www.enshi.gov.cn/zwgk/jyj/tzgg/",
    )
    return run


def test_town_office_does_not_see_the_citys_draft_quarter(client, city_draft_quarter, b_office, b_dept):
    client.force_login(b_office)
    assert client.get("/api/v1/assessment/runs").json() == []
    response = client.get(f"/api/v1/assessment/runs/{PERIOD}")
    assert response.status_code == 404 and "恩施市教育局" not in response.content.decode()


def test_city_office_sees_its_draft_quarter(client, city_draft_quarter, a_office):
    client.force_login(a_office)
    assert [r["period"] for r in client.get("/api/v1/assessment/runs").json()] == [PERIOD]
    rows = client.get(f"/api/v1/assessment/runs/{PERIOD}").json()
    assert "恩施市教育局" in [r["department"] for r in rows]


def test_town_office_does_not_see_the_citys_health_findings(client, city_health_run, b_office):
    client.force_login(b_office)
    response = client.get("/api/v1/assessment/health/latest")
    assert response.status_code == 404
    assert "招生计划表" not in response.content.decode()
    assert "本站还没有完成的网站健康检查" in response.json()["errors"]["__all__"]


def test_city_office_sees_its_health_findings(client, city_health_run, a_office):
    client.force_login(a_office)
    body = client.get("/api/v1/assessment/health/latest").json()
    assert body["id"] == city_health_run.pk
    assert body["checks"][0]["findings"][0]["detail"] == "附件《招生计划表.xlsx》返回 404"


def test_town_office_is_refused_the_health_screens(client, city_health_run, b_office, a_office):
    client.force_login(b_office)
    for url in (reverse("assessment_health"), reverse("assessment_health_run", args=[city_health_run.pk])):
        response = client.get(url, follow=True)  # Wagtail answers a refusal with its dashboard and a message
        assert response.redirect_chain[0][0] == "/admin/" and "招生计划表" not in response.content.decode()
    client.force_login(a_office)
    page = client.get(reverse("assessment_health_run", args=[city_health_run.pk])).content.decode()
    assert "招生计划表" in page
