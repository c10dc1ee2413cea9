"""What the applicant sees with the tracking code and secret (issue 5 item 8): status, receipt date, due date,
the provisional flag and the history without internal notes, department names or anyone's personal data."""

from django.utils import timezone

from gongkai.core import tracking, workdays

from . import clock as clock_module
from .actions import HASH_PURPOSE
from .models import PUBLIC_EVENTS, Application

# the session key of the applications whose code and secret were POSTed in this browser (core.tracking.remember):
# their notices and, once the reply is delivered, the released documents may be downloaded
TRACKED_KEY = "foi_tracked"


def find(tracking_code, secret):
    """The case, or None for a wrong code *or* a wrong secret (the two are indistinguishable from outside, in the
    answer and in the time it takes: gongkai.core.tracking.find). `exact`: secrets issued before the shared policy
    were case-sensitive."""
    return tracking.find(
        Application.objects.all(),
        "tracking_code",
        "secret_hash",
        HASH_PURPOSE,
        tracking_code,
        secret,
        exact=True,
    )


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
