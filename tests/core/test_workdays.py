"""Working-day arithmetic on the official calendar, with real dates (RULES.md §1)."""

import datetime

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core import workdays
from gongkai.core.models import CalendarDay, CalendarYear

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # National Day 2026: 10-01..10-07 off, Saturday 10-10 is a make-up working day
        (D(2026, 9, 28), 20, D(2026, 10, 30)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 9), 1, D(2026, 10, 10)),
        # Spring Festival 2026: 02-15..02-23 off; Saturdays 02-14 and 02-28 are working days
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 10), 20, D(2026, 3, 16)),
        # Spring Festival 2025: 01-28..02-04 off; 01-26 (Sun) and 02-08 (Sat) are working days
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 1, 20), 20, D(2025, 2, 21)),
        # National Day 2025: 10-01..10-08 off; 09-28 (Sun) and 10-11 (Sat) are working days
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 9, 22), 20, D(2025, 10, 24)),
        # an ordinary month, weekends only
        (D(2026, 11, 2), 20, D(2026, 11, 30)),
        # start on a rest day: counting still starts the day after
        (D(2026, 10, 3), 1, D(2026, 10, 8)),
        # 0 days is the identity
        (D(2026, 10, 3), 0, D(2026, 10, 3)),
        # 7 working days for a 补正 notice from a Friday
        (D(2026, 4, 30), 7, D(2026, 5, 13)),
    ],
)
def test_add_workdays_on_the_official_calendar(db, start, days, due):
    result = workdays.add_workdays(start, days)
    assert result.due == due
    assert result.provisional is False


def test_explanation_names_the_holiday_and_the_makeup_day(db):
    result = workdays.add_workdays(D(2026, 9, 28), 20)
    reasons = {s.date: s.reason for s in result.skipped}
    assert reasons[D(2026, 10, 1)] == "国庆节"
    assert reasons[D(2026, 10, 11)] == "周末"
    assert [m.date for m in result.makeup_workdays] == [D(2026, 10, 10)]
    assert "国庆节" in result.explain() and "10月10日" in result.explain()


def test_past_the_covered_year_the_answer_is_provisional_not_an_error(db):
    result = workdays.add_workdays(D(2026, 12, 31), 20)
    assert result.provisional is True
    assert result.covered_until == D(2026, 12, 31)
    # weekends only: 2027-01-01 (a Friday) counts as a working day until the 2027 schedule is entered
    assert result.due == D(2027, 1, 28)
    assert "暂定" in result.explain()


def test_entering_the_new_year_recomputes_a_provisional_deadline(db):
    before = workdays.add_workdays(D(2026, 12, 31), 20)
    CalendarDay.objects.create(date=D(2027, 1, 1), kind="rest", name="元旦", source="国办发明电〔2026〕")
    CalendarYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    workdays.invalidate()
    after = workdays.add_workdays(D(2026, 12, 31), 20)
    assert before.due == D(2027, 1, 28)
    assert after.due == D(2027, 1, 29)
    assert after.provisional is False


def test_a_year_entered_after_a_gap_does_not_cover_the_gap(db):
    CalendarYear.objects.create(year=2028)
    workdays.invalidate()
    assert workdays.covered_until() == D(2026, 12, 31)


def test_count_workdays_is_the_inverse_of_add(db):
    start = D(2026, 9, 28)
    due = workdays.add_workdays(start, 20).due
    assert workdays.count_workdays(start, due) == 20
    assert workdays.count_workdays(start, start) == 0
    assert workdays.count_workdays(due, start) == -20


@pytest.mark.parametrize("bad", [-1, 1001, 2.5, "3"])
def test_absurd_day_counts_are_refused(db, bad):
    with pytest.raises(ValueError, match="工作日天数"):
        workdays.add_workdays(D(2026, 1, 5), bad)


def test_calendar_agrees_with_the_holidays_package_for_every_day_2019_to_2026(db):
    cal = workdays.get_calendar()
    china = holidays.China(years=range(2019, 2027))
    mismatches = []
    day = D(2019, 1, 1)
    while day <= D(2026, 12, 31):
        if cal.is_workday(day) != china.is_working_day(day):
            mismatches.append(day)
        day += datetime.timedelta(days=1)
    assert mismatches == []


@settings(max_examples=300, deadline=None)
@given(start=st.dates(D(2019, 1, 1), D(2027, 6, 30)), days=st.integers(1, 60))
def test_a_due_date_is_always_a_working_day_after_the_start(django_db_blocker, start, days):
    with django_db_blocker.unblock():
        cal = workdays.get_calendar()
    result = cal.add_due(start, days)[0]
    assert result > start
    assert cal.is_workday(result)
    assert cal.count_workdays(start, result) == days


@settings(max_examples=200, deadline=None)
@given(start=st.dates(D(2019, 1, 1), D(2026, 6, 30)), a=st.integers(0, 40), b=st.integers(0, 40))
def test_adding_in_two_steps_equals_adding_at_once(django_db_blocker, start, a, b):
    with django_db_blocker.unblock():
        cal = workdays.get_calendar()
    first = cal.add_due(start, a)[0]
    if a == 0:
        assert first == start
    assert cal.add_due(first, b)[0] == cal.add_due(start, a + b)[0]
