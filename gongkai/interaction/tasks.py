"""Periodic checks (run by `gongkai worker`): reminders before a deadline and escalation to the office after it
(issue 6 §3). Each case is reminded once and escalated once per deadline."""

from django.utils import timezone

from gongkai.core import workdays

from . import actions, clock
from .models import Case, Status


def check_deadlines(now=None):
    now = now or timezone.now()
    today = workdays.local_date(now)
    reminded = escalated = 0
    qs = Case.objects.filter(
        status__in=[Status.ASSIGNED, Status.REPLY_SUBMITTED, Status.SUPERVISING, Status.RECEIVED]
    ).select_related("department", "category")
    for case in qs.iterator():
        if (
            case.status == Status.RECEIVED
            and case.first_action_due
            and case.first_action_at is None
            and now > case.first_action_due
            and case.escalated_at is None
        ):
            # the "5+2" hour clock of 纠错 ran out before anyone acted: straight to the office
            actions.escalate(case, workdays.local_date(case.first_action_due), now=now)
            escalated += 1
            continue
        due = clock.governing_due(case)
        if due is None:
            continue
        if today > due and case.escalated_at is None:
            actions.escalate(case, due, now=now)
            escalated += 1
        elif (
            today <= due
            and case.reminded_at is None
            and workdays.count_workdays(today, due) <= clock.WARN_DAYS
        ):
            actions.remind(case, due, now=now)
            reminded += 1
    return reminded, escalated


PERIODIC = [(3600, check_deadlines)]
