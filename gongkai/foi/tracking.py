"""What the applicant sees with the tracking code and secret (issue 5 item 8): status, receipt date, due date,
the provisional flag and the history without internal notes, department names or anyone's personal data."""

from django.utils import timezone

from gongkai.core import workdays

from . import clock as clock_module
from .actions import check_secret
from .models import PUBLIC_EVENTS, Application


def find(tracking_code, secret):
    """The case, or None for a wrong code *or* a wrong secret (the two are indistinguishable from outside)."""
    app = Application.objects.filter(tracking_code=(tracking_code or "").strip().upper()).first()
    if app is None or not check_secret(app, (secret or "").strip()):
        return None
    return app


def public_view(app, today=None):
    today = today or workdays.local_date(timezone.now())
    events = list(app.events.all())
    result = clock_module.compute(events, today)
    history = [
        {
            "date": event.on,
            "at": timezone.localtime(event.at).isoformat(timespec="minutes"),
            "event": event.get_kind_display(),
            "text": event.public_text,
        }
        for event in events
        if event.kind in PUBLIC_EVENTS
    ]
    return {
        "tracking_code": app.tracking_code,
        "status": app.status,
        "status_label": app.get_status_display(),
        "submitted_at": app.submitted_at,
        "receipt_date": app.receipt_date,
        "due_date": result.due,
        "provisional": result.provisional,
        "clock": result.label,
        "outcome": app.get_outcome_display() if app.outcome and app.is_closed else "",
        "history": history,
    }
