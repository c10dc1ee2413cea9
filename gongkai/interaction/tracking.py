"""How a citizen reaches their own case: the code and the secret, POSTed (gongkai.core.tracking holds the policy:
readable codes and secrets, only a keyed hash stored, constant-time checks, nothing secret in a URL)."""

from gongkai.core import tracking

from .models import HASH_PURPOSE, Case

RECEIPT_KEY = "interaction_receipt"  # the receipt waiting to be shown once after the POST of a form
TRACKED_KEY = (
    "interaction_tracked"  # the cases looked up in this browser in the last half hour (the rating form)
)


def find(channels, code, secret):
    """The case with this code and secret in these channels, or None (a wrong code and a wrong secret give the
    same answer, with the same work)."""
    queryset = Case.objects.filter(channel__in=channels).select_related(
        "category", "department", "reply_department"
    )
    return tracking.find(queryset, "code", "secret_hash", HASH_PURPOSE, code, secret)


def tracked(request, channels, code):
    """The case this browser looked up with its secret within the last half hour, or None."""
    case = (
        Case.objects.filter(code=tracking.normalize_code(code), channel__in=channels)
        .select_related("category", "department", "reply_department")
        .first()
        if code
        else None
    )
    if case is None or not tracking.remembered(request, TRACKED_KEY, case.pk):
        return None
    return case
