"""What every FOI action shares: the clock, the event log, the lock, the one gate through `rules.TRANSITIONS`
(`_allow`), and the e-mail to the applicant."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.core import actors, roles, workdays

from .. import clock as clock_module
from .. import rules
from ..models import OPEN_STATUSES, Application, Event
from ..rules import ActionError


def _now(at):
    return at or timezone.now()


def _label(actor):
    return actors.staff_label(actor)


def _event(app, kind, at, *, actor=None, on=None, department=None, payload=None, public_text="", note=""):
    """Append one event; the log is in time order, so an event cannot be dated before the previous one."""
    previous = app.events.order_by("-at", "-id").values_list("at", flat=True).first()
    if previous is not None and at < previous:
        raise ActionError("办理时间不能早于上一办理事项的时间。")
    return Event.objects.create(
        application=app,
        kind=kind,
        at=at,
        on=on or workdays.local_date(at),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        department=department,
        payload=payload or {},
        public_text=public_text,
        note=note,
    )


def _lock(app):
    return Application.objects.select_for_update().get(pk=app.pk)


def _require_office(actor):
    """Intake at the window, by registered post or orally is the office's (there is no case yet to check against
    the table)."""
    if actor is not None and not roles.sees_all_departments(actor):
        raise ActionError("只有政务公开办可以执行此操作。")


def _require_same_site(app, department):
    if department is not None and department.site_id != app.site_id:
        raise ActionError("只能分办给本网站的部门。")


def _allow(actor, app, action):
    """The one gate of every action on a case: who may do it (集约化: never another site's case, docs/multisite.md)
    and whether the state allows it — both read from `rules.TRANSITIONS`."""
    rules.require(actor, app, action)
    rules.check(app, action)


def refresh_clock(app, today=None):
    """Recompute the cached due date of the workbench from the events (never typed in)."""
    today = today or workdays.local_date(timezone.now())
    result = clock_module.compute(list(app.events.all()), today)
    Application.objects.filter(pk=app.pk).update(
        due_date=result.due, due_provisional=result.provisional, clock_paused=result.paused
    )
    app.due_date, app.due_provisional, app.clock_paused = result.due, result.provisional, result.paused
    return result


def notify_applicant(app, subject, body):
    """E-mail the applicant, if they gave an address, after the transaction commits."""
    if not app.email:
        return
    email, code = app.email, app.tracking_code
    transaction.on_commit(
        lambda: send_mail(f"【政府信息公开申请 {code}】{subject}", body, None, [email], fail_silently=True)
    )


def recompute_open_clocks(today=None, batch=2000):
    """Rewrite the cached due dates of all open cases (after a calendar change); returns how many changed."""
    today = today or workdays.local_date(timezone.now())
    changed = 0
    ids = list(Application.objects.filter(status__in=OPEN_STATUSES).values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        events = {}
        for event in Event.objects.filter(application_id__in=chunk).order_by("at", "id"):
            events.setdefault(event.application_id, []).append(event)
        for app in Application.objects.filter(pk__in=chunk).only(
            "pk", "due_date", "due_provisional", "clock_paused"
        ):
            result = clock_module.compute(events.get(app.pk, []), today)
            if (result.due, result.provisional, result.paused) != (
                app.due_date,
                app.due_provisional,
                app.clock_paused,
            ):
                Application.objects.filter(pk=app.pk).update(
                    due_date=result.due, due_provisional=result.provisional, clock_paused=result.paused
                )
                changed += 1
    return changed
