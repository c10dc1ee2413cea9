"""What 政务新媒体 gives the quarterly assessment (RULES.md §5; assessment/registry.py): its measure.

A pure function of (department, start, end) over what is stored; nothing here reads the clock.
"""

import datetime
from collections import defaultdict

from django.db.models import Min, Q

from gongkai.assessment.registry import Measurement, admin_url, bounds, evidence, measure, percent
from gongkai.core import workdays

from .models import Account, Post
from .rules import thresholds


# --- 政务新媒体 ------------------------------------------------------------------------------------------------------
@measure("newmedia.weekly_updates", "新媒体每周更新率", "%")
def newmedia_weekly(department, start, end):
    """Enshi's rule (RULES.md §5): every account updates at least once a week (Monday–Sunday weeks that lie in the
    period while the account was open); veto when an account went 14 days or more without an update inside the
    period (国办秘函〔2019〕19号). Judged from the account's opening, or from the first post the platform recorded
    at all (its monitoring start) if that is later."""
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
                            admin_url("newmedia_account", account.pk),
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
                        admin_url("newmedia_account", account.pk),
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
        percent(good, weeks), detail, evidence(veto_rows) + evidence(missed), veto=bool(veto_rows)
    )
