"""The clocks of a case (RULES.md §5–§6). Plain functions, no request.

- Reply deadline: N working days on the statutory calendar after the day of 受理 (`gongkai.core.workdays`; the day
  of receipt is day zero). Defaults: 留言 5, 纠错 3, 12345 5 — per category editable (`Category`).
- "5+2" first-action clock of 纠错: calendar hours from the aware receipt time; weekends and holidays count, as the
  seed's "5+2" (five working days plus the two weekend days) promises. Default 24 h.
- 督办 after a bad rating: the fix is due N working days (default 15) after the rating.
- Yellow before a deadline (`warn_days` working days / `warn_hours` hours left), red after it.
- The national veto item: a valid message unanswered for more than 3 months (国办秘函〔2019〕19号). A warning starts
  `alarm_warn_days` calendar days before.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from gongkai.core import workdays

from .models import Channel, Status

DEFAULTS = {
    Channel.MESSAGE: {"reply_days": 5, "first_action_hours": None, "supervision_days": 15},
    Channel.SITE_ERROR: {"reply_days": 3, "first_action_hours": 24, "supervision_days": 15},
    Channel.HOTLINE: {"reply_days": 5, "first_action_hours": None, "supervision_days": 15},
}
WARN_DAYS = 1
WARN_HOURS = 6
ALARM_MONTHS = 3
ALARM_WARN_DAYS = 15

GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: "正常", YELLOW: "临期", RED: "逾期"}


def channel_defaults(channel):
    """The defaults of RULES.md §6, overridable per channel with settings.GONGKAI_INTERACTION_DEADLINES."""
    override = getattr(settings, "GONGKAI_INTERACTION_DEADLINES", {}).get(str(channel), {})
    return {**DEFAULTS[Channel(channel)], **override}


def _setting(name, default):
    return getattr(settings, f"GONGKAI_INTERACTION_{name}", default)


@dataclass(frozen=True)
class Deadlines:
    first_action_due: datetime.datetime | None
    reply_due: datetime.date
    provisional: bool
    explanation: str


def limits(channel, category=None):
    base = channel_defaults(channel)
    if category is not None:
        for key in ("reply_days", "first_action_hours", "supervision_days"):
            value = getattr(category, key)
            if value is not None:
                base[key] = value
    return base


def deadlines_for(channel, category, received_at):
    """Both deadlines of a new case received at the aware datetime `received_at`."""
    rule = limits(channel, category)
    result = workdays.add_workdays(workdays.local_date(received_at), rule["reply_days"])
    first = None
    explanation = result.explain()
    if rule["first_action_hours"]:
        first = received_at + datetime.timedelta(hours=rule["first_action_hours"])
        explanation = (
            f"“5+2”首次响应：受理后 {rule['first_action_hours']} 小时内（周末、节假日照常计时），"
            f"截止 {timezone.localtime(first):%Y年%m月%d日 %H:%M}；答复：" + explanation
        )
    return Deadlines(first, result.due, result.provisional, explanation[:400])


def supervision_due(case, at):
    """The fix after a bad rating is due N working days after the rating (default 15)."""
    days = limits(case.channel, case.category)["supervision_days"]
    return workdays.add_due(workdays.local_date(at), days)[0]


def governing_due(case):
    """The date the case is now measured against, or None when nothing is owed."""
    if case.status == Status.SUPERVISING:
        return case.supervision_due
    if (
        case.status in (Status.RECEIVED, Status.ASSIGNED, Status.REPLY_SUBMITTED)
        and case.first_replied_at is None
    ):
        return case.reply_due
    if case.status in (Status.ASSIGNED, Status.REPLY_SUBMITTED) and case.supervision_due:
        return case.supervision_due
    return None


def light(case, now=None):
    """green / yellow / red for an open case, '' when nothing is owed. The worse of the two clocks wins."""
    now = now or timezone.now()
    colours = []
    if case.first_action_due and case.first_action_at is None and case.status == Status.RECEIVED:
        left = case.first_action_due - now
        if left < datetime.timedelta(0):
            colours.append(RED)
        elif left <= datetime.timedelta(hours=_setting("WARN_HOURS", WARN_HOURS)):
            colours.append(YELLOW)
        else:
            colours.append(GREEN)
    due = governing_due(case)
    if due is not None:
        today = workdays.local_date(now)
        if today > due:
            colours.append(RED)
        elif workdays.count_workdays(today, due) <= _setting("WARN_DAYS", WARN_DAYS):
            colours.append(YELLOW)
        else:
            colours.append(GREEN)
    for colour in (RED, YELLOW, GREEN):
        if colour in colours:
            return colour
    return ""


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def alarm(case, now=None):
    """'veto' when a valid case has had no reply for more than 3 months, 'warning' in the weeks before, else ''."""
    if case.first_replied_at is not None or case.status in (Status.INVALID, Status.REDIRECTED, Status.CLOSED):
        return ""
    today = workdays.local_date(now or timezone.now())
    limit = add_months(workdays.local_date(case.received_at), _setting("ALARM_MONTHS", ALARM_MONTHS))
    if today > limit:
        return "veto"
    if (limit - today).days <= _setting("ALARM_WARN_DAYS", ALARM_WARN_DAYS):
        return "warning"
    return ""


def alarm_cutoff(now=None):
    """Received before this instant ⇒ possibly in the alarm window (a coarse filter for queries)."""
    now = now or timezone.now()
    return now - datetime.timedelta(
        days=28 * _setting("ALARM_MONTHS", ALARM_MONTHS) - _setting("ALARM_WARN_DAYS", ALARM_WARN_DAYS) - 3
    )
