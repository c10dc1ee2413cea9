"""The measures of the quarterly assessment that read the platform's own records (RULES.md §2, §4–§6).

Each is a pure function of (department, start, end) over what is stored: the period is a closed range of
Asia/Shanghai dates and nothing here reads the clock, so the same data always gives the same figure. Evidence
lists the cases or items that cost points (at most `EVIDENCE_LIMIT`, oldest first; the detail gives the count).
"""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, F, Min, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.assessment.registry import Evidence, Measurement, measure
from gongkai.core import workdays

WORKDAY_CALENDAR_FIRST = datetime.date(2000, 1, 1)  # the statutory calendar (core.workdays) starts here

EVIDENCE_LIMIT = 100


def bounds(start, end):
    """[start 00:00, end+1 00:00) in Asia/Shanghai, as aware datetimes for DateTimeField ranges."""
    tz = timezone.get_default_timezone()
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), tz)
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), tz
    )
    return first, after


def percent(good, total):
    return (Decimal(100) * good / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # admin URLs not mounted (e.g. a management command without the admin): no link
        return ""


def _evidence(rows):
    """rows: (sort key, label, url) → the first EVIDENCE_LIMIT in order, as Evidence."""
    rows = sorted(rows, key=lambda r: r[0])[:EVIDENCE_LIMIT]
    return tuple(Evidence(label, url) for _, label, url in rows)


def _rate_detail(what, good, total, bad_label, bad):
    text = f"{what} {good}/{total} 件（{percent(good, total)}%）"
    if bad:
        text += f"，{bad_label} {bad} 件"
        if bad > EVIDENCE_LIMIT:
            text += f"（列出最早的 {EVIDENCE_LIMIT} 件）"
    return text


class _ItemDates:
    __slots__ = (
        "catalog_entry",
        "catalog_entry_id",
        "index_no",
        "pk",
        "published_date",
        "title",
        "written_date",
    )

    class _Entry:
        __slots__ = ("time_limit_days",)

        def __init__(self, days):
            self.time_limit_days = days

    def __init__(self, pk, title, index_no, written_date, published_date, entry_id, limit_days):
        self.pk, self.title, self.index_no = pk, title, index_no
        self.written_date, self.published_date = written_date, published_date
        self.catalog_entry_id = entry_id
        self.catalog_entry = self._Entry(limit_days) if entry_id else None


# --- 主动公开 ------------------------------------------------------------------------------------------------------
@measure("disclosure.on_time", "主动公开按时率", "%")
def disclosure_on_time(department, start, end):
    """Art. 26 (RULES.md §4): published within 20 working days of being formed (shorter per catalog entry,
    `disclosure.rules.publication_status`). Counted: items published in the period, and items still unpublished
    at its end whose time limit ran out within it."""
    from gongkai.disclosure.models import DisclosureMode, GovInfoPage
    from gongkai.disclosure.rules import publication_status

    rows = (
        GovInfoPage.objects.filter(
            department=department, written_date__lte=end, disclosure_mode=DisclosureMode.PROACTIVE
        )
        # the department's own information only: an item reprinted from another body (来源 is not the department,
        # e.g. a national law in the 法律法规 column) was not formed by it, and Art. 26's clock is not its own
        .filter(Q(source="") | Q(source=F("department__name")))
        .filter(written_date__gte=WORKDAY_CALENDAR_FIRST)
        .filter(
            Q(published_date__gte=start, published_date__lte=end)
            | (
                (Q(published_date__isnull=True) | Q(published_date__gt=end))
                & Q(written_date__gte=start - datetime.timedelta(days=60))
            )
        )
        .values_list(
            "pk",
            "title",
            "index_no",
            "written_date",
            "published_date",
            "catalog_entry_id",
            "catalog_entry__time_limit_days",
        )
    )
    total = good = 0
    late = []
    for row in rows.iterator(chunk_size=5000):
        item = _ItemDates(*row)  # what publication_status reads, without building a page object per row
        published = item.published_date if item.published_date and item.published_date <= end else None
        if published is None:
            due, _, _ = publication_status(item, end)
            if due is None or due >= end or due < start:
                continue  # not yet due at the end of the period, or overdue already before it began
            days_late = workdays.count_workdays(due, end)
            label = f"{item.title}：成文 {item.written_date:%Y-%m-%d}，至 {end:%Y-%m-%d} 仍未公开（逾期 {days_late} 个工作日）"
        else:
            due, days_late, _ = publication_status(item, end)
            if due is None:
                continue
            label = f"{item.index_no or item.title}《{item.title}》：成文 {item.written_date:%Y-%m-%d}，{published:%Y-%m-%d} 公开，逾期 {days_late} 个工作日"
        total += 1
        if days_late:
            late.append((item.written_date, label, _url("wagtailadmin_pages:edit", item.pk)))
        else:
            good += 1
    if not total:
        return Measurement(None, "考核期内无应公开的政府信息")
    return Measurement(
        percent(good, total),
        _rate_detail("按时公开", good, total, "逾期公开或逾期未公开", len(late)),
        _evidence(late),
    )


@measure("disclosure.columns_updated", "栏目按周期更新率", "%")
def columns_updated(department, start, end):
    """Catalog columns updated per cycle (RULES.md §5 stale columns), by the very rule of the site health monitor
    (`health.checks.days_stale`, one function): on the last day of the period, each live column of the
    department's catalog with an update cycle (`ColumnPage.update_cycle_days`: 14 days for news, 180 for policy
    columns) and at least one item published by then is judged; it is stale when its newest item is a whole cycle
    old or older. A column with nothing in it is a 空白栏目 (its own indicator), not judged here."""
    from gongkai.assessment.health.checks import column_updates
    from gongkai.disclosure.models import DepartmentCatalogPage

    catalog = DepartmentCatalogPage.objects.filter(department=department).first()
    if catalog is None:
        return Measurement(None, "本部门尚未开设信息公开目录")
    rows = column_updates(end, under=catalog)
    if not rows:
        return Measurement(None, f"截至 {end:%Y-%m-%d} 本部门目录中设有更新周期的栏目均无已发布信息")
    stale = [
        (
            column.path,
            f"栏目“{column.title}”更新周期 {column.update_cycle_days} 天，"
            f"最近更新 {last:%Y-%m-%d}，至 {end:%Y-%m-%d} 已 {days} 天未更新",
            _url("wagtailadmin_explore", column.pk),
        )
        for column, last, days in rows
        if days is not None
    ]
    judged = len(rows)
    good = judged - len(stale)
    return Measurement(
        percent(good, judged),
        f"截至 {end:%Y-%m-%d} 按周期更新的栏目 {good}/{judged} 个（{percent(good, judged)}%）",
        _evidence(stale),
    )


@measure("disclosure.precheck_overrides", "预检阻断项放行次数", "次")
def precheck_overrides(department, start, end):
    """Blocking findings of the machine pre-check (MISSION B1) let through by a reviewer with a written reason:
    each is legal but is a risk the office watches."""
    from gongkai.disclosure.models import PrecheckResult

    first, after = bounds(start, end)
    rows = list(
        PrecheckResult.objects.filter(
            page__department=department, override_at__gte=first, override_at__lt=after
        )
        .order_by("override_at", "pk")
        .values_list("override_at", "page_id", "page__title", "override_reason")
    )
    evidence = [
        (
            at,
            f"{timezone.localtime(at):%Y-%m-%d}《{title}》放行：{reason[:60]}",
            _url("wagtailadmin_pages:edit", page_id),
        )
        for at, page_id, title, reason in rows
    ]
    return Measurement(
        Decimal(len(rows)), f"考核期内放行发布前检查阻断项 {len(rows)} 次", _evidence(evidence)
    )


# --- 依申请公开 ----------------------------------------------------------------------------------------------------
def _foi_due_in_period(department, start, end):
    """Cases whose answer was due in the period or that were closed in it (Art. 33 clock, cached `due_date`)."""
    from gongkai.foi.models import Application

    return Application.objects.filter(
        department=department, receipt_date__isnull=False, receipt_date__lte=end
    ).filter(
        Q(closed_on__gte=start, closed_on__lte=end)
        | ((Q(closed_on__isnull=True) | Q(closed_on__gt=end)) & Q(due_date__gte=start, due_date__lt=end))
    )


@measure("foi.on_time", "依申请公开按期答复率", "%")
def foi_on_time(department, start, end):
    """Arts. 31–33 (RULES.md §2): answered within 20 working days of receipt, extensions and pauses included (the
    case's clock). Counted: cases closed in the period, and cases still open at its end whose deadline passed in
    it (those are late)."""
    total = good = 0
    late = []
    rows = _foi_due_in_period(department, start, end).values_list(
        "pk", "tracking_code", "due_date", "closed_on"
    )
    for pk, code, due, closed_on in rows.iterator(chunk_size=5000):
        if due is None:
            continue  # paused at close (e.g. withdrawn during 补正): no deadline to be late against
        total += 1
        if closed_on is not None and closed_on <= end:
            if closed_on <= due:
                good += 1
                continue
            label = f"申请 {code}：期限 {due:%Y-%m-%d}，{closed_on:%Y-%m-%d} 办结，逾期 {workdays.count_workdays(due, closed_on)} 个工作日"
        else:
            label = f"申请 {code}：期限 {due:%Y-%m-%d}，至 {end:%Y-%m-%d} 未办结（逾期 {workdays.count_workdays(due, end)} 个工作日）"
        late.append((due, label, _url("foi_case", pk)))
    if not total:
        return Measurement(None, "考核期内无到期或办结的依申请公开申请")
    return Measurement(
        percent(good, total), _rate_detail("按期答复", good, total, "逾期", len(late)), _evidence(late)
    )


@measure("foi.reply_quality", "依申请公开答复质量", "%")
def foi_reply_quality(department, start, end):
    """Reply quality: of the cases closed in the period, the share whose reply passed the office's review
    (含保密审查) the first time; and a 行政复议/诉讼 that corrected a reply, decided in the period, counts against
    the department as well (annual-report table 四 "结果纠正")."""
    from gongkai.foi import rules as foi_rules
    from gongkai.foi.models import Application, Event, EventKind, Remedy

    returned = Event.objects.filter(application=OuterRef("pk"), kind=EventKind.REVIEW_RETURNED)
    rows = list(
        Application.objects.filter(department=department, closed_on__gte=start, closed_on__lte=end)
        .annotate(returned=Exists(returned))
        .values_list("pk", "tracking_code", "closed_on", "returned")
    )
    corrected = list(
        Remedy.objects.filter(
            application__department=department,
            result=foi_rules.RemedyResult.CORRECTED,
            decided_on__gte=start,
            decided_on__lte=end,
        ).values_list("application_id", "application__tracking_code", "decided_on", "kind")
    )
    if not rows and not corrected:
        return Measurement(None, "考核期内无办结的依申请公开申请")
    bad = []
    for pk, code, closed_on, was_returned in rows:
        if was_returned:
            bad.append(
                (
                    closed_on,
                    f"申请 {code}：答复经审核退回修改（{closed_on:%Y-%m-%d} 办结）",
                    _url("foi_case", pk),
                )
            )
    kinds = dict(foi_rules.RemedyKind.choices)
    for pk, code, decided_on, kind in corrected:
        bad.append(
            (
                decided_on,
                f"申请 {code}：{kinds.get(kind, kind)}结果纠正（{decided_on:%Y-%m-%d}）",
                _url("foi_case", pk),
            )
        )
    total = max(len(rows), len(bad))
    good = total - len(bad)
    detail = f"办结 {len(rows)} 件，审核一次通过 {len(rows) - sum(1 for r in rows if r[3])} 件"
    if corrected:
        detail += f"，被复议或诉讼纠错 {len(corrected)} 件"
    return Measurement(percent(good, total), f"{detail}（{percent(good, total)}%）", _evidence(bad))


# --- 互动交流 --------------------------------------------------------------------------------------------------------
def _reply_rows(department, channels, start, end):
    """Valid cases whose first reply fell in the period, or that were still unanswered at its end with the reply
    deadline inside it."""
    from gongkai.interaction.models import Case, Status

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
        late.append((due, label, _url("interaction_case", pk)))
    return total, good, late


@measure("interaction.messages_on_time", "留言按时答复率", "%")
def messages_on_time(department, start, end):
    """RULES.md §6: a message (and a 12345 ticket) is answered within its category's working days (default 5).
    Veto (国办秘函〔2019〕19号): a valid message still unanswered more than 3 months after it was received."""
    from gongkai.interaction.clock import ALARM_MONTHS, add_months
    from gongkai.interaction.models import Case, Channel, Status

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
                    _url("interaction_case", pk),
                )
            )
    if not total and not veto_rows:
        return Measurement(None, "考核期内无到期的留言")
    value = percent(good, total) if total else None
    detail = _rate_detail("按时答复", good, total, "逾期", len(late)) if total else "考核期内无到期的留言"
    if veto_rows:
        detail += f"；有效留言超过 3 个月未答复 {len(veto_rows)} 件"
    return Measurement(value, detail, _evidence(veto_rows) + _evidence(late), veto=bool(veto_rows))


