"""What disclosure gives the quarterly assessment (RULES.md §4–§5; assessment/registry.py): its measures, and
the table-二 figures of the annual report, and the
submission of a generated report as an item under review (`actions.submit_generated_item`).

Each measure is a pure function of (department, start, end) over what is stored: the period is a closed range of
Asia/Shanghai dates and nothing here reads the clock, so the same data always gives the same figure. Evidence
lists the items that cost points (at most `registry.EVIDENCE_LIMIT`, oldest first; the detail gives the count).
"""

import datetime
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from gongkai.assessment.registry import (
    Measurement,
    admin_url,
    bounds,
    evidence,
    measure,
    percent,
    provides,
    rate_detail,
)
from gongkai.core import workdays

from .actions import submit_generated_item
from .health import column_updates
from .models import (
    DepartmentCatalogPage,
    DisclosureMode,
    DocLevel,
    GovInfoPage,
    PrecheckResult,
    Validity,
)
from .rules import publication_status

WORKDAY_CALENDAR_FIRST = datetime.date(2000, 1, 1)  # the statutory calendar (core.workdays) starts here


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
            late.append((item.written_date, label, admin_url("wagtailadmin_pages:edit", item.pk)))
        else:
            good += 1
    if not total:
        return Measurement(None, "考核期内无应公开的政府信息")
    return Measurement(
        percent(good, total),
        rate_detail("按时公开", good, total, "逾期公开或逾期未公开", len(late)),
        evidence(late),
    )


@measure("disclosure.columns_updated", "栏目按周期更新率", "%")
def columns_updated(department, start, end):
    """Catalog columns updated per cycle (RULES.md §5 stale columns), by the very rule of the site health monitor
    (`disclosure.health.days_stale`, one function): on the last day of the period, each live column of the
    department's catalog with an update cycle (`ColumnPage.update_cycle_days`: 14 days for news, 180 for policy
    columns) and at least one item published by then is judged; it is stale when its newest item is a whole cycle
    old or older. A column with nothing in it is a 空白栏目 (its own indicator), not judged here."""
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
            admin_url("wagtailadmin_explore", column.pk),
        )
        for column, last, days in rows
        if days is not None
    ]
    judged = len(rows)
    good = judged - len(stale)
    return Measurement(
        percent(good, judged),
        f"截至 {end:%Y-%m-%d} 按周期更新的栏目 {good}/{judged} 个（{percent(good, judged)}%）",
        evidence(stale),
    )


@measure("disclosure.precheck_overrides", "预检阻断项放行次数", "次")
def precheck_overrides(department, start, end):
    """Blocking findings of the machine pre-check (MISSION B1) let through by a reviewer with a written reason:
    each is legal but is a risk the office watches."""
    first, after = bounds(start, end)
    rows = list(
        PrecheckResult.objects.filter(
            page__department=department, override_at__gte=first, override_at__lt=after
        )
        .order_by("override_at", "pk")
        .values_list("override_at", "page_id", "page__title", "override_reason")
    )
    overrides = [
        (
            at,
            f"{timezone.localtime(at):%Y-%m-%d}《{title}》放行：{reason[:60]}",
            admin_url("wagtailadmin_pages:edit", page_id),
        )
        for at, page_id, title, reason in rows
    ]
    return Measurement(
        Decimal(len(rows)), f"考核期内放行发布前检查阻断项 {len(rows)} 次", evidence(overrides)
    )


# --- 年度报告 --------------------------------------------------------------------------------------------------------
def _items(department):
    qs = GovInfoPage.objects.filter(live=True, published_date__isnull=False, withdrawn=False)
    return qs.filter(department=department) if department is not None else qs


def _table2_documents(year, department):
    """规章 and 行政规范性文件: 本年制发 = published items with a 成文日期 in the year; 本年废止 = 废止 or 失效 with the
    date of it in the year; 现行有效 = written by 31 December and not repealed or expired by then."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = []
    for level, label in ((DocLevel.REGULATION, "规章"), (DocLevel.NORMATIVE, "行政规范性文件")):
        qs = _items(department).filter(doc_level=level)
        ended = [Validity.REPEALED, Validity.EXPIRED]
        issued = qs.filter(written_date__gte=start, written_date__lte=end).count()
        repealed = qs.filter(validity__in=ended, expiry_date__gte=start, expiry_date__lte=end).count()
        in_force = (
            qs.filter(written_date__lte=end, published_date__lte=end)
            .filter(~Q(validity__in=ended) | Q(expiry_date__gt=end))
            .count()
        )
        rows.append({"label": label, "values": [issued, repealed, in_force]})
    return rows


def _published_count(year, department):
    return _items(department).filter(published_date__year=year).count()


def _kind_count(year, department, kinds):
    return _items(department).filter(published_date__year=year, column_kind__in=kinds).count()


@provides("annual.documents")
def annual_report_documents(year, department=None):
    """The catalog's part of the annual report: table 二's 规章 and 行政规范性文件 (GovInfoPage.doc_level, validity,
    dates), and what the narrative says of this year's publishing (last year's count for the trend)."""
    return {
        "documents": _table2_documents(year, department),
        "facts": {
            "published": _published_count(year, department),
            "published_last": _published_count(year - 1, department),
            "policy": _kind_count(year, department, ["policy"]),
            "interpretation": _kind_count(year, department, ["interpretation", "graphic"]),
            "news": _kind_count(year, department, ["news", "notice"]),
        },
    }


provides("annual.submit_item")(submit_generated_item)
