"""分办 and 转办 (F11): the office routes a received case to the department that holds the information."""

from django.db import transaction

from gongkai.core import audit

from ..models import EventKind, Status
from ..rules import ActionError
from .base import _allow, _event, _lock, _now, _require_same_site, refresh_clock


# --- routing (F11) -------------------------------------------------------------------------------------------
@transaction.atomic
def assign(actor, app, department, *, at=None, note=""):
    """The office routes a received case to the responsible department (Art. 10)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "assign")
    _require_same_site(app, department)
    app.department = department
    app.status = Status.ASSIGNED
    app.save(update_fields=["department", "status"])
    _event(app, EventKind.ASSIGNED, at, actor=actor, department=department, note=note)
    audit.record(actor, "foi.assign", app, before={"department": None}, after={"department": department.name})
    refresh_clock(app)
    return app


@transaction.atomic
def transfer(actor, app, department, *, reason, at=None):
    """The office moves a case to another department (the first one does not hold the information)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "transfer")
    if not reason.strip():
        raise ActionError("请说明转办理由。")
    if app.department_id == department.pk:
        raise ActionError("已在该部门办理。")
    _require_same_site(app, department)
    before = app.department.name if app.department else None
    app.department = department
    app.status = Status.ASSIGNED
    app.save(update_fields=["department", "status"])
    _event(
        app,
        EventKind.TRANSFERRED,
        at,
        actor=actor,
        department=department,
        note=reason,
        payload={"from": before},
    )
    audit.record(
        actor,
        "foi.transfer",
        app,
        before={"department": before},
        after={"department": department.name},
        note=reason,
    )
    refresh_clock(app)
    return app
