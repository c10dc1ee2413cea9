"""信息处理费 (国办函〔2020〕109号): the notice by count or by pages, never both, and the payment."""

from django.db import transaction

from gongkai.core import audit, workdays
from gongkai.core.templatetags.cn_dates import cn_date

from .. import rules
from ..models import Application, EventKind, Status
from ..rules import ActionError
from .base import _allow, _event, _lock, _now, notify_applicant, refresh_clock


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
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "fee")
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
    at = _now(at)
    app = _lock(app)
    _allow(actor, app, "paid")
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
