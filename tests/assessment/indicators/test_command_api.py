"""`gongkai assessment-run`, the periodic refresh and the staff API."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from gongkai.assessment.indicators import actions, tasks
from gongkai.assessment.indicators.models import Indicator, Run, Score
from tests.conftest import PASSWORD


def test_command_computes_and_refuses_to_publish_with_pending_manual_items(edu, hrss, foi_case):
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    out = io.StringIO()
    call_command("assessment-run", "2025Q3", "--today", "2025-10-08", stdout=out)
    text = out.getvalue()
    assert "2025 年第 3 季度（2025-07-01 至 2025-09-30，数据截至 2025-09-30）" in text
    assert "恩施市教育局  待人工评分 3 项" in text
    with pytest.raises(CommandError, match="人工评分项未录入"):
        call_command("assessment-run", "2025Q3", "--publish", "--today", "2025-10-08", stdout=io.StringIO())
    assert Run.objects.get(period="2025Q3").status == Run.Status.COMPUTED


def test_command_publishes_when_only_measured_indicators_are_active(edu):
    Indicator.objects.filter(kind=Indicator.Kind.MANUAL).update(active=False)
    call_command("assessment-run", "2025q2", "--publish", "--today", "2025-07-15", stdout=io.StringIO())
    run = Run.objects.get(period="2025Q2")
    # the one department, and the 全站 row of the site-wide measures (the site-health part's home-page check)
    assert run.published and run.results.filter(department__isnull=False).count() == 1


def test_command_rejects_a_bad_period():
    with pytest.raises(CommandError, match="考评期格式"):
        call_command("assessment-run", "2025年三季度", stdout=io.StringIO())


def test_periodic_refresh_recomputes_open_runs_only(office_user, edu):
    open_run = actions.compute_run(
        office_user, actions.create_run(office_user, "2026Q4"), today=datetime.date(2026, 11, 20)
    )
    assert tasks.refresh_open_runs(today=datetime.date(2026, 11, 27)) == 1
    open_run.refresh_from_db()
    assert open_run.cutoff == datetime.date(2026, 11, 26)
    assert tasks.refresh_open_runs(today=datetime.date(2026, 11, 27)) == 0  # nothing newer


def test_api_gives_departments_their_own_published_row(client, office_user, edu_editor, edu, hrss):
    Indicator.objects.filter(kind=Indicator.Kind.MANUAL).update(active=False)
    run = actions.compute_run(
        office_user, actions.create_run(office_user, "2025Q3"), today=datetime.date(2025, 10, 8)
    )
    assert client.login(username=edu_editor.username, password=PASSWORD)
    assert client.get("/api/v1/assessment/runs").json() == []
    actions.publish_run(office_user, run)
    body = client.get("/api/v1/assessment/runs/2025Q3").json()
    assert [r["department"] for r in body] == ["恩施市教育局"]
    assert {s["code"] for s in body[0]["scores"]} == set(
        Score.objects.filter(result__run=run, result__department=edu).values_list("code", flat=True)
    )
    client.logout()
    assert client.get("/api/v1/assessment/runs").status_code == 401
    json.dumps(body, ensure_ascii=False)
