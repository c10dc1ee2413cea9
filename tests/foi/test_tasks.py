"""Periodic jobs: reminders before deadlines (once each), lapsed closures, recompute after a calendar change."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache

from gongkai.core import workdays
from gongkai.core.models import CalendarDay, CalendarYear
from gongkai.foi import actions, rules, tasks
from gongkai.foi.models import Status

from .conftest import shanghai

D = datetime.date


@pytest.fixture
def assigned(submit_case, office_user, edu, edu_editor):
    office_user.email = "gkb@enshi.gov.cn"
    office_user.save(update_fields=["email"])
    edu_editor.email = "jyj@enshi.gov.cn"
    edu_editor.save(update_fields=["email"])
    app = submit_case(at=shanghai(2026, 9, 25, 16))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 28, 9))
    actions.assign(office_user, app, edu, at=shanghai(2026, 9, 28, 10))
    return app  # due 2026-10-30


def test_reminders_go_to_the_department_and_the_office_once(assigned):
    assert tasks.send_reminders(today=D(2026, 10, 20)) == 0  # 8 working days left: nothing yet
    assert tasks.send_reminders(today=D(2026, 10, 23)) == 1
    assert mail.outbox[-1].to == ["gkb@enshi.gov.cn", "jyj@enshi.gov.cn"]
    assert "剩余 5 个工作日" in mail.outbox[-1].subject
    assert assigned.name not in mail.outbox[-1].body and assigned.phone not in mail.outbox[-1].body
    assert tasks.send_reminders(today=D(2026, 10, 26)) == 0  # same deadline, already reminded
    assert tasks.send_reminders(today=D(2026, 11, 2)) == 1  # overdue is a separate reminder
    assert "已超过答复期限" in mail.outbox[-1].subject
    assert tasks.send_reminders(today=D(2026, 11, 3)) == 0
    assert len(mail.outbox) == 2


def test_an_extension_gives_a_new_deadline_and_a_new_reminder(assigned, office_head):
    assert tasks.send_reminders(today=D(2026, 10, 23)) == 1
    actions.approve_extension(
        office_head, assigned, days=10, reason="需调取档案", at=shanghai(2026, 10, 26, 9)
    )
    assert tasks.send_reminders(today=D(2026, 11, 9)) == 1  # 5 working days before 2026-11-13


def test_lapsed_correction_is_closed_by_the_job(submit_case, office_user):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.request_correction(
        office_user, app, items="请补充身份证明", period_days=15, at=shanghai(2026, 3, 3)
    )
    assert tasks.close_lapsed_cases(now=shanghai(2026, 3, 24, 2)) == 0
    assert tasks.close_lapsed_cases(now=shanghai(2026, 3, 25, 2)) == 1
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == rules.Outcome.OTHER_NO_CORRECTION


def test_provisional_due_dates_are_recomputed_when_the_year_is_entered(submit_case, office_user):
    app = submit_case(at=shanghai(2026, 12, 14, 20))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 12, 15, 9))
    app.refresh_from_db()
    assert (app.due_date, app.due_provisional) == (D(2027, 1, 12), True)
    tasks.recompute_after_calendar_change()
    assert tasks.recompute_after_calendar_change() == 0  # nothing changed since
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.REST, name="元旦")
    workdays.invalidate()
    assert tasks.recompute_after_calendar_change() == 1
    app.refresh_from_db()
    assert (app.due_date, app.due_provisional) == (D(2027, 1, 13), False)
    cache.clear()


def test_periodic_jobs_are_declared():
    assert {func for _, func in tasks.PERIODIC} == {
        tasks.send_reminders,
        tasks.close_lapsed_cases,
        tasks.recompute_after_calendar_change,
    }
