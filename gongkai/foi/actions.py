"""Every change to a case, one audited action each (Zulip's do_* pattern): lock the case, check who may act and
whether the state allows it, append the event, update the case, write one audit record, refresh the clock cache.

`at` lets the demo and imports replay history with real timestamps; `on` (a date) overrides the legal date where the
law counts another day than the recording one (a registered letter signed for yesterday, Art. 31).
"""

import datetime
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.core import actors, audit, roles, workdays
from gongkai.core.refusals import Refused
from gongkai.core.templatetags.cn_dates import cn_date
from gongkai.org import sites

from . import clock as clock_module
from . import letters, rules
from .models import (
    OPEN_STATUSES,
    Application,
    Attachment,
    Event,
    EventKind,
    ReleasedFile,
    Remedy,
    Status,
    identity_key,
    text_key,
)

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class ActionError(Refused):
    """A refused action, with the Chinese reason shown to the staff member (409 when no view catches it)."""


class DuplicateSubmission(ActionError):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(
            f"您在 {rules.duplicate_minutes()} 分钟内已提交过内容相同的申请（查询码 {existing.tracking_code}），"
            "请勿重复提交；如需查询进度请使用该查询码。"
        )


def secret_hash(secret):
    import hashlib
    import hmac

    return hmac.new(settings.SECRET_KEY.encode(), f"foi:{secret}".encode(), hashlib.sha256).hexdigest()


def check_secret(application, secret):
    import hmac

    return bool(secret) and hmac.compare_digest(application.secret_hash, secret_hash(secret))


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


def _require_office(actor, app=None):
    if actor is not None and not roles.is_office(actor) and not getattr(actor, "is_superuser", False):
        raise ActionError("只有政务公开办可以执行此操作。")
    _require_site(actor, app)


def _require_site(actor, app):
    """集约化: the office of one site never acts on another site's requests (docs/multisite.md)."""
    if actor is not None and app is not None and not sites.may_see_site(actor, app.site_id):
        raise ActionError("该申请不属于您所在网站，无权办理。")


def _require_same_site(app, department):
    if department is not None and department.site_id != app.site_id:
        raise ActionError("只能分办给本网站的部门。")


def _require_handler(actor, app):
    """The office, or staff of the department the case is assigned to."""
    if actor is None:
        return
    if roles.sees_all_departments(actor):
        _require_site(actor, app)
        return
    department = roles.user_department(actor)
    if department is None or app.department_id != department.pk:
        raise ActionError("该申请未分办给您所在的部门。")


def _require_status(app, *allowed):
    if app.status not in allowed:
        raise ActionError(f"当前状态为“{app.get_status_display()}”，不能执行此操作。")


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


