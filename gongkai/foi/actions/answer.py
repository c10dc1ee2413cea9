"""答复 (Arts. 36–41): the department's reply, the office's review with the 保密审查, service of the reply, the
cases that lapse (逾期不补正、逾期未缴费), and the documents released with the reply."""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core import audit, workdays
from gongkai.core.templatetags.cn_dates import cn_date

from .. import letters, rules
from ..models import EventKind, ReleasedFile, Status
from ..rules import ActionError
from .base import _allow, _event, _lock, _now, notify_applicant, refresh_clock


# --- reply, review, delivery -------------------------------------------------------------------------------
@transaction.atomic
def department_reply(actor, app, *, outcome, reply_text, at=None):
    """The department (or the office, for cases it handles itself) proposes the outcome and the reply."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "reply")
    if outcome not in rules.Outcome.values or outcome in (
        rules.Outcome.OTHER_UNPAID,
        rules.Outcome.OTHER_NO_CORRECTION,
    ):
        raise ActionError("请选择办理结果（逾期不补正、逾期未缴费由系统按期限自动办结）。")
    if not reply_text.strip():
        raise ActionError("请填写答复内容。")
    before = app.status
    app.outcome = outcome
    app.legal_basis = rules.LEGAL_BASIS[rules.Outcome(outcome)]
    app.reply_text = reply_text.strip()
    app.status = Status.REPLIED
    app.save(update_fields=["outcome", "legal_basis", "reply_text", "status"])
    _event(
        app,
        EventKind.DEPARTMENT_REPLIED,
        at,
        actor=actor,
        department=app.department,
        payload={"outcome": outcome},
    )
    audit.record(
        actor,
        "foi.department_reply",
        app,
        before={"status": before},
        after={"status": app.status, "outcome": outcome},
    )
    refresh_clock(app)
    return app


@transaction.atomic
def review(actor, app, *, approve, note="", secrecy_checked=False, at=None):
    """The office's review with the 保密审查 (Art. 17) before anything is released; approval generates the
    reply letter (.docx and PDF) from the outcome's template."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "review")
    if approve:
        if not secrecy_checked:
            raise ActionError("请确认已完成保密审查。")
        app.status = Status.APPROVED
        app.save(update_fields=["status"])
        _event(app, EventKind.REVIEW_APPROVED, at, actor=actor, payload={"secrecy_checked": True}, note=note)
        _store_letters(app, workdays.local_date(at))
        audit.record(
            actor, "foi.review_approve", app, before={"status": Status.REPLIED}, after={"status": app.status}
        )
    else:
        if not note.strip():
            raise ActionError("退回须写明理由。")
        app.status = Status.ASSIGNED if app.department_id else Status.RECEIVED
        app.save(update_fields=["status"])
        _event(app, EventKind.REVIEW_RETURNED, at, actor=actor, note=note)
        audit.record(
            actor,
            "foi.review_return",
            app,
            before={"status": Status.REPLIED},
            after={"status": app.status},
            note=note,
        )
    refresh_clock(app)
    return app


def _store_letters(app, on):
    """Issue the 答复书 (numbered, with the released documents as 附件) and freeze its text on the case; the .docx
    and PDF are rendered from it (letters.py)."""
    app.letter = letters.reply(app, on).paragraphs
    app.save(update_fields=["letter"])


def _close(app, actor, at, on):
    app.status = Status.CLOSED
    app.closed_at = at
    app.closed_on = on
    app.save(update_fields=["status", "closed_at", "closed_on"])
    _event(
        app,
        EventKind.CLOSED,
        at,
        actor=actor,
        on=on,
        payload={"outcome": app.outcome},
        public_text=f"已办结：{rules.Outcome(app.outcome).label}",
    )


