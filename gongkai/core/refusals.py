"""Refusals: an action that is not done, with the Chinese reason for the person who asked (issue 16 item 3).

Every pillar's refusal derives from `Refused`: the role and department guards raise `NotPermitted` (403; it is
also Django's PermissionDenied, so Wagtail and Django treat it as they always did), a move the case's state does
not allow raises `Refused` or a pillar's subclass of it (409: FOI's `ActionError`, interaction's
`TransitionError`). A view that knows which form field the reason belongs to catches the refusal and shows it
there; one that does not lets it through, and `core.errors.refusal_response` answers once for all: the reason as
an HTML page or, under /api/, as {"errors": {"__all__": …}}. Nothing was stored: the action's transaction rolled
back when the refusal was raised.
"""

from django.core.exceptions import PermissionDenied


class Refused(Exception):
    """The action was refused in the state things are in (HTTP 409); `message` is the Chinese reason."""

    status = 409

    def __init__(self, message="操作未被接受。"):
        super().__init__(message)
        self.message = message


class NotPermitted(Refused, PermissionDenied):
    """The person may not do this here: another department's item, another site's case, a role they lack (403)."""

    status = 403
