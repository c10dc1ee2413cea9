"""Periodic FOI jobs, run by `gongkai worker` (PERIODIC = [(seconds, callable)]).

- `send_reminders`: e-mail the assigned department's staff and the office when a case has ≤ 5 working days left
  and when it is overdue — once per case, kind and deadline (ReminderSent's unique key), so reruns send nothing new.
- `close_lapsed_cases`: 补正 or fee periods that ran out close the case (其他处理-1 / -2) through the action function.
- `recompute_after_calendar_change`: when the calendar table changes (e.g. the next year's schedule is entered and
  provisional deadlines become final), rewrite the cached due dates of open cases.
"""

import hashlib
import logging

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core import roles, siteurl, workdays

from . import actions, rules
from .models import OPEN_STATUSES, Application, ReminderSent, Status

log = logging.getLogger("gongkai.foi")


def _recipients(app, office_emails):
    User = get_user_model()
    staff = []
    if app.department_id:
        staff = list(
            User.objects.filter(staff__department_id=app.department_id, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(set(staff) | set(office_emails))


def send_reminders(today=None):
    """Returns the number of reminders sent in this run."""
    today = today or workdays.local_date(timezone.now())
    cal = workdays.get_calendar()
    soon, _ = cal.add_due(today, rules.due_soon_days())
    User = get_user_model()
    office_emails = list(
        User.objects.filter(groups__name__in=[roles.OFFICE], is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    candidates = Application.objects.filter(
        status__in=OPEN_STATUSES, clock_paused=False, due_date__isnull=False, due_date__lte=soon
    ).select_related("department")
    sent = 0
    for app in candidates.iterator():
        kind = "overdue" if app.due_date < today else "due_soon"
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    application=app, kind=kind, due_date=app.due_date, sent_at=timezone.now()
                )
        except IntegrityError:
            continue  # already reminded for this deadline
        left = cal.count_workdays(today, app.due_date) if kind == "due_soon" else None
        subject = (
            f"【依申请公开】{app.tracking_code} 已超过答复期限"
            if kind == "overdue"
            else f"【依申请公开】{app.tracking_code} 剩余 {left} 个工作日到期"
        )
        body = (
            f"申请 {app.tracking_code}（{app.get_status_display()}，承办部门：{app.department or '未分办'}）"
            f"的答复期限为 {app.due_date:%Y年%m月%d日}{'（暂定）' if app.due_provisional else ''}。\n"
            f"请登录工作台办理：{siteurl.absolute(f'/admin/foi/{app.pk}/')}"
        )
        recipients = _recipients(app, office_emails)
        if recipients:
            send_mail(subject, body, None, recipients, fail_silently=True)
        sent += 1
    if sent:
        log.info("foi reminders sent: %s", sent)
    return sent


def close_lapsed_cases(now=None):
    """Close cases whose 补正 or payment period has run out; returns how many were closed."""
    closed = 0
    for app in Application.objects.filter(status__in=[Status.CORRECTION, Status.FEE]).only("pk"):
        try:
            actions.close_lapsed(None, app, at=now)
        except actions.ActionError:
            continue
        closed += 1
    return closed


def _calendar_fingerprint():
    cal = workdays.get_calendar()
    text = repr((cal.covered_until, sorted(cal.rest_days.items()), sorted(cal.makeup_days.items())))
    return hashlib.sha256(text.encode()).hexdigest()


FINGERPRINT_KEY = "foi:calendar-fingerprint"


def recompute_after_calendar_change():
    fingerprint = _calendar_fingerprint()
    if cache.get(FINGERPRINT_KEY) == fingerprint:
        return 0
    changed = actions.recompute_open_clocks()
    cache.set(FINGERPRINT_KEY, fingerprint, None)
    if changed:
        log.info("foi due dates recomputed after a calendar change: %s", changed)
    return changed


PERIODIC = [
    (300, recompute_after_calendar_change),
    (900, send_reminders),
    (3600, close_lapsed_cases),
]
