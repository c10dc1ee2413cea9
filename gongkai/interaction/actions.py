"""Every state change of a case: one function each, atomic, one audit record each (docs/development.md).

Views, the API, the import and the periodic tasks call these and nothing else moves a case.
"""

import contextlib
import hashlib
import threading

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from gongkai.core import audit, crypto, roles, textcheck, tracking
from gongkai.core.refusals import NotPermitted
from gongkai.org import sites

from . import clock, notify, rules
from .models import CODE_PREFIX, HASH_PURPOSE, Case, Channel, FollowUp, RatingRecord, Status

DEDUPE_SECONDS = 600  # "duplicates within minutes collapse"


def _snap(case):
    return {
        "status": case.status,
        "department": case.department_id,
        "reply_due": str(case.reply_due) if case.reply_due else None,
        "supervision_due": str(case.supervision_due) if case.supervision_due else None,
        "rating": case.rating,
    }


def _guard(actor, case, action):
    rules.check(case, action)
    if actor is not None and not rules.may(actor, case, action):
        raise NotPermitted(f"无权对该事项执行“{rules.ACTION_LABELS[action]}”。")


def _same_site(case, department):
    """集约化: a case is handled by a department of the site it was filed on (docs/multisite.md)."""
    if department is not None and case.site_id is not None and department.site_id != case.site_id:
        raise rules.TransitionError("只能派给本网站的部门办理。")


_sqlite_lock = threading.Lock()


@contextlib.contextmanager
def _write_lock():
    """On SQLite (the embedded mode) the threads of one process queue here for the database's single writer
    instead of sleeping in SQLite's busy handler; on PostgreSQL it does nothing."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _sqlite_lock:
        yield


def dedupe_key(channel, cleaned):
    basis = "\x1f".join(
        [
            channel,
            cleaned.get("phone", ""),
            cleaned.get("email", "").lower(),
            "".join(cleaned.get("title", "").split()),
            "".join((cleaned.get("content") or cleaned.get("description", "")).split()),
            cleaned.get("page_url", ""),
        ]
    )
    # keyed: the basis holds the phone number, which a plain hash would let anyone with the text test guesses for
    return crypto.blind_index("interaction.dedupe", basis)


def _site_id_for(department):
    """A case filed without a site (12345 import, API of another system): the suggested department's site, else
    the default site."""
    if department is not None and department.site_id is not None:
        return department.site_id
    site = sites.default_site()
    return site.pk if site else None


def _new_code(channel, now):
    """`LY2026-K7QM3H` (gongkai.core.tracking: no 0/O, 1/I/l). Codes issued before keep their form,
    `LY20261102123456`."""
    return tracking.new_code(
        CODE_PREFIX[channel], timezone.localtime(now).year, lambda c: Case.objects.filter(code=c).exists()
    )


def submit(
    channel,
    cleaned,
    *,
    actor=None,
    source="web",
    attachment=None,
    now=None,
    ticket_no=None,
    received_at=None,
    extra=None,
    site=None,
):
    """受理: store a validated submission (see intake.py) and start its clocks. Returns (case, secret): the query
    secret is given this once (only its hash is stored, gongkai.core.tracking). A submission identical to one
    received in the last 10 minutes (same contact, title and text) is not stored again: (that case, None) — its
    secret cannot be given again."""
    now = now or timezone.now()
    received_at = received_at or now
    key = dedupe_key(channel, cleaned)
    bucket = int(now.timestamp() // DEDUPE_SECONDS)
    if ticket_no is None:
        existing = tracking.recent_duplicate(
            Case.objects.filter(dedupe_key=key, dedupe_bucket__in=[bucket, bucket - 1]),
            time_field="received_at",
            at=now,
            minutes=DEDUPE_SECONDS // 60,
        )
        if existing is not None:
            return existing, None
    category = cleaned.get("category")
    text = cleaned.get("content") or cleaned.get("description", "")
    title = cleaned.get("title") or f"网站纠错：{text[:30]}"
    findings = [f.as_dict() for f in textcheck.check_text(f"{title}\n{text}")]
    deadlines = clock.deadlines_for(channel, category, received_at)
    suggested = cleaned.get("department") or (category.department if category else None)
    secret = tracking.new_secret()
    for attempt in range(5):
        case = Case(
            channel=channel,
            code=_new_code(channel, received_at),
            secret_hash=tracking.hash_secret(HASH_PURPOSE, secret),
            source=source,
            category=category,
            name=cleaned.get("name", ""),
            phone=cleaned.get("phone", ""),
            email=cleaned.get("email", ""),
            title=title[:100],
            content=text,
            public=cleaned.get("public", False),
            page_url=cleaned.get("page_url", ""),
            findings=findings,
            dedupe_key=key,
            dedupe_bucket=bucket
            if ticket_no is None
            else -int(hashlib.sha256(ticket_no.encode()).hexdigest()[:12], 16),
            hotline_ticket_no=ticket_no,
            suggested_department=suggested,
            site_id=site.pk if site is not None else _site_id_for(suggested),
            received_at=received_at,
            first_action_due=deadlines.first_action_due,
            reply_due=deadlines.reply_due,
            reply_due_provisional=deadlines.provisional,
            reply_due_explain=deadlines.explanation,
            **(extra or {}),
        )
        try:
            with _write_lock(), transaction.atomic():
                if attachment is not None:
                    # stored under a random name (models.attachment_path), never one made of the case code
                    case.attachment.save(attachment.name, attachment, save=False)
                case.save()
                audit.record(
                    actor,
                    "interaction.submit",
                    case,
                    after=_snap(case),
                    note=f"{case.get_channel_display()}，来源 {source}",
                )
        except IntegrityError:
            if ticket_no is None:
                dup = Case.objects.filter(dedupe_key=key, dedupe_bucket=bucket).first()
                if dup is not None:
                    return dup, None
            elif Case.objects.filter(hotline_ticket_no=ticket_no).exists():
                return Case.objects.get(hotline_ticket_no=ticket_no), None
            if attempt == 4:
                raise
            continue
        return case, secret
    raise RuntimeError("unreachable")


@transaction.atomic
def dispatch(actor, case, department, note="", now=None):
    """派单: the office sends the case to the responsible department (the first action of the "5+2" clock)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "dispatch")
    _same_site(case, department)
    before = _snap(case)
    case.department = department
    case.status = Status.ASSIGNED
    case.dispatched_at = now
    case.first_action_at = case.first_action_at or now
    case.reminded_at = case.escalated_at = None  # the reply deadline is a new one to watch
    case.save()
    audit.record(actor, "interaction.dispatch", case, before=before, after=_snap(case), note=note)
    notify.assigned(case)
    return case