@transaction.atomic
def deliver(actor, app, *, method, proof, at=None, on=None):
    """Serve the approved reply and record how and the proof (EMS number, signature, e-mail); this closes the
    case with its one outcome. The legal date is the day of service (`on`, e.g. the signature date)."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "deliver")
    if method not in rules.ServiceMethod.values:
        raise ActionError("送达方式不正确。")
    if not proof.strip():
        raise ActionError("请填写送达凭证（如 EMS 单号、签收人、邮件发送记录）。")
    on = on or workdays.local_date(at)
    _event(
        app,
        EventKind.DELIVERED,
        at,
        actor=actor,
        on=on,
        payload={"method": method, "proof": proof},
        public_text=f"答复已送达（{rules.ServiceMethod(method).label}）",
    )
    _close(app, actor, at, on)
    audit.record(
        actor,
        "foi.deliver",
        app,
        before={"status": Status.APPROVED},
        after={"status": Status.CLOSED, "outcome": app.outcome, "method": method},
    )
    notify_applicant(
        app, "答复告知", f"您的申请已办结：{rules.Outcome(app.outcome).label}。{rules.REMEDY_TEXT}"
    )
    refresh_clock(app)
    return app


@transaction.atomic
def close_lapsed(actor, app, *, at=None):
    """Art. 30 / 109号: no correction within the period → 其他处理-1; fee not paid within 20 working days →
    其他处理-2. Run by the periodic job once the period has passed (or by the office); refused before that."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "close_lapsed")
    today = workdays.local_date(at)
    if app.status == Status.CORRECTION:
        notice = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
        until, _ = workdays.add_due(
            notice.on, int(notice.payload.get("period_days") or rules.correction_period_days())
        )
        outcome = rules.Outcome.OTHER_NO_CORRECTION
    else:  # 待缴费
        notice = app.events.filter(kind=EventKind.FEE_NOTICE).last()
        until, _ = workdays.add_due(notice.on, rules.FEE_PAYMENT_DAYS)
        outcome = rules.Outcome.OTHER_UNPAID
    if today <= until:
        raise ActionError(f"期限 {cn_date(until)} 尚未届满。")
    before = app.status
    app.outcome = outcome
    app.legal_basis = rules.LEGAL_BASIS[outcome]
    app.reply_text = ""
    app.save(update_fields=["outcome", "legal_basis", "reply_text"])
    _store_letters(app, today)
    _close(app, actor, at, today)
    audit.record(
        actor,
        "foi.close_lapsed",
        app,
        before={"status": before},
        after={"status": Status.CLOSED, "outcome": outcome},
    )
    notify_applicant(app, "办结告知", rules.LETTER_DECISION[outcome])
    refresh_clock(app)
    return app


# --- released documents (the 答复书's 附件) ------------------------------------------------------------------
RELEASED_TYPES = [
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"PK\x03\x04", "application/zip", (".docx", ".xlsx", ".ofd", ".zip")),
]
RELEASED_STATUSES = tuple(s for s in Status if s in rules.TRANSITIONS["attach_released"].sources)


def max_released_bytes():
    return rules.setting("MAX_RELEASED_BYTES", 20 * 1024 * 1024)


@transaction.atomic
def attach_released_file(actor, app, *, name, content, at=None):
    """The handler attaches a document to be released with the reply (PDF, image, Word/Excel, OFD), before the
    office's review; it is stored outside MEDIA_ROOT and listed as 附件 in the 答复书."""
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "attach_released")
    name = (name or "").strip().replace("/", "_").replace("\\", "_")[:200]
    if not name or not content:
        raise ActionError("请选择要随答复提供的文件。")
    if len(content) > max_released_bytes():
        raise ActionError(f"单个附件不能超过 {max_released_bytes() // (1024 * 1024)} MB。")
    ending = name[name.rfind(".") :].lower() if "." in name else ""
    content_type = next(
        (t for prefix, t, endings in RELEASED_TYPES if content.startswith(prefix) and ending in endings), None
    )
    if content_type is None:
        raise ActionError(
            "附件须为 PDF、JPG、PNG、Word（.docx）、Excel（.xlsx）或 OFD 文件，且扩展名与内容一致。"
        )
    if ending == ".docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif ending == ".xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    item = ReleasedFile(
        application=app,
        original_name=name,
        content_type=content_type,
        size=len(content),
        uploaded_at=at,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    item.file.save(f"{secrets.token_hex(16)}{ending}", ContentFile(content), save=False)
    item.save()
    audit.record(actor, "foi.attach_released", app, after={"file": name, "size": len(content)})
    return item


@transaction.atomic
def remove_released_file(actor, app, item, *, at=None):
    app = _lock(app)
    _allow(actor, app, "remove_released")
    name = item.original_name
    item.file.delete(save=False)
    item.delete()
    audit.record(actor, "foi.remove_released", app, before={"file": name})
    return app
