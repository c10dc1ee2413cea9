"""Statistics of the message board and the per-department dashboard (issue 6 §4–§5). Plain functions over
querysets: a handful of aggregate queries, whatever the number of cases."""

import datetime
from collections import defaultdict

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongkai.core import workdays

from . import clock
from .models import Case, Channel, Rating, Status

VALID = ~Q(status__in=[Status.INVALID, Status.REDIRECTED])


def monthly(months=12, now=None, channels=(Channel.MESSAGE, Channel.HOTLINE), queryset=None):
    """Per month (Asia/Shanghai): received, replied, satisfied share of the ratings given (over `queryset`, e.g.
    one site's cases; default all)."""
    now = now or timezone.now()
    today = workdays.local_date(now)
    first = clock.add_months(today.replace(day=1), -(months - 1))
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    base = queryset if queryset is not None else Case.objects.all()
    qs = base.filter(VALID, channel__in=channels, received_at__gte=start)
    rows = (
        qs.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            received=Count("id"),
            replied=Count("id", filter=Q(first_replied_at__isnull=False)),
            rated=Count("id", filter=Q(rating__isnull=False)),
            satisfied=Count("id", filter=Q(rating__gte=Rating.BASICALLY_SATISFIED)),
        )
        .order_by("month")
    )
    out = []
    for row in rows:
        month = row["month"]
        month = timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month
        rate = round(100 * row["satisfied"] / row["rated"], 1) if row["rated"] else None
        out.append({**row, "month": month, "satisfaction": rate})
    return out


def dashboard(queryset=None, now=None):
    """Per department: received, on-time %, average handling time (days to the first reply), satisfaction %,
    open bad ratings, overdue now. The on-time rule: the department's first reply was submitted by the reply
    deadline (reply_submitted is the department's act; the office's review is not held against it)."""
    now = now or timezone.now()
    qs = (queryset if queryset is not None else Case.objects.all()).filter(VALID, department__isnull=False)
    data = defaultdict(
        lambda: {
            "received": 0,
            "replied": 0,
            "on_time": 0,
            "hours": 0.0,
            "rated": 0,
            "satisfied": 0,
            "bad_open": 0,
            "overdue": 0,
        }
    )
    fields = (
        "department_id",
        "department__name",
        "status",
        "received_at",
        "reply_due",
        "first_replied_at",
        "reply_submitted_at",
        "rating",
        "supervision_due",
        "first_action_due",
        "first_action_at",
        "channel",
        "category_id",
    )
    names = {}
    for row in qs.values(*fields).iterator():
        d = data[row["department_id"]]
        names[row["department_id"]] = row["department__name"]
        d["received"] += 1
        if row["first_replied_at"]:
            d["replied"] += 1
            d["hours"] += (row["first_replied_at"] - row["received_at"]).total_seconds() / 3600
            submitted = row["reply_submitted_at"] or row["first_replied_at"]
            if row["reply_due"] and workdays.local_date(submitted) <= row["reply_due"]:
                d["on_time"] += 1
        if row["rating"]:
            d["rated"] += 1
            if row["rating"] >= Rating.BASICALLY_SATISFIED:
                d["satisfied"] += 1
            elif row["status"] != Status.CLOSED:
                d["bad_open"] += 1
        due = (
            row["supervision_due"]
            if row["status"] == Status.SUPERVISING
            else (
                row["reply_due"]
                if row["first_replied_at"] is None and row["status"] != Status.CLOSED
                else None
            )
        )
        if due and workdays.local_date(now) > due:
            d["overdue"] += 1
    out = []
    for dept_id, d in data.items():
        out.append(
            {
                "department_id": dept_id,
                "department": names[dept_id],
                "received": d["received"],
                "on_time_pct": round(100 * d["on_time"] / d["replied"], 1) if d["replied"] else None,
                "avg_days": round(d["hours"] / d["replied"] / 24, 1) if d["replied"] else None,
                "satisfaction_pct": round(100 * d["satisfied"] / d["rated"], 1) if d["rated"] else None,
                "bad_open": d["bad_open"],
                "overdue": d["overdue"],
            }
        )
    out.sort(key=lambda r: (-r["bad_open"], -r["overdue"], r["department"]))
    return out


def alarms(queryset=None, now=None):
    """Cases in or near the 3-month-unanswered veto window (国办秘函〔2019〕19号)."""
    now = now or timezone.now()
    qs = (
        (queryset if queryset is not None else Case.objects.all())
        .filter(VALID, first_replied_at__isnull=True, received_at__lte=clock.alarm_cutoff(now))
        .exclude(status=Status.CLOSED)
        .select_related("department")
    )
    out = []
    for case in qs:
        level = clock.alarm(case, now)
        if level:
            out.append((level, case))
    out.sort(key=lambda pair: (pair[0] != "veto", pair[1].received_at))
    return out


def rating_summary(queryset):
    agg = queryset.filter(rating__isnull=False).aggregate(n=Count("id"), avg=Avg("rating"))
    return agg