@transaction.atomic
def transfer(actor, case, department, note, now=None):
    """转办: to another department, with a reason; the deadline does not restart."""
    if not (note or "").strip():
        raise rules.TransitionError("转办须写明理由。")
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "transfer")
    _same_site(case, department)
    before = _snap(case)
    case.department = department
    case.save()
    audit.record(actor, "interaction.transfer", case, before=before, after=_snap(case), note=note)
    notify.assigned(case)
    return case


@transaction.atomic
def submit_reply(actor, case, text, now=None):
    """答复: the department's reply, which the office reviews before the citizen or the public sees it."""
    now = now or timezone.now()
    text = (text or "").strip()
    if len(text) < 10:
        raise rules.TransitionError("答复内容过短，请至少写 10 个字。")
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "submit_reply")
    before = _snap(case)
    case.reply = text
    case.reply_department = case.department
    case.reply_submitted_at = now
    case.first_action_at = case.first_action_at or now
    case.status = Status.REPLY_SUBMITTED
    case.save()
    audit.record(actor, "interaction.submit_reply", case, before=before, after=_snap(case))
    return case


@transaction.atomic
def review_reply(actor, case, *, approve, note="", edited_reply=None, now=None):
    """The office's review: approve → 公开 (the citizen is told and asked to rate), or return to the department."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "approve_reply" if approve else "return_reply")
    before = _snap(case)
    if approve:
        if edited_reply is not None and edited_reply.strip():
            case.reply = edited_reply.strip()
        case.status = Status.PUBLISHED
        case.published_at = now
        case.first_replied_at = case.first_replied_at or now
        case.save()
        audit.record(actor, "interaction.approve_reply", case, before=before, after=_snap(case), note=note)
        notify.reply_published(case)
    else:
        if not (note or "").strip():
            raise rules.TransitionError("退回答复须写明修改意见。")
        case.status = Status.SUPERVISING if rules.is_unsatisfied(case.rating) else Status.ASSIGNED
        case.save()
        audit.record(actor, "interaction.return_reply", case, before=before, after=_snap(case), note=note)
    return case


@transaction.atomic
def rate(case, rating, comment="", now=None):
    """评价 by the citizen through the query code. 不满意/非常不满意 reopens the case under 督办 with a fix due in
    15 working days (default) and a 回访 record (RULES.md §6)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    blocker = rules.rating_blocker(case)
    if blocker:
        raise rules.TransitionError(blocker)
    rules.check(case, "rate")
    before = _snap(case)
    case.rating = rating
    case.rating_comment = comment
    case.rated_at = now
    if rules.is_unsatisfied(rating):
        case.status = Status.SUPERVISING
        case.supervision_due = clock.supervision_due(case, now)
        case.reminded_at = case.escalated_at = None  # a new deadline: remind and escalate again
    case.save()
    RatingRecord.objects.create(
        case=case, rating=rating, comment=comment, old_status=before["status"], new_status=case.status, at=now
    )
    if case.status == Status.SUPERVISING:
        FollowUp.objects.create(
            case=case,
            kind=FollowUp.Kind.REVISIT,
            due=case.supervision_due,
            at=now,
            note=f"群众评价“{case.get_rating_display()}”：{comment or '（未填写意见）'}。须回访并整改。",
        )
        notify.supervising(case)
    audit.record(None, "interaction.rate", case, before=before, after=_snap(case), note=comment[:200])
    return case


