"""Working-day arithmetic on the official Chinese calendar (RULES.md §1, MISSION B2).

A working day is a weekday that is not an official rest day, plus the make-up working weekends (调休) the State
Council announces. Counting starts the day after the start date: "N working days from D" is the N-th working day
after D, and adding 0 days is the identity. Past `covered_until` (the end of the last year whose schedule has been
entered) only weekends are known, so such a result is *provisional* and is recomputed when the year is entered.

Every statutory clock of every app goes through this module; no app adds `timedelta(days=…)` to a legal date.
"""

import bisect
import datetime
from dataclasses import dataclass, field

from .snapshot import SharedSnapshot

WEEKDAY_NAMES = "一二三四五六日"
MAX_DAYS = 1000  # more than any statutory period; guards the API against absurd input
_FIRST = datetime.date(2000, 1, 1)
_LAST = datetime.date(2080, 12, 31)


@dataclass(frozen=True)
class SkippedDay:
    date: datetime.date
    reason: str


@dataclass(frozen=True)
class WorkdayResult:
    """The answer to "N working days after `start`", with how it was computed."""

    start: datetime.date
    days: int
    due: datetime.date
    provisional: bool
    covered_until: datetime.date | None
    skipped: list[SkippedDay] = field(default_factory=list)
    makeup_workdays: list[SkippedDay] = field(default_factory=list)

    def explain(self):
        """A sentence a case officer can read out to an applicant."""
        parts = [f"自 {self.start:%Y年%m月%d日} 次日起算 {self.days} 个工作日，截止 {self.due:%Y年%m月%d日}"]
        holidays = [s for s in self.skipped if s.reason != "周末"]
        weekends = len(self.skipped) - len(holidays)
        if weekends:
            parts.append(f"跳过周末 {weekends} 天")
        if holidays:
            names = "、".join(sorted({s.reason for s in holidays}, key=lambda r: r))
            parts.append(f"跳过法定节假日 {len(holidays)} 天（{names}）")
        if self.makeup_workdays:
            dates = "、".join(f"{d.date:%m月%d日}" for d in self.makeup_workdays)
            parts.append(f"计入调休上班日 {dates}")
        if self.provisional:
            parts.append(
                f"暂定：日历仅覆盖至 {self.covered_until:%Y年%m月%d日}，该年节假日安排公布后将自动重算"
            )
        return "；".join(parts) + "。"


class WorkCalendar:
    """An immutable snapshot of the calendar table, built for fast lookups.

    `_workdays` is the sorted list of the ordinals of all working days between 2000 and 2080 (provisional
    beyond `covered_until`), so adding N working days is one bisect.
    """

    def __init__(self, rest_days, makeup_days, covered_until):
        self.rest_days = dict(rest_days)  # date -> holiday name
        self.makeup_days = dict(makeup_days)  # date -> holiday name
        self.covered_until = covered_until
        ordinals = []
        day = _FIRST
        one = datetime.timedelta(days=1)
        while day <= _LAST:
            if self.is_workday(day):
                ordinals.append(day.toordinal())
            day += one
        self._workdays = ordinals

    def is_workday(self, day):
        if self.covered_until is None or day > self.covered_until:
            return day.weekday() < 5
        if day in self.makeup_days:
            return True
        if day in self.rest_days:
            return False
        return day.weekday() < 5

    def reason_for_rest(self, day):
        if self.covered_until is not None and day <= self.covered_until and day in self.rest_days:
            return self.rest_days[day]
        return "周末"

    def is_provisional(self, day):
        return self.covered_until is None or day > self.covered_until

    def _check(self, start, days):
        if not isinstance(days, int) or days < 0 or days > MAX_DAYS:
            raise ValueError(f"工作日天数须为 0 到 {MAX_DAYS} 之间的整数。")
        if not (_FIRST <= start <= _LAST - datetime.timedelta(days=3 * MAX_DAYS // 2 + 30)):
            raise ValueError("日期超出日历支持的范围（2000 年至 2075 年）。")

    def add_due(self, start, days):
        """The N-th working day after `start` and whether it is provisional — the hot path, no explanation."""
        self._check(start, days)
        if days == 0:
            return start, self.is_provisional(start)
        idx = bisect.bisect_right(self._workdays, start.toordinal())
        due = datetime.date.fromordinal(self._workdays[idx + days - 1])
        return due, self.is_provisional(due)

    def add_workdays(self, start, days):
        """`add_due` plus the explanation: every non-working day skipped and every make-up day counted."""
        due, provisional = self.add_due(start, days)
        skipped, makeup = [], []
        day = start + datetime.timedelta(days=1)
        one = datetime.timedelta(days=1)
        while day <= due:
            if not self.is_workday(day):
                skipped.append(SkippedDay(day, self.reason_for_rest(day)))
            elif day.weekday() >= 5:
                makeup.append(
                    SkippedDay(
                        day,
                        f"{self.makeup_days.get(day, '')}调休上班日（星期{WEEKDAY_NAMES[day.weekday()]}）",
                    )
                )
            day += one
        return WorkdayResult(start, days, due, provisional, self.covered_until, skipped, makeup)

    def count_workdays(self, start, end):
        """Working days in (start, end]: how many of a period have been used by `end`. Negative if end < start."""
        if end < start:
            return -self.count_workdays(end, start)
        lo = bisect.bisect_right(self._workdays, start.toordinal())
        hi = bisect.bisect_right(self._workdays, end.toordinal())
        return hi - lo

    def next_workday(self, day):
        """`day` itself if it is a working day, else the next one (e.g. a receipt on a Sunday)."""
        idx = bisect.bisect_left(self._workdays, day.toordinal())
        return datetime.date.fromordinal(self._workdays[idx])


# --- the process-wide snapshot ------------------------------------------------------------------------
def build_from_db():
    from .models import CalendarDay, CalendarYear

    rest, makeup = {}, {}
    for date, kind, name in CalendarDay.objects.values_list("date", "kind", "name"):
        (makeup if kind == CalendarDay.Kind.WORKDAY else rest)[date] = name
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    covered_until = None
    if years:
        # covered to the end of the unbroken run of entered years from the earliest: a year entered after a gap
        # does not make the missing year known
        entered = set(years)
        last = years[0]
        while last + 1 in entered:
            last += 1
        covered_until = datetime.date(last, 12, 31)
    return WorkCalendar(rest, makeup, covered_until)


_calendar = SharedSnapshot("gongkai:calendar:version", build_from_db)


def get_calendar():
    """The current calendar snapshot, rebuilt when the table changed in any process."""
    return _calendar.get()


def invalidate():
    """Called when the calendar table changes: every process rebuilds its snapshot on its next look."""
    _calendar.invalidate()


def add_workdays(start, days):
    return get_calendar().add_workdays(start, days)


def add_due(start, days):
    return get_calendar().add_due(start, days)


def count_workdays(start, end):
    return get_calendar().count_workdays(start, end)


def is_workday(day):
    return get_calendar().is_workday(day)


def covered_until():
    return get_calendar().covered_until


def local_date(dt):
    """The Asia/Shanghai date of an aware datetime — the date the law counts."""
    from django.utils import timezone

    return timezone.localtime(dt).date()