# --- intake ---------------------------------------------------------------------------------------------------
@transaction.atomic
def submit(cleaned, *, channel=rules.Channel.ONLINE, actor=None, at=None, on=None, attachments=(), site=None):
    """Store a checked application (services.validate). Returns (application, secret); the secret is shown once.

    Art. 31: in person, oral and registered post are received on the day handed in / signed for (`on`); online,
    fax and ordinary letters wait for the office's confirmation (`confirm_receipt`)."""
    at = _now(at)
    if channel not in rules.Channel.values:
        raise ActionError("申请渠道不正确。")
    if channel in (rules.Channel.ORAL, rules.Channel.IN_PERSON, rules.Channel.POST_REGISTERED):
        _require_office(actor)
    ikey = identity_key(cleaned["id_type"], cleaned["id_number"])
    tkey = text_key(cleaned["description"])
    window = at - datetime.timedelta(minutes=rules.duplicate_minutes())
    existing = Application.objects.filter(
        identity_key=ikey, text_key=tkey, submitted_at__gte=window, submitted_at__lte=at
    ).first()
    if existing:
        raise DuplicateSubmission(existing)
    # two identical requests in flight at once (a double click on two app servers): the second one finds the
    # first one's short-lived key in the shared cache and is refused; the key goes when the first one commits
    in_flight = f"foi:submitting:{ikey}:{tkey}"
    if not cache.add(in_flight, 1, 30):
        raise ActionError("相同的申请正在提交，请勿重复提交。")
    transaction.on_commit(lambda: cache.delete(in_flight))
    secret = secrets.token_urlsafe(9)
    year = workdays.local_date(at).year
    while True:
        code = f"YSQ{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Application.objects.filter(tracking_code=code).exists():
            break
    is_org = cleaned["applicant_type"] == rules.ApplicantType.ORGANIZATION
    app = Application.objects.create(
        tracking_code=code,
        secret_hash=secret_hash(secret),
        channel=channel,
        applicant_type=cleaned["applicant_type"],
        organization_type=cleaned.get("organization_type", "") if is_org else "",
        category=cleaned["organization_type"] if is_org else rules.Category.NATURAL_PERSON,
        name=cleaned["name"],
        id_type=cleaned["id_type"],
        id_number=cleaned["id_number"],
        identity_key=ikey,
        phone=cleaned["phone"],
        email=cleaned.get("email", ""),
        address=cleaned.get("address", ""),
        description=cleaned["description"],
        text_key=tkey,
        delivery_form=cleaned["delivery_form"],
        delivery_way=cleaned["delivery_way"],
        site=site or sites.site_for_actor(actor),
        submitted_at=at,
    )
    for name, content in attachments:
        from .services import sniff

        content_type, _ = sniff(content[:16])
        attachment = Attachment(
            application=app, original_name=name[:200], content_type=content_type, size=len(content)
        )
        attachment.file.save(f"{secrets.token_hex(8)}{name[name.rfind('.') :].lower()}", ContentFile(content))
    _event(
        app,
        EventKind.SUBMITTED,
        at,
        actor=actor,
        payload={"channel": channel},
        public_text=f"通过“{rules.Channel(channel).label}”提交申请",
    )
    audit.record(
        actor,
        "foi.submit",
        app,
        after={"channel": channel, "category": app.category, "attachments": len(attachments)},
    )
    if channel not in rules.CONFIRMATION_CHANNELS:
        _receive(app, actor, at, on or workdays.local_date(at), "当面/邮寄签收")
    refresh_clock(app)
    return app, secret


def _receive(app, actor, at, on, how):
    app.confirmed_at = at
    app.receipt_date = on
    app.status = Status.RECEIVED
    app.save(update_fields=["confirmed_at", "receipt_date", "status"])
    due, provisional = workdays.add_due(on, rules.ANSWER_DAYS)
    letters.receipt(app, on, due, provisional)
    _event(
        app,
        EventKind.RECEIVED,
        at,
        actor=actor,
        on=on,
        payload={"how": how},
        public_text=f"已确认收到申请，收到申请之日为 {cn_date(on)}，答复期限 {cn_date(due)}"
        + ("（暂定）" if provisional else ""),
    )
    notify_applicant(
        app,
        "回执：已收到您的申请",
        f"{app.name}：您的政府信息公开申请（查询码 {app.tracking_code}）已于 {cn_date(on)} 确认收到，"
        f"本机关将在 {cn_date(due)} 前答复。可在网站“依申请公开—进度查询”用查询码和查询密码查看办理进度。",
    )


@transaction.atomic
def confirm_receipt(actor, app, *, at=None, on=None):
    """Art. 31(二)(三): an online, fax or ordinary-letter application is received on the day both sides confirm —
    one click by the office, and the applicant gets the 回执."""
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.SUBMITTED)
    _receive(app, actor, at, on or workdays.local_date(at), "双方确认")
    audit.record(
        actor,
        "foi.confirm",
        app,
        before={"status": Status.SUBMITTED},
        after={"receipt_date": str(app.receipt_date)},
    )
    refresh_clock(app)
    return app


# --- 补正 (Art. 30) ----------------------------------------------------------------------------------------------
@transaction.atomic
def request_correction(actor, app, *, items, period_days=None, at=None):
    """Art. 30: one notice, stating what to correct, a reasonable period and the consequence; the clock stops."""
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.RECEIVED, Status.ASSIGNED)
    if app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
        raise ActionError("补正应一次性告知，本申请已告知过补正。")
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
    _require_site(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.CORRECTION)
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


