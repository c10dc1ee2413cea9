"""What stops, pauses or extends the answer clock: 补正 (Art. 30), 征求意见 of a third party or another agency (Arts.
32, 34) and the one 延期 (Art. 33)."""

from django.db import transaction

from gongkai.core import audit, workdays
from gongkai.core.templatetags.cn_dates import cn_date

from .. import clock as clock_module
from .. import letters, rules
from ..models import EventKind, Status
from ..rules import ActionError
from .base import _allow, _event, _lock, _now, notify_applicant, refresh_clock


# --- 补正 (Art. 30) ----------------------------------------------------------------------------------------------
@transaction.atomic
def request_correction(actor, app, *, items, period_days=None, at=None):
    """Art. 30: one notice, stating what to correct, a reasonable period and the consequence; the clock stops."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "correction")
    if not items.strip():
        raise ActionError("请写明需要补正的事项。")
    period = period_days or rules.correction_period_days()
    before = app.status
    app.status = Status.CORRECTION
    app.save(update_fields=["status"])
    on = workdays.local_date(at)
    until, _ = workdays.add_due(on, period)
    letters.correction(app, on, items, period, until)
    _event(
        app,
        EventKind.CORRECTION_REQUESTED,
        at,
        actor=actor,
        payload={"items": items, "period_days": period, "return_to": before},
        public_text=f"请于 {cn_date(until)} 前补正：{items}。逾期无正当理由不补正的，视为放弃申请。",
    )
    audit.record(
        actor, "foi.request_correction", app, before={"status": before}, after={"status": app.status}
    )
    notify_applicant(app, "补正告知", f"请于 {cn_date(until)} 前补正：{items}。逾期不补正的，视为放弃申请。")
    refresh_clock(app)
    return app


@transaction.atomic
def receive_correction(actor, app, *, text="", at=None, on=None):
    """Art. 30: the answer period restarts at the receipt of the corrected application."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "correction_received")
    notice = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
    back = notice.payload.get("return_to", Status.RECEIVED)
    app.status = back
    if text:
        app.description = f"{app.description}\n【补正】{text}"
    app.save(update_fields=["status", "description"])
    _event(
        app,
        EventKind.CORRECTION_RECEIVED,
        at,
        actor=actor,
        on=on,
        payload={"text_length": len(text)},
        public_text="已收到补正，答复期限自次日起重新计算",
    )
    audit.record(
        actor, "foi.receive_correction", app, before={"status": Status.CORRECTION}, after={"status": back}
    )
    refresh_clock(app)
    return app


# --- consultation (Arts. 32, 34) ----------------------------------------------------------------------------
@transaction.atomic
def start_consultation(actor, app, *, party, at=None, note=""):
    """Consult a third party or a co-authoring agency in writing; the time is not counted (Art. 33)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "consult")
    if not party.strip():
        raise ActionError("请填写被征求意见的第三方或机关。")
    ref = str(app.events.filter(kind=EventKind.CONSULTATION_STARTED).count() + 1)
    before = app.status
    app.status = Status.CONSULTATION
    app.save(update_fields=["status"])
    on = workdays.local_date(at)
    due, _ = workdays.add_due(on, rules.CONSULTATION_DAYS)
    letters.consultation(app, on, party, due)
    _event(
        app,
        EventKind.CONSULTATION_STARTED,
        at,
        actor=actor,
        payload={"party": party, "ref": ref, "due": str(due)},
        public_text="本机关依法征求第三方（或其他机关）意见，征求意见时间不计入答复期限",
        note=note,
    )
    audit.record(
        actor,
        "foi.start_consultation",
        app,
        before={"status": before},
        after={"status": app.status, "ref": ref},
    )
    notify_applicant(app, "征求意见告知", "本机关正在依法征求第三方意见，所需时间不计入答复期限。")
    refresh_clock(app)
    return app


def open_consultations(app):
    started = {e.payload.get("ref") for e in app.events.filter(kind=EventKind.CONSULTATION_STARTED)}
    answered = {e.payload.get("ref") for e in app.events.filter(kind=EventKind.CONSULTATION_ANSWERED)}
    return sorted(started - answered)


@transaction.atomic
def answer_consultation(actor, app, *, ref=None, opinion, consent=None, at=None):
    """The other party answered (or its 15 days ran out: for a co-authoring agency silence is consent, Art. 34)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "consult_answer")
    pending = open_consultations(app)
    ref = ref or (pending[0] if pending else None)
    if ref not in pending:
        raise ActionError("没有待答复的征求意见。")
    _event(
        app,
        EventKind.CONSULTATION_ANSWERED,
        at,
        actor=actor,
        payload={"ref": ref, "consent": consent},
        public_text="征求意见结束，恢复计算答复期限",
        note=opinion,
    )
    if len(pending) == 1:
        app.status = Status.ASSIGNED
        app.save(update_fields=["status"])
    audit.record(
        actor,
        "foi.answer_consultation",
        app,
        before={"status": Status.CONSULTATION},
        after={"status": app.status, "ref": ref},
    )
    refresh_clock(app)
    return app


# --- extension (Art. 33) -------------------------------------------------------------------------------------
@transaction.atomic
def approve_extension(actor, app, *, days, reason, at=None):
    """Art. 33: once, at most 20 working days, approved by the head of the disclosure office before the current
    deadline, and the applicant is told."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "extension")
    if not reason.strip():
        raise ActionError("请写明延期理由。")
    on = workdays.local_date(at)
    events = list(app.events.all())
    trial = clock_module.compute([*events, _Trial(clock_module.EXTENSION_APPROVED, on, {"days": days})], on)
    if trial.refused:
        raise ActionError(f"不能延期：{trial.refused[-1]}。")
    letters.extension(app, on, days, reason, trial.due)
    _event(
        app,
        EventKind.EXTENSION_APPROVED,
        at,
        actor=actor,
        payload={"days": days},
        public_text=f"经批准延长答复期限 {days} 个工作日，延长后的期限为 {cn_date(trial.due)}"
        if trial.due
        else f"经批准延长答复期限 {days} 个工作日",
        note=reason,
    )
    audit.record(
        actor, "foi.approve_extension", app, after={"days": days, "due": str(trial.due)}, note=reason
    )
    notify_applicant(app, "延期答复告知", f"经批准，答复期限延长 {days} 个工作日。理由：{reason}")
    refresh_clock(app)
    return app


class _Trial:
    """An event not yet stored, to ask the clock what it would do."""

    def __init__(self, kind, on, payload):
        self.kind, self.on, self.payload = kind, on, payload
