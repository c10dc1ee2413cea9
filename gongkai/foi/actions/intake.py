"""提交 and 确认收到 (Arts. 29, 31): storing an application with its tracking code and secret, refusing a double
submission, and the day the application counts as received."""

import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core import audit, tracking, workdays
from gongkai.core.templatetags.cn_dates import cn_date
from gongkai.org import sites

from .. import letters, rules
from ..models import Application, Attachment, EventKind, Status, identity_key, text_key
from ..rules import ActionError
from .base import _allow, _event, _lock, _now, _require_office, notify_applicant, refresh_clock


class DuplicateSubmission(ActionError):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(
            tracking.duplicate_message("申请", rules.duplicate_minutes(), existing.tracking_code)
        )


HASH_PURPOSE = "foi"  # gongkai.core.tracking: the stored hash is HMAC(SECRET_KEY, "foi:" + secret)


def secret_hash(secret):
    return tracking.hash_secret(HASH_PURPOSE, secret)


def check_secret(application, secret):
    # exact: secrets issued before the shared policy were case-sensitive and are hashed as given
    return tracking.verify(HASH_PURPOSE, application.secret_hash, secret, exact=True)


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
    existing = tracking.recent_duplicate(
        Application.objects.filter(identity_key=ikey, text_key=tkey),
        time_field="submitted_at",
        at=at,
        minutes=rules.duplicate_minutes(),
    )
    if existing:
        raise DuplicateSubmission(existing)
    # two identical requests in flight at once (a double click on two app servers): the second one finds the
    # first one's short-lived key in the shared cache and is refused; the key goes when the first one commits
    in_flight = f"foi:submitting:{ikey}:{tkey}"
    if not cache.add(in_flight, 1, 30):
        raise ActionError("相同的申请正在提交，请勿重复提交。")
    transaction.on_commit(lambda: cache.delete(in_flight))
    secret = tracking.new_secret()
    code = tracking.new_code(
        "YSQ", workdays.local_date(at).year, lambda c: Application.objects.filter(tracking_code=c).exists()
    )
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
        from ..services import sniff

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
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "confirm")
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
