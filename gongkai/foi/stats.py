"""Statistics for the annual report (国办公开办函〔2021〕30号; RULES.md §3) and the "0 delay" dwell times (F11).

`table3(year, department=None)` — 收到和处理政府信息公开申请情况, by applicant category:
- the year of a case is the year of its legal receipt date (Art. 31); cases never confirmed are not counted;
- 一、本年新收 = received in the year; 二、上年结转 = received before the year and still open on 1 January;
- 三、本年度办理结果 = closed in the year, by outcome (one per case); 四、结转下年度 = received by 31 December and
  still open at its end.
- The identity 一 + 二 = 三（七） + 四 is checked in every column; `Table3.balanced` says whether it holds and
  `imbalances` which columns break it (it can only break if a case was closed before it was received).

`table4(year, department=None)` — 行政复议、行政诉讼: remedies filed in the year, by their result as of 31 December
(decided later = 尚未审结).

`case_dwell(app)` and `dwell_summary(...)` — the time each hop took (received → confirmed → assigned → department
reply → office review → delivered).
"""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from . import rules
from .models import Application, Event, EventKind, Remedy

COLUMNS = [label for _, label in rules.Category.choices] + ["总计"]
CATEGORY_KEYS = list(rules.Category.values)

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"


@dataclass
class Row:
    label: str
    level: int  # 0 = numbered section, 1 = （一）…, 2 = 1. …
    values: list[int] | None  # the 7 columns; None for a heading row without numbers
    outcome: str = ""


@dataclass
class Table3:
    year: int
    columns: list[str]
    rows: list[Row]
    imbalances: list[str] = field(default_factory=list)

    @property
    def balanced(self):
        return not self.imbalances

    def row(self, label):
        return next(r for r in self.rows if r.label == label)

    def value(self, label, column="总计"):
        return self.row(label).values[self.columns.index(column)]


def _by_category(queryset):
    counts = dict(queryset.values_list("category").annotate(n=Count("id")).order_by())
    values = [counts.get(key, 0) for key in CATEGORY_KEYS]
    return [*values, sum(values)]


def _scope(department, site=None):
    qs = Application.objects.filter(receipt_date__isnull=False)
    if site is not None:  # 集约化: one site's government (docs/multisite.md)
        qs = qs.filter(site=site)
    return qs.filter(department=department) if department is not None else qs