# --- routing (F11) -------------------------------------------------------------------------------------------
@transaction.atomic
def assign(actor, app, department, *, at=None, note=""):
    """The office routes a received case to the responsible department (Art. 10)."""
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.RECEIVED)
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
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.ASSIGNED, Status.REPLIED)
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


# --- consultation (Arts. 32, 34) ----------------------------------------------------------------------------
@transaction.atomic
def start_consultation(actor, app, *, party, at=None, note=""):
    """Consult a third party or a co-authoring agency in writing; the time is not counted (Art. 33)."""
    at = _now(at)
    app = _lock(app)
    _require_handler(actor, app)
    _require_status(app, Status.ASSIGNED, Status.CONSULTATION)
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
    _require_handler(actor, app)
    _require_status(app, Status.CONSULTATION)
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
    if actor is not None and not roles.has_role(actor, roles.OFFICE_HEAD):
        raise ActionError("延期答复须经政务公开办负责人批准。")
    _require_site(actor, app)
    at = _now(at)
    app = _lock(app)
    if app.status in (Status.SUBMITTED, Status.CLOSED):
        raise ActionError("该申请尚未受理或已办结，不能延期。")
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


# --- fees (109号) -----------------------------------------------------------------------------------------------
def requests_in_month(app):
    """The position of this request among the applicant's requests of the same calendar month, across channels."""
    day = app.receipt_date or workdays.local_date(app.submitted_at)
    first = day.replace(day=1)
    return (
        Application.objects.filter(
            identity_key=app.identity_key, receipt_date__gte=first, receipt_date__lte=day
        )
        .filter(submitted_at__lte=app.submitted_at)
        .count()
    )


@transaction.atomic
def issue_fee_notice(actor, app, *, method, pages=None, at=None):
    """109号: charge by count (the applicant's n-th request this month) or by pages — never both. The applicant
    has 20 working days from the day after the notice; the answer clock pauses if the setting says so."""
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.ASSIGNED, Status.REPLIED)
    if app.events.filter(kind=EventKind.FEE_NOTICE).exists():
        raise ActionError("同一申请只能发出一次收费通知（按件与按量不得同时适用）。")
    if method == rules.FeeMethod.BY_COUNT:
        nth = requests_in_month(app)
        amount = rules.fee_by_count(nth)
        basis = f"本自然月第 {nth} 件申请（按件计收）"
    elif method == rules.FeeMethod.BY_PAGES:
        if not pages or pages < 1:
            raise ActionError("按量计收须填写页数。")
        amount = rules.fee_by_pages(pages)
        basis = f"共 {pages} 页（按量计收）"
    else:
        raise ActionError("收费方式不正确。")
    if amount <= 0:
        raise ActionError(f"{basis}，依国办函〔2020〕109号不收费，无需发出收费通知。")
    before = app.status
    app.status = Status.FEE
    app.save(update_fields=["status"])
    on = workdays.local_date(at)
    pay_by, _ = workdays.add_due(on, rules.FEE_PAYMENT_DAYS)
    _event(
        app,
        EventKind.FEE_NOTICE,
        at,
        actor=actor,
        payload={
            "method": method,
            "pages": pages,
            "amount": amount,
            "pauses": rules.fee_period_pauses_clock(),
            "return_to": before,
        },
        public_text=f"信息处理费 {amount} 元（{basis}），请于 {cn_date(pay_by)} 前缴纳，逾期未缴视为放弃申请",
    )
    audit.record(
        actor, "foi.fee_notice", app, before={"status": before}, after={"amount": amount, "method": method}
    )
    notify_applicant(app, "收费通知", f"信息处理费 {amount} 元（{basis}），请于 {cn_date(pay_by)} 前缴纳。")
    refresh_clock(app)
    return app


