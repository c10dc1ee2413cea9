"""After the reply: Art. 44 (information many ask for moves into proactive disclosure) and the 行政复议 / 行政诉讼
filed against a case (table 四)."""

from django.db import transaction

from gongkai.core import audit

from .. import rules
from ..models import EventKind, Remedy
from ..rules import ActionError
from .base import _allow, _event, _lock, _now


# --- Art. 44 and remedies --------------------------------------------------------------------------------------
@transaction.atomic
def mark_for_proactive_disclosure(actor, app, *, reason, at=None):
    """Art. 44: information many people ask for may be moved into proactive disclosure — in one action: the
    office's decision is recorded and a draft item with the reply enters the department's review workflow."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "proactive")
    if not reason.strip():
        raise ActionError("请写明转为主动公开的理由。")
    app.marked_for_proactive = True
    app.save(update_fields=["marked_for_proactive"])
    from gongkai.disclosure.actions import draft_from_foi_reply

    page = draft_from_foi_reply(actor, app)
    _event(app, EventKind.PROACTIVE_MARKED, at, actor=actor, note=reason, payload={"page": page.pk})
    audit.record(
        actor,
        "foi.mark_proactive",
        app,
        before={"marked_for_proactive": False},
        after={"marked_for_proactive": True},
        note=reason,
    )
    return app


@transaction.atomic
def file_remedy(actor, app, *, kind, filed_on, body="", at=None):
    """Record a 行政复议 or 行政诉讼 against the handling of a case (table 四)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "remedy")
    if kind not in rules.RemedyKind.values:
        raise ActionError("类型不正确。")
    remedy = Remedy.objects.create(application=app, kind=kind, filed_on=filed_on, body=body)
    _event(app, EventKind.REMEDY_FILED, at, actor=actor, payload={"remedy": remedy.pk, "kind": kind})
    audit.record(actor, "foi.file_remedy", app, after={"kind": kind, "filed_on": str(filed_on)})
    return remedy


@transaction.atomic
def decide_remedy(actor, remedy, *, result, decided_on, at=None):
    _allow(actor, remedy.application, "remedy_decide")
    at = _now(at)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    if remedy.result != rules.RemedyResult.PENDING:
        raise ActionError("该复议/诉讼已审结。")
    if result not in rules.RemedyResult.values or result == rules.RemedyResult.PENDING:
        raise ActionError("请选择审结结果。")
    if decided_on < remedy.filed_on:
        raise ActionError("审结日期不能早于立案日期。")
    remedy.result = result
    remedy.decided_on = decided_on
    remedy.save(update_fields=["result", "decided_on"])
    _event(
        remedy.application,
        EventKind.REMEDY_DECIDED,
        at,
        actor=actor,
        payload={"remedy": remedy.pk, "result": result},
    )
    audit.record(
        actor, "foi.decide_remedy", remedy.application, before={"result": "pending"}, after={"result": result}
    )
    return remedy