@transaction.atomic
def add_follow_up(actor, case, kind, note, done=False, now=None):
    """回访 / 督办 record by staff (a call to the citizen, an urge to the department)."""
    now = now or timezone.now()
    if not (note or "").strip():
        raise rules.TransitionError("请填写回访或督办记录。")
    _guard(actor, case, "follow_up")
    item = FollowUp.objects.create(case=case, kind=kind, note=note.strip(), done=done, by=actor, at=now)
    if done:
        case.follow_ups.filter(kind=FollowUp.Kind.REVISIT, done=False).update(done=True)
    audit.record(actor, f"interaction.follow_up.{kind}", case, after={"follow_up": item.pk}, note=note[:200])
    return item


@transaction.atomic
def close(actor, case, now=None):
    """办结 — refused while the citizen's latest rating is 不满意/非常不满意 (rules.close_blocker)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "close")
    blocker = rules.close_blocker(case, now)
    if blocker:
        raise rules.TransitionError(blocker)
    before = _snap(case)
    case.status = Status.CLOSED
    case.closed_at = now
    case.save()
    audit.record(actor, "interaction.close", case, before=before, after=_snap(case))
    return case


@transaction.atomic
def override_close(actor, case, reason, now=None):
    """The office closes a case the citizen is still unhappy with — only with a written reason, audited."""
    now = now or timezone.now()
    if not roles.is_office(actor):
        raise NotPermitted("只有政务公开办可以书面说明理由后强制办结。")
    if len((reason or "").strip()) < 10:
        raise rules.TransitionError("强制办结须书面说明理由（至少 10 个字）。")
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "override_close")
    before = _snap(case)
    case.status = Status.CLOSED
    case.closed_at = now
    case.close_reason = reason.strip()
    case.save()
    audit.record(actor, "interaction.override_close", case, before=before, after=_snap(case), note=reason)
    return case


@transaction.atomic
def mark_invalid(actor, case, reason, now=None):
    """不予受理 (advertising, abuse, no content): with a reason; such a case is not a "valid message"."""
    if not (reason or "").strip():
        raise rules.TransitionError("不予受理须写明理由。")
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    _guard(actor, case, "mark_invalid")
    before = _snap(case)
    case.status = Status.INVALID
    case.closed_at = now
    case.close_reason = reason.strip()
    case.first_action_at = case.first_action_at or now
    case.save()
    audit.record(actor, "interaction.mark_invalid", case, before=before, after=_snap(case), note=reason)
    return case


FOI_REDIRECT_TEXT = (
    "您的诉求属于依申请公开政府信息，按照《中华人民共和国政府信息公开条例》须通过依申请公开程序办理。"
    "请在 /ysqgk/shenqing/ 在线提交政府信息公开申请（也可到政务服务中心现场或信函申请）。"
)


@transaction.atomic
def redirect_to_foi(actor, case, note="", now=None):
    """A 依申请公开 request is not a ticket (RULES.md §6): record the redirect and tell the citizen to file at
    /ysqgk/shenqing/. No FOI case is created here."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if actor is not None:
        _guard(actor, case, "redirect_foi")
    else:
        rules.check(case, "redirect_foi")
    before = _snap(case)
    case.status = Status.REDIRECTED
    case.foi_redirected = True
    case.reply = FOI_REDIRECT_TEXT
    case.closed_at = now
    case.first_action_at = case.first_action_at or now
    case.close_reason = note or "依申请公开类诉求，已告知申请人通过依申请公开程序提出。"
    case.save()
    audit.record(
        actor, "interaction.redirect_foi", case, before=before, after=_snap(case), note=case.close_reason
    )
    notify._later(
        notify._citizen,
        case,
        "请通过依申请公开程序提出申请",
        f"【恩施市政务公开】{case.code}：{FOI_REDIRECT_TEXT}",
    )
    return case


@transaction.atomic
def remind(case, due, now=None):
    """临期提醒 to the department (system action of the periodic task)."""
    now = now or timezone.now()
    Case.objects.filter(pk=case.pk).update(reminded_at=now)
    FollowUp.objects.create(case=case, kind=FollowUp.Kind.REMINDER, due=due, at=now, note=f"将于 {due} 到期")
    audit.record(None, "interaction.remind", case, note=f"期限 {due}")
    notify.due_soon(case, due)


@transaction.atomic
def escalate(case, due, now=None):
    """逾期上报 to the office (system action of the periodic task)."""
    now = now or timezone.now()
    Case.objects.filter(pk=case.pk).update(escalated_at=now)
    FollowUp.objects.create(
        case=case, kind=FollowUp.Kind.ESCALATION, due=due, at=now, note=f"已超过期限 {due}"
    )
    audit.record(None, "interaction.escalate", case, note=f"期限 {due}")
    notify.escalated(case, due)


__all__ = [
    "Channel",
    "add_follow_up",
    "close",
    "dispatch",
    "escalate",
    "mark_invalid",
    "override_close",
    "rate",
    "redirect_to_foi",
    "remind",
    "review_reply",
    "submit",
    "submit_reply",
    "transfer",
]