def table3(year, department=None, site=None):
    """Table 三 for `year`, for the whole government (of one site, if given) or one department. Returns a
    `Table3`."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = _scope(department, site)
    new = _by_category(qs.filter(receipt_date__gte=start, receipt_date__lte=end))
    carried_in = _by_category(
        qs.filter(receipt_date__lt=start).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    )
    closed = qs.filter(closed_on__gte=start, closed_on__lte=end, receipt_date__lte=end)
    per_outcome = defaultdict(lambda: [0] * len(CATEGORY_KEYS))
    for outcome, category, n in closed.values_list("outcome", "category").annotate(n=Count("id")).order_by():
        per_outcome[outcome][CATEGORY_KEYS.index(category)] += n
    carried_out = _by_category(
        qs.filter(receipt_date__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    )

    rows = [Row(ROW_NEW, 0, new), Row(ROW_CARRIED_IN, 0, carried_in), Row(ROW_RESULTS, 0, None)]
    total = [0] * (len(CATEGORY_KEYS) + 1)
    for group_label, members in rules.OUTCOME_GROUPS:
        if len(members) == 1 and members[0] in (rules.Outcome.DISCLOSED, rules.Outcome.PARTIAL):
            values = [*per_outcome[members[0]], sum(per_outcome[members[0]])]
            rows.append(Row(group_label, 1, values, outcome=members[0]))
            total = [a + b for a, b in zip(total, values, strict=True)]
            continue
        rows.append(Row(group_label, 1, None))
        for number, outcome in enumerate(members, start=1):
            values = [*per_outcome[outcome], sum(per_outcome[outcome])]
            rows.append(Row(f"{number}.{rules.Outcome(outcome).label}", 2, values, outcome=outcome))
            total = [a + b for a, b in zip(total, values, strict=True)]
    rows.append(Row(ROW_TOTAL, 1, total))
    rows.append(Row(ROW_CARRIED_OUT, 0, carried_out))
    table = Table3(year, COLUMNS, rows)
    for i, column in enumerate(COLUMNS):
        if new[i] + carried_in[i] != total[i] + carried_out[i]:
            table.imbalances.append(f"{column}：{new[i]} + {carried_in[i]} ≠ {total[i]} + {carried_out[i]}")
    return table


TABLE4_GROUPS = [
    ("行政复议", rules.RemedyKind.REVIEW),
    ("行政诉讼（未经复议直接起诉）", rules.RemedyKind.LITIGATION_DIRECT),
    ("行政诉讼（复议后起诉）", rules.RemedyKind.LITIGATION_AFTER_REVIEW),
]
TABLE4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def table4(year, department=None, site=None):
    """Table 四: {group label: {column: n}} for remedies filed in `year`; a result decided after 31 December
    counts as 尚未审结 for that year."""
    end = datetime.date(year, 12, 31)
    qs = Remedy.objects.filter(filed_on__year=year)
    if site is not None:
        qs = qs.filter(application__site=site)
    if department is not None:
        qs = qs.filter(application__department=department)
    out = {label: dict.fromkeys(TABLE4_COLUMNS, 0) for label, _ in TABLE4_GROUPS}
    labels = {kind: label for label, kind in TABLE4_GROUPS}
    result_labels = {
        rules.RemedyResult.UPHELD: "结果维持",
        rules.RemedyResult.CORRECTED: "结果纠正",
        rules.RemedyResult.OTHER: "其他结果",
        rules.RemedyResult.PENDING: "尚未审结",
    }
    for kind, result, decided_on in qs.values_list("kind", "result", "decided_on"):
        if decided_on is None or decided_on > end:
            result = rules.RemedyResult.PENDING
        row = out[labels[kind]]
        row[result_labels[result]] += 1
        row["总计"] += 1
    return out


# --- dwell times (F11) -------------------------------------------------------------------------------------------
HOPS = [
    ("submitted", "received", "提交 → 确认收到"),
    ("received", "assigned", "确认收到 → 分办"),
    ("assigned", "replied", "分办 → 部门答复"),
    ("replied", "reviewed", "部门答复 → 审核通过"),
    ("reviewed", "delivered", "审核通过 → 送达"),
]
_MARK = {
    EventKind.SUBMITTED: ("submitted", "first"),
    EventKind.RECEIVED: ("received", "first"),
    EventKind.ASSIGNED: ("assigned", "first"),
    EventKind.DEPARTMENT_REPLIED: ("replied", "last"),
    EventKind.REVIEW_APPROVED: ("reviewed", "last"),
    EventKind.DELIVERED: ("delivered", "first"),
}


def _marks(events):
    marks = {}
    for event in events:
        mark = _MARK.get(event.kind)
        if mark is None:
            continue
        name, which = mark
        if which == "last" or name not in marks:
            marks[name] = event.at
    return marks


def case_dwell(events):
    """[(hop label, start, end, hours or None)] for one case's events (in order)."""
    marks = _marks(events)
    out = []
    for a, b, label in HOPS:
        start, end = marks.get(a), marks.get(b)
        hours = (end - start).total_seconds() / 3600 if start and end and end >= start else None
        out.append((label, start, end, hours))
    return out


def _p90(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]  # nearest rank


def dwell_summary(year=None, departments=None):
    """Per department and hop: count, median, p90 and longest dwell in hours, over cases received in `year` (all
    years if None). `departments` limits the departments (a department user sees only their own)."""
    apps = Application.objects.filter(department__isnull=False)
    if year is not None:
        apps = apps.filter(receipt_date__year=year)
    if departments is not None:
        apps = apps.filter(department__in=departments)
    dept_of = dict(apps.values_list("pk", "department__name"))
    events = defaultdict(list)
    for event in (
        Event.objects.filter(application_id__in=list(dept_of), kind__in=list(_MARK))
        .only("application_id", "kind", "at")
        .order_by("at", "id")
    ):
        events[event.application_id].append(event)
    samples = defaultdict(lambda: defaultdict(list))
    for app_id, evs in events.items():
        for label, _, _, hours in case_dwell(evs):
            if hours is not None:
                samples[dept_of[app_id]][label].append(hours)
    out = []
    for dept in sorted(samples):
        hops = []
        for _, _, label in HOPS:
            values = samples[dept].get(label, [])
            hops.append(
                {
                    "hop": label,
                    "count": len(values),
                    "median": statistics.median(values) if values else None,
                    "p90": _p90(values) if values else None,
                    "longest": max(values) if values else None,
                }
            )
        out.append({"department": dept, "hops": hops})
    return out


def fees_collected(year, department=None, site=None):
    """Fees paid in the year (section 六 of the report), in 元."""
    qs = Event.objects.filter(kind=EventKind.FEE_PAID, on__year=year)
    if site is not None:
        qs = qs.filter(application__site=site)
    if department is not None:
        qs = qs.filter(application__department=department)
    return sum(int(e.payload.get("amount", 0)) for e in qs.only("payload"))
