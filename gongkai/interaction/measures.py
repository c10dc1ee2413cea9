"""What 互动交流 gives the quarterly assessment (RULES.md §6; assessment/registry.py): its measures.

Each is a pure function of (department, start, end) over what is stored; nothing here reads the clock.
"""

from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from gongkai.assessment.registry import (
    Measurement,
    admin_url,
    bounds,
    evidence,
    measure,
    percent,
    rate_detail,
)
from gongkai.core import workdays

from .clock import ALARM_MONTHS, add_months
from .models import Case, Channel, Rating, RatingRecord, Status


# --- 互动交流 --------------------------------------------------------------------------------------------------------
def _reply_rows(department, channels, start, end):
    """Valid cases whose first reply fell in the period, or that were still unanswered at its end with the reply
    deadline inside it."""
    first, after = bounds(start, end)
    return (
        Case.objects.filter(department=department, channel__in=channels, received_at__lt=after)
        .exclude(status__in=[Status.INVALID, Status.REDIRECTED])
        .filter(
            Q(first_replied_at__gte=first, first_replied_at__lt=after)
            | (
                (Q(first_replied_at__isnull=True) | Q(first_replied_at__gte=after))
                & Q(reply_due__gte=start, reply_due__lt=end)
            )
        )
    )


def _on_time(department, channels, start, end, *, first_action=False):
    _first, after = bounds(start, end)
    total = good = 0
    late = []
    fields = (
        "pk",
        "code",
        "reply_due",
        "first_replied_at",
        "reply_submitted_at",
        "first_action_due",
        "first_action_at",
    )
    for pk, code, due, replied, submitted, fa_due, fa_at in (
        _reply_rows(department, channels, start, end).values_list(*fields).iterator(chunk_size=5000)
    ):
        if due is None:
            continue
        total += 1
        if replied is not None and replied < after:
            # the department's act is submitting the reply; the office's review is not held against it
            answered = workdays.local_date(submitted if submitted and submitted <= replied else replied)
            reasons = []
            if answered > due:
                reasons.append(f"答复期限 {due:%Y-%m-%d}，{answered:%Y-%m-%d} 答复")
            if first_action and fa_due and (fa_at is None or fa_at > fa_due):
                reasons.append(f"首次响应超过 {timezone.localtime(fa_due):%m-%d %H:%M} 时限")
            if not reasons:
                good += 1
                continue
            label = f"{code}：" + "，".join(reasons)
        else:
            label = f"{code}：答复期限 {due:%Y-%m-%d}，至 {end:%Y-%m-%d} 未答复"
        late.append((due, label, admin_url("interaction_case", pk)))
    return total, good, late


@measure("interaction.messages_on_time", "留言按时答复率", "%")
def messages_on_time(department, start, end):
    """RULES.md §6: a message (and a 12345 ticket) is answered within its category's working days (default 5).
    Veto (国办秘函〔2019〕19号): a valid message still unanswered more than 3 months after it was received."""
    channels = [Channel.MESSAGE, Channel.HOTLINE]
    total, good, late = _on_time(department, channels, start, end)
    _first, after = bounds(start, end)
    veto_rows = []
    open_long = (
        Case.objects.filter(department=department, channel=Channel.MESSAGE, received_at__lt=after)
        .exclude(status__in=[Status.INVALID, Status.REDIRECTED])
        .filter(Q(first_replied_at__isnull=True) | Q(first_replied_at__gte=after))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=after))
        .values_list("pk", "code", "received_at")
    )
    for pk, code, received_at in open_long:
        received = workdays.local_date(received_at)
        limit = add_months(received, ALARM_MONTHS)
        if end > limit:
            veto_rows.append(
                (
                    received,
                    f"{code}：{received:%Y-%m-%d} 受理，至 {end:%Y-%m-%d} 超过 3 个月未答复（单项否决）",
                    admin_url("interaction_case", pk),
                )
            )
    if not total and not veto_rows:
        return Measurement(None, "考核期内无到期的留言")
    value = percent(good, total) if total else None
    detail = rate_detail("按时答复", good, total, "逾期", len(late)) if total else "考核期内无到期的留言"
    if veto_rows:
        detail += f"；有效留言超过 3 个月未答复 {len(veto_rows)} 件"
    return Measurement(value, detail, evidence(veto_rows) + evidence(late), veto=bool(veto_rows))


@measure("interaction.bad_ratings", "留言差评件数", "件")
def bad_ratings(department, start, end):
    """The "0 差评" aim (F12): ratings 不满意 / 非常不满意 given in the period on the department's replies (each
    rating counts, also a second one after the case was reopened); the satisfied share is in the detail."""
    first, after = bounds(start, end)
    rows = list(
        RatingRecord.objects.filter(case__department=department, at__gte=first, at__lt=after)
        .order_by("at", "pk")
        .values_list("at", "case_id", "case__code", "rating", "comment")
    )
    if not rows:
        return Measurement(None, "考核期内无群众评价")
    labels = dict(Rating.choices)
    bad = [
        (
            at,
            f"{code}：{labels[rating]}（{timezone.localtime(at):%Y-%m-%d}）{comment[:40]}",
            admin_url("interaction_case", pk),
        )
        for at, pk, code, rating, comment in rows
        if rating <= Rating.UNSATISFIED
    ]
    satisfied = sum(1 for r in rows if r[3] >= Rating.BASICALLY_SATISFIED)
    return Measurement(
        Decimal(len(bad)),
        f"评价 {len(rows)} 次，满意率 {percent(satisfied, len(rows))}%，差评 {len(bad)} 次",
        evidence(bad),
    )


@measure("interaction.corrections_on_time", "网站纠错按时办理率", "%")
def corrections_on_time(department, start, end):
    """RULES.md §6: a 网站纠错 report is answered within 3 working days, and Enshi's "5+2" wants a first action
    within 24 calendar hours; missing either is late."""
    total, good, late = _on_time(department, [Channel.SITE_ERROR], start, end, first_action=True)
    if not total:
        return Measurement(None, "考核期内无到期的网站纠错")
    return Measurement(
        percent(good, total), rate_detail("按时办理", good, total, "超时", len(late)), evidence(late)
    )
