"""Background work and read models of 政务新媒体: fetching feeds, the freshness monitor and its reminders."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.core import roles

from . import actions, clock, imports, rules
from .models import Account, AccountStatus, PostSource

logger = logging.getLogger("gongkai.newmedia")


# --- feeds --------------------------------------------------------------------------------------------------


@dataclass
class FetchOutcome:
    ok: bool
    message: str
    result: actions.ImportResult | None = None


def fetch_account_feed(account, timeout=None):
    """Fetch one account's RSS/Atom feed and store its new posts. A failure is recorded on the account and
    stores nothing; posts already stored stay as they are."""
    now = clock.now()
    try:
        body = imports.download(account.feed_url, timeout=timeout)
        items, skipped = imports.parse_feed(body)
    except imports.SourceError as exc:
        message = "；".join(exc.errors)
        Account.objects.filter(pk=account.pk).update(feed_checked_at=now, feed_error=message)
        logger.warning("feed of account %s failed: %s", account.pk, message)
        return FetchOutcome(False, message)
    result = actions.import_posts(None, account, items, source=PostSource.FEED)
    result.skipped[:0] = skipped
    Account.objects.filter(pk=account.pk).update(feed_checked_at=now, feed_error="")
    return FetchOutcome(True, result.summary(), result)


def accounts_with_feeds():
    return Account.objects.exclude(feed_url="").exclude(status=AccountStatus.CLOSED)


# --- freshness monitor ---------------------------------------------------------------------------------------


@dataclass
class AccountFreshness:
    account: Account
    freshness: str
    idle_days: int
    weekly_count: int

    @property
    def label(self):
        return rules.Freshness.LABELS[self.freshness]


def with_weekly_counts(queryset, now=None):
    """The number of posts in the last 7 days, counted in the same query (the city's weekly rule)."""
    since = (now or clock.now()) - datetime.timedelta(days=7)
    return queryset.annotate(weekly_count=Count("posts", filter=Q(posts__published_at__gte=since)))


def monitor(queryset=None, now=None):
    """Every account still counted by the inspection (在运营, 停更公告中) with its freshness state."""
    now = now or clock.now()
    queryset = queryset if queryset is not None else Account.objects.all()
    queryset = queryset.exclude(status=AccountStatus.CLOSED).select_related("department")
    limits = rules.thresholds()
    rows = []
    for account in with_weekly_counts(queryset, now):
        rows.append(
            AccountFreshness(
                account=account,
                freshness=rules.account_freshness(account, now, limits),
                idle_days=rules.idle_days(account, now),
                weekly_count=account.weekly_count,
            )
        )
    order = {state: i for i, state in enumerate(rules.Freshness.ORDER)}
    rows.sort(
        key=lambda r: (order[r.freshness], -r.idle_days, r.account.department.sort_order, r.account.name)
    )
    return rows


def by_state(rows):
    grouped = {state: [] for state in rules.Freshness.ORDER}
    for row in rows:
        grouped[row.freshness].append(row)
    return grouped


# --- reminders ------------------------------------------------------------------------------------------------


def reminder_repeat_days():
    return getattr(settings, "GONGKAI_NEWMEDIA_REMINDER_REPEAT_DAYS", 3)


def due_for_reminder(row, now):
    """Remind when an account first reaches a state, and again every few days while it stays there."""
    account = row.account
    if row.freshness == rules.Freshness.OK or account.status != AccountStatus.ACTIVE:
        return False
    if account.reminded_level != row.freshness or account.reminded_at is None:
        return True
    return now - account.reminded_at >= datetime.timedelta(days=reminder_repeat_days())


def department_recipients(department_ids):
    """The department staff who run its accounts (信息员 and 科室审核人) with an e-mail address."""
    User = get_user_model()
    users = (
        User.objects.filter(
            is_active=True,
            staff__department_id__in=department_ids,
            groups__name__in=[roles.EDITOR, roles.REVIEWER_SECTION],
        )
        .exclude(email="")
        .values_list("staff__department_id", "email")
        .distinct()
    )
    out = defaultdict(set)
    for dept_id, email in users:
        out[dept_id].add(email)
    return out


def reminder_text(department, rows):
    lines = [f"{department.name}：", "", "以下政务新媒体账号更新不及时，请尽快更新："]
    for row in rows:
        last = row.account.last_post_at
        when = f"最近更新 {clock_local(last):%Y年%m月%d日}" if last else "开设以来未登记更新"
        lines.append(f"· {row.account}：{row.label}，{when}，已 {row.idle_days} 天未更新")
    limits = rules.thresholds()
    lines += [
        "",
        f"依照本市规定，政务新媒体每周至少更新一次；超过 {limits.red_days} 天未更新属国家检查单项否决，"
        f"超过 {limits.zombie_days} 天未更新将列入“僵尸号”清单。",
        "",
        "恩施市政务公开办公室（系统自动提醒）",
    ]
    return "\n".join(lines)


def clock_local(moment):
    return timezone.localtime(moment)


def send_reminders(now=None):
    """Mail each owning department one reminder listing its stale accounts (periodic job)."""
    now = now or clock.now()
    due = [row for row in monitor(now=now) if due_for_reminder(row, now)]
    by_dept = defaultdict(list)
    for row in due:
        by_dept[row.account.department].append(row)
    recipients = department_recipients([d.pk for d in by_dept])
    sent = 0
    for department, rows in by_dept.items():
        to = set(recipients.get(department.pk, set()))
        to |= {row.account.notify_email for row in rows if row.account.notify_email}
        if not to:
            logger.warning("no reminder address for department %s", department.pk)
            continue
        worst = min(rows, key=lambda r: rules.Freshness.ORDER.index(r.freshness))
        subject = f"【政务新媒体更新提醒】{department.short_name or department.name}：{len(rows)} 个账号{worst.label}"
        send_mail(subject, reminder_text(department, rows), settings.DEFAULT_FROM_EMAIL, sorted(to))
        for row in rows:
            actions.record_reminder(row.account, row.freshness, now, to)
        sent += 1
    return sent