@measure("interaction.bad_ratings", "留言差评件数", "件")
def bad_ratings(department, start, end):
    """The "0 差评" aim (F12): ratings 不满意 / 非常不满意 given in the period on the department's replies (each
    rating counts, also a second one after the case was reopened); the satisfied share is in the detail."""
    from gongkai.interaction.models import Rating, RatingRecord

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
            _url("interaction_case", pk),
        )
        for at, pk, code, rating, comment in rows
        if rating <= Rating.UNSATISFIED
    ]
    satisfied = sum(1 for r in rows if r[3] >= Rating.BASICALLY_SATISFIED)
    return Measurement(
        Decimal(len(bad)),
        f"评价 {len(rows)} 次，满意率 {percent(satisfied, len(rows))}%，差评 {len(bad)} 次",
        _evidence(bad),
    )


@measure("interaction.corrections_on_time", "网站纠错按时办理率", "%")
def corrections_on_time(department, start, end):
    """RULES.md §6: a 网站纠错 report is answered within 3 working days, and Enshi's "5+2" wants a first action
    within 24 calendar hours; missing either is late."""
    from gongkai.interaction.models import Channel

    total, good, late = _on_time(department, [Channel.SITE_ERROR], start, end, first_action=True)
    if not total:
        return Measurement(None, "考核期内无到期的网站纠错")
    return Measurement(
        percent(good, total), _rate_detail("按时办理", good, total, "超时", len(late)), _evidence(late)
    )