@transaction.atomic
def record_payment(actor, app, *, receipt_no="", at=None):
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.FEE)
    notice = app.events.filter(kind=EventKind.FEE_NOTICE).last()
    app.status = notice.payload.get("return_to", Status.ASSIGNED)
    app.save(update_fields=["status"])
    _event(
        app,
        EventKind.FEE_PAID,
        at,
        actor=actor,
        payload={"amount": notice.payload["amount"], "receipt_no": receipt_no},
        public_text="已缴纳信息处理费",
    )
    audit.record(actor, "foi.fee_paid", app, before={"status": Status.FEE}, after={"status": app.status})
    refresh_clock(app)
    return app


# --- reply, review, delivery -------------------------------------------------------------------------------
@transaction.atomic
def department_reply(actor, app, *, outcome, reply_text, at=None):
    """The department (or the office, for cases it handles itself) proposes the outcome and the reply."""
    at = _now(at)
    app = _lock(app)
    _require_handler(actor, app)
    if app.department_id is None:
        _require_office(actor, app)
        _require_status(app, Status.RECEIVED, Status.ASSIGNED)
    else:
        _require_status(app, Status.ASSIGNED)
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
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.REPLIED)
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
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    _require_status(app, Status.APPROVED)
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
    _require_site(actor, app)
    at = _now(at)
    app = _lock(app)
    today = workdays.local_date(at)
    if app.status == Status.CORRECTION:
        notice = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).last()
        until, _ = workdays.add_due(
            notice.on, int(notice.payload.get("period_days") or rules.correction_period_days())
        )
        outcome = rules.Outcome.OTHER_NO_CORRECTION
    elif app.status == Status.FEE:
        notice = app.events.filter(kind=EventKind.FEE_NOTICE).last()
        until, _ = workdays.add_due(notice.on, rules.FEE_PAYMENT_DAYS)
        outcome = rules.Outcome.OTHER_UNPAID
    else:
        raise ActionError("只有待补正或待缴费的申请会因逾期而办结。")
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
RELEASED_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.CONSULTATION, Status.REPLIED)


def max_released_bytes():
    return rules.setting("MAX_RELEASED_BYTES", 20 * 1024 * 1024)


@transaction.atomic
def attach_released_file(actor, app, *, name, content, at=None):
    """The handler attaches a document to be released with the reply (PDF, image, Word/Excel, OFD), before the
    office's review; it is stored outside MEDIA_ROOT and listed as 附件 in the 答复书."""
    at = _now(at)
    app = _lock(app)
    _require_handler(actor, app)
    if app.status not in RELEASED_STATUSES:
        raise ActionError("答复审核通过后不能再增减答复附件。")
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
    _require_handler(actor, app)
    if app.status not in RELEASED_STATUSES:
        raise ActionError("答复审核通过后不能再增减答复附件。")
    name = item.original_name
    item.file.delete(save=False)
    item.delete()
    audit.record(actor, "foi.remove_released", app, before={"file": name})
    return app


# --- Art. 44 and remedies --------------------------------------------------------------------------------------
@transaction.atomic
def mark_for_proactive_disclosure(actor, app, *, reason, at=None):
    """Art. 44: information many people ask for may be moved into proactive disclosure — in one action: the
    office's decision is recorded and a draft item with the reply enters the department's review workflow."""
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    if app.outcome not in (rules.Outcome.DISCLOSED, rules.Outcome.PARTIAL):
        raise ActionError("只有予以公开或部分公开的答复可以转为主动公开。")
    if app.marked_for_proactive:
        raise ActionError("已决定转为主动公开。")
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
    _require_office(actor, app)
    at = _now(at)
    app = _lock(app)
    if kind not in rules.RemedyKind.values:
        raise ActionError("类型不正确。")
    remedy = Remedy.objects.create(application=app, kind=kind, filed_on=filed_on, body=body)
    _event(app, EventKind.REMEDY_FILED, at, actor=actor, payload={"remedy": remedy.pk, "kind": kind})
    audit.record(actor, "foi.file_remedy", app, after={"kind": kind, "filed_on": str(filed_on)})
    return remedy


@transaction.atomic
def decide_remedy(actor, remedy, *, result, decided_on, at=None):
    _require_office(actor, remedy.application)
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
