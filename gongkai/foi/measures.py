"""What FOI gives the quarterly assessment (RULES.md §2; assessment/registry.py): its measures, and tables 三 and
四 and the fees of the annual report.

Each measure is a pure function of (department, start, end) over what is stored; nothing here reads the clock.
"""

from django.db.models import Exists, OuterRef, Q

from gongkai.assessment.registry import (
    Measurement,
    admin_url,
    evidence,
    measure,
    percent,
    provides,
    rate_detail,
)
from gongkai.core import workdays

from . import rules as foi_rules
from . import stats
from .models import Application, Event, EventKind, Remedy


# --- 依申请公开 ----------------------------------------------------------------------------------------------------
def _foi_due_in_period(department, start, end):
    """Cases whose answer was due in the period or that were closed in it (Art. 33 clock, cached `due_date`)."""
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
        late.append((due, label, admin_url("foi_case", pk)))
    if not total:
        return Measurement(None, "考核期内无到期或办结的依申请公开申请")
    return Measurement(
        percent(good, total), rate_detail("按期答复", good, total, "逾期", len(late)), evidence(late)
    )


@measure("foi.reply_quality", "依申请公开答复质量", "%")
def foi_reply_quality(department, start, end):
    """Reply quality: of the cases closed in the period, the share whose reply passed the office's review
    (含保密审查) the first time; and a 行政复议/诉讼 that corrected a reply, decided in the period, counts against
    the department as well (annual-report table 四 "结果纠正")."""
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
                    admin_url("foi_case", pk),
                )
            )
    kinds = dict(foi_rules.RemedyKind.choices)
    for pk, code, decided_on, kind in corrected:
        bad.append(
            (
                decided_on,
                f"申请 {code}：{kinds.get(kind, kind)}结果纠正（{decided_on:%Y-%m-%d}）",
                admin_url("foi_case", pk),
            )
        )
    total = max(len(rows), len(bad))
    good = total - len(bad)
    detail = f"办结 {len(rows)} 件，审核一次通过 {len(rows) - sum(1 for r in rows if r[3])} 件"
    if corrected:
        detail += f"，被复议或诉讼纠错 {len(corrected)} 件"
    return Measurement(percent(good, total), f"{detail}（{percent(good, total)}%）", evidence(bad))


# --- 年度报告 --------------------------------------------------------------------------------------------------------
@provides("annual.foi")
def annual_report_figures(year, department=None):
    """Tables 三 and 四 and the fees of the annual report (国办公开办函〔2021〕30号): the same counting as the FOI
    workbench (`stats`), not a second one; with what the narrative says of them, last year's new cases included
    for the trend. The identity 一 + 二 = 三（七） + 四 is checked in `stats.table3`, per column."""
    t3 = stats.table3(year, department)
    t4 = stats.table4(year, department)
    fees = stats.fees_collected(year, department)
    previous = stats.table3(year - 1, department)
    disclosed = t3.value("（一）予以公开") + t3.value(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    return {
        "table3": {
            "columns": [str(c) for c in t3.columns],
            "rows": [{"label": r.label, "level": r.level, "values": r.values} for r in t3.rows],
            "imbalances": list(t3.imbalances),
        },
        "table4": {"columns": list(stats.TABLE4_COLUMNS), "rows": [{"label": k, **v} for k, v in t4.items()]},
        "fees_yuan": fees,
        "facts": {
            "foi_new": t3.value(stats.ROW_NEW),
            "foi_new_last": previous.value(stats.ROW_NEW),
            "foi_closed": t3.value(stats.ROW_TOTAL),
            "foi_disclosed": disclosed,
            "foi_carried_out": t3.value(stats.ROW_CARRIED_OUT),
            "remedies": sum(row["总计"] for row in t4.values()),
            "remedies_corrected": sum(row["结果纠正"] for row in t4.values()),
            "fees_yuan": fees,
        },
    }
