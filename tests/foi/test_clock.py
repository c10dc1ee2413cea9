"""The statutory answer clock, derived from events and the official calendar (条例 Arts. 30–33; 109号)."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core import workdays
from gongkai.foi import clock

D = datetime.date


@dataclass
class Ev:
    kind: str
    on: datetime.date
    payload: dict = field(default_factory=dict)


def received(day):
    return Ev(clock.RECEIVED, day)


@pytest.mark.parametrize(
    ("name", "events", "due", "extended"),
    [
        # Spring Festival 2026 (02-15..02-23 off); Saturdays 02-14 and 02-28 are make-up working days, counted
        ("spring festival 2026", [received(D(2026, 2, 10))], D(2026, 3, 16), 0),
        # Spring Festival 2025 (01-28..02-04 off); Sunday 01-26 and Saturday 02-08 counted
        ("spring festival 2025", [received(D(2025, 1, 20))], D(2025, 2, 21), 0),
        # National Day 2025 (10-01..10-08 off); Sunday 09-28 and Saturday 10-11 counted
        ("national day 2025", [received(D(2025, 9, 22))], D(2025, 10, 24), 0),
        # National Day 2026 (10-01..10-07 off); Saturday 10-10 counted
        ("national day 2026", [received(D(2026, 9, 28))], D(2026, 10, 30), 0),
        # 补正: the clock restarts from zero at the receipt of the correction (Art. 30)
        (
            "correction restarts",
            [
                received(D(2026, 9, 28)),
                Ev(clock.CORRECTION_REQUESTED, D(2026, 9, 30), {"period_days": 15}),
                Ev(clock.CORRECTION_RECEIVED, D(2026, 10, 9)),
            ],
            D(2026, 11, 5),
            0,
        ),
        # consultation: 4 working days used before, the paused span (with the make-up days 01-26, 02-08) not
        # counted, 16 left after 02-10
        (
            "consultation pause",
            [
                received(D(2025, 1, 20)),
                Ev(clock.CONSULTATION_STARTED, D(2025, 1, 24), {"ref": "1", "party": "第三方"}),
                Ev(clock.CONSULTATION_ANSWERED, D(2025, 2, 10), {"ref": "1"}),
            ],
            D(2025, 3, 4),
            0,
        ),
        # extension approved the day before the deadline: +20 working days
        (
            "extension in time",
            [received(D(2026, 9, 28)), Ev(clock.EXTENSION_APPROVED, D(2026, 10, 29), {"days": 20})],
            D(2026, 11, 27),
            20,
        ),
        # extension approved on the deadline day still counts ("before the deadline" = not after it)
        (
            "extension on the last day",
            [received(D(2026, 9, 28)), Ev(clock.EXTENSION_APPROVED, D(2026, 10, 30), {"days": 10})],
            D(2026, 11, 13),
            10,
        ),
        # extension approved after the deadline: refused, the deadline stays
        (
            "extension too late",
            [received(D(2026, 9, 28)), Ev(clock.EXTENSION_APPROVED, D(2026, 11, 2), {"days": 20})],
            D(2026, 10, 30),
            0,
        ),
        # a second extension is refused
        (
            "second extension",
            [
                received(D(2026, 9, 28)),
                Ev(clock.EXTENSION_APPROVED, D(2026, 10, 20), {"days": 5}),
                Ev(clock.EXTENSION_APPROVED, D(2026, 10, 21), {"days": 5}),
            ],
            D(2026, 11, 6),
            5,
        ),
        # fee period pauses the clock by default: 5 used, 15 left after payment; Qingming 04-04..04-06 skipped
        (
            "fee pause",
            [
                received(D(2026, 3, 2)),
                Ev(clock.FEE_NOTICE, D(2026, 3, 9), {"pauses": True}),
                Ev(clock.FEE_PAID, D(2026, 3, 20)),
            ],
            D(2026, 4, 13),
            0,
        ),
        (
            "fee without pause",
            [
                received(D(2026, 3, 2)),
                Ev(clock.FEE_NOTICE, D(2026, 3, 9), {"pauses": False}),
                Ev(clock.FEE_PAID, D(2026, 3, 20)),
            ],
            D(2026, 3, 30),
            0,
        ),
    ],
)
def test_due_dates_on_the_official_calendar(db, name, events, due, extended):
    result = clock.compute(events, D(2026, 11, 27))
    assert result.due == due, result.explain()
    assert result.extended_days == extended
    assert result.provisional is False


def test_deadline_past_the_calendar_is_provisional_and_says_so(db):
    result = clock.compute([received(D(2026, 12, 15))], D(2026, 12, 15))
    # 2027 has no published schedule: weekends only, so 2027-01-01 (a Friday) counts as a working day
    assert result.due == D(2027, 1, 12)
    assert result.provisional is True
    assert "暂定" in result.explain()


def test_provisional_deadline_is_recomputed_when_the_year_is_entered(db):
    from gongkai.core.models import CalendarDay, CalendarYear

    before = clock.compute([received(D(2026, 12, 15))], D(2026, 12, 15))
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.REST, name="元旦")
    workdays.invalidate()
    after = clock.compute([received(D(2026, 12, 15))], D(2026, 12, 15))
    assert before.due == D(2027, 1, 12) and before.provisional
    assert after.due == D(2027, 1, 13) and not after.provisional
    assert "元旦" in after.explain()


def test_explanation_names_the_days_skipped(db):
    text = clock.compute([received(D(2026, 9, 28))], D(2026, 10, 1)).explain()
    assert "国庆节" in text and "10月10日" in text and "2026年10月30日" in text


def test_consultation_explanation_shows_the_pause(db):
    events = [
        received(D(2025, 1, 20)),
        Ev(clock.CONSULTATION_STARTED, D(2025, 1, 24), {"ref": "1", "party": "恩施市某某公司"}),
        Ev(clock.CONSULTATION_ANSWERED, D(2025, 2, 10), {"ref": "1"}),
    ]
    result = clock.compute(events, D(2025, 2, 10))
    assert "暂停计时" in result.explain() and "已用 4 个" in result.explain()
    assert any(s.label.startswith("恩施市某某公司答复意见期限") for s in result.sub_deadlines)


def test_paused_case_has_no_due_date_and_says_why(db):
    events = [received(D(2026, 11, 2)), Ev(clock.CORRECTION_REQUESTED, D(2026, 11, 4), {"period_days": 15})]
    result = clock.compute(events, D(2026, 11, 27))
    assert result.paused and result.due is None and result.state == "paused"
    assert "补正" in result.pause_reason


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        (D(2026, 10, 22), "green", 6),
        (D(2026, 10, 23), "yellow", 5),
        (D(2026, 10, 30), "yellow", 0),
        (D(2026, 10, 31), "red", -1),  # a Saturday after a Friday deadline is already overdue
        (D(2026, 11, 3), "red", -2),
    ],
)
def test_colours_yellow_within_five_working_days_red_when_overdue(db, today, state, days_left):
    result = clock.compute([received(D(2026, 9, 28))], today)
    assert (result.state, result.days_left) == (state, days_left)


@override_settings(GONGKAI_FOI_DUE_SOON_DAYS=10)
def test_due_soon_threshold_is_a_setting(db):
    assert clock.compute([received(D(2026, 9, 28))], D(2026, 10, 22)).state == "yellow"


def test_closed_case_reports_whether_it_was_on_time(db):
    events = [received(D(2026, 9, 28)), Ev(clock.CLOSED, D(2026, 10, 30))]
    assert clock.compute(events, D(2026, 11, 27)).on_time
    events = [received(D(2026, 9, 28)), Ev(clock.CLOSED, D(2026, 11, 2))]
    assert not clock.compute(events, D(2026, 11, 27)).on_time


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 11, 30))


# read-only use of the database (the seeded calendar), so sharing the `db` fixture across examples is safe; it
# also keeps these tests ordered before any transactional test that would flush the seeded calendar
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates)
def test_a_due_date_is_always_a_working_day(db, start):
    cal = workdays.get_calendar()
    assert cal.covered_until is not None
    result = clock.compute([received(start)], start, cal)
    assert cal.is_workday(result.due)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=dates, after=st.integers(0, 30), length=st.integers(0, 40))
def test_pausing_then_resuming_never_shortens_the_time(db, start, after, length):
    cal = workdays.get_calendar()
    pause = start + datetime.timedelta(days=after)
    resume = pause + datetime.timedelta(days=length)
    plain = clock.compute([received(start)], start, cal).due
    paused = clock.compute(
        [
            received(start),
            Ev(clock.CONSULTATION_STARTED, pause, {"ref": "1"}),
            Ev(clock.CONSULTATION_ANSWERED, resume, {"ref": "1"}),
        ],
        start,
        cal,
    ).due
    assert paused >= plain
    assert cal.is_workday(paused)