# --- 政务新媒体 ------------------------------------------------------------------------------------------------------
@measure("newmedia.weekly_updates", "新媒体每周更新率", "%")
def newmedia_weekly(department, start, end):
    """Enshi's rule (RULES.md §5): every account updates at least once a week (Monday–Sunday weeks that lie in the
    period while the account was open); veto when an account went 14 days or more without an update inside the
    period (国办秘函〔2019〕19号). Judged from the account's opening, or from the first post the platform recorded
    at all (its monitoring start) if that is later."""
    from gongkai.newmedia.models import Account, Post
    from gongkai.newmedia.rules import thresholds

    first, after = bounds(start, end)
    accounts = list(
        Account.objects.filter(department=department, opened_at__lt=after)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=first))
        .order_by("pk")
        .only("pk", "name", "platform", "opened_at", "closed_at")
    )
    if not accounts:
        return Measurement(None, "本部门无在运营的政务新媒体账号")
    # weeks before the platform recorded its first post of any account are not judged: there is no record of them
    # (a real site begins monitoring when it goes live), and an account with no post since then is idle
    began = Post.objects.aggregate(first=Min("published_at"))["first"]
    if began is None or workdays.local_date(began) > end:
        return Measurement(None, "考核期内平台尚未开始记录新媒体发文")
    began = workdays.local_date(began)
    red_days = thresholds().red_days
    posts = defaultdict(list)
    for account_id, at in (
        Post.objects.filter(
            account__in=accounts,
            published_at__gte=first - datetime.timedelta(days=red_days),
            published_at__lt=after,
        )
        .order_by("published_at")
        .values_list("account_id", "published_at")
    ):
        posts[account_id].append(at)
    weeks = good = 0
    missed, veto_rows = [], []
    monday = start - datetime.timedelta(days=start.weekday())
    for account in accounts:
        opened = max(workdays.local_date(account.opened_at), began)
        closed = workdays.local_date(account.closed_at) if account.closed_at else None
        days = {workdays.local_date(at) for at in posts[account.pk]}
        week = monday
        while week + datetime.timedelta(days=6) <= end:
            sunday = week + datetime.timedelta(days=6)
            if week >= start and opened <= week and (closed is None or closed > sunday):
                weeks += 1
                if any(week <= d <= sunday for d in days):
                    good += 1
                else:
                    missed.append(
                        (
                            week,
                            f"{account.name}：{week:%m-%d} 至 {sunday:%m-%d} 当周未更新",
                            _url("newmedia_account", account.pk),
                        )
                    )
            week += datetime.timedelta(days=7)
        # the longest gap inside the period (from the last post before it, or its opening)
        stop = min(end, closed) if closed else end
        previous = max(
            [d for d in days if d < start] or [max(opened, start - datetime.timedelta(days=red_days))]
        )
        for day in [*sorted(d for d in days if start <= d <= stop), stop]:
            if (day - previous).days >= red_days and day >= start and day >= opened:
                veto_rows.append(
                    (
                        previous,
                        f"{account.name}：{previous:%Y-%m-%d} 至 {day:%Y-%m-%d} {(day - previous).days} 天未更新（单项否决）",
                        _url("newmedia_account", account.pk),
                    )
                )
                break
            previous = max(previous, day)
    if not weeks:
        return Measurement(None, "考核期内无完整的考核周")
    detail = f"{len(accounts)} 个账号，按周更新 {good}/{weeks} 个账号周（{percent(good, weeks)}%）"
    if veto_rows:
        detail += f"；超过 {red_days} 天未更新 {len(veto_rows)} 个账号"
    return Measurement(
        percent(good, weeks), detail, _evidence(veto_rows) + _evidence(missed), veto=bool(veto_rows)
    )
