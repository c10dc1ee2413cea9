"""Disclosure's checks of the site health monitor (国办秘函〔2019〕19号, RULES.md §5; assessment/registry.py):
columns not updated within their cycle, and 空白栏目. `days_stale` is THE rule of 栏目按周期更新, which the
quarterly measure `disclosure.columns_updated` (measures.py) applies too. `now` is passed in; nothing here reads the
clock."""

import re

from django.db.models import Q
from django.utils.html import strip_tags

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, health_check
from gongkai.core import workdays

from .models import Absence, ColumnKind, ColumnPage, DepartmentCatalogPage, GovInfoPage

NEWS_VETO_DAYS = 14  # 动态/要闻 columns idle 2 weeks …
POLICY_VETO_DAYS = 180  # … and 通知公告/政策文件 columns idle 6 months, together ≥ 5 → veto
IDLE_NATIONAL_COLUMNS = 5
IDLE_ANY_COLUMNS = 10  # ≥ 10 columns that should update and have not → veto
EMPTY_VETO_COLUMNS = 5  # ≥ 5 空白栏目 → veto


def _catalog_departments():
    """(path, department) of every department catalog: a column belongs to the catalog above it."""
    return [(c.path, c.department) for c in DepartmentCatalogPage.objects.select_related("department")]


def _department_for(path, catalogs):
    for prefix, department in catalogs:
        if path.startswith(prefix):
            return department
    return None


def _column_last_updates(as_of=None, under=None):
    """The live columns, {column pk: newest published_date of its live, not withdrawn items below it} and the
    set of column pks holding any such item (dated or not). One query for the columns, one for the items.
    `as_of`: only items published by that day count; `under`: only the columns and items below that page."""
    columns = ColumnPage.objects.live()
    items = GovInfoPage.objects.live().filter(withdrawn=False)
    if under is not None:
        columns, items = columns.descendant_of(under), items.descendant_of(under)
    if as_of is not None:
        items = items.filter(Q(published_date__isnull=True) | Q(published_date__lte=as_of))
    columns = list(
        columns.only(
            "pk",
            "path",
            "depth",
            "title",
            "kind",
            "url_path",
            "update_cycle_days",
            "absence",
            "absence_since",
        )
    )
    by_path = {c.path: c for c in columns}
    steplen = ColumnPage.steplen
    newest, holding = {}, set()
    for path, published in items.values_list("path", "published_date"):
        for depth in range(1, len(path) // steplen):
            column = by_path.get(path[: depth * steplen])
            if column is None:
                continue
            holding.add(column.pk)
            if published and (column.pk not in newest or published > newest[column.pk]):
                newest[column.pk] = published
    return columns, newest, holding


def days_stale(cycle, last, as_of):
    """THE rule of 栏目按周期更新, shared by the health monitor (`check_columns`) and the quarterly indicator
    (`disclosure.columns_updated`): a column with an update cycle whose newest item is `cycle` days old or older on
    `as_of` is stale. Returns the days since that item, or None when the column is within its cycle, has no update
    cycle, or has no dated item (a column with nothing in it is a 空白栏目 — the next check — not counted twice)."""
    if not cycle or last is None:
        return None
    days = (as_of - last).days
    return days if days >= cycle else None


def column_updates(as_of, under=None):
    """[(column, newest item date, days stale or None)] for every live column with an update cycle and a dated
    item published by `as_of` (below `under` if given): the columns judged by the rule, stale or not. A column the
    office marked 本单位暂无 with nothing in it yet counts from the day it was marked — 暂无 is no excuse for longer
    than the column's cycle; 不涉及 columns have nothing to update."""
    columns, newest, holding = _column_last_updates(as_of, under)
    rows = []
    for column in columns:
        cycle, last = getattr(column, "update_cycle_days", None), newest.get(column.pk)
        marked = column.absence_since
        if last is None and column.pk not in holding and column.absence == Absence.NONE_YET and marked:
            # a mark made after the day judged says nothing of that day (a quarter judged later, say)
            last = marked if as_of is None or marked <= as_of else None
        if not cycle or last is None:
            continue
        rows.append((column, last, days_stale(cycle, last, as_of)))
    return rows


@health_check(Check.COLUMNS_IDLE)
def check_columns(now):
    """Columns with an update cycle (ColumnPage.update_cycle_days) whose newest item is older than the cycle. The
    veto (19号): ≥ 5 columns among 动态/要闻 idle 2 weeks and 通知公告/政策文件 idle 6 months, or ≥ 10 idle columns.
    A column with no item at all is a 空白栏目 (the next check), not counted twice here."""
    today = workdays.local_date(now)
    catalogs = _catalog_departments()
    idle, national = [], []
    for column, last, days in column_updates(today):
        if days is None:
            continue
        cycle = column.update_cycle_days
        department = _department_for(column.path, catalogs)
        who = f"{department.short_name or department.name}·" if department else ""
        marked = column.absence == Absence.NONE_YET and last == column.absence_since
        since = "标注“本单位暂无”于" if marked else "最近更新"
        finding = Finding(
            check_code=Check.COLUMNS_IDLE,
            severity=Severity.WARNING,
            department=department,
            subject=f"{who}{column.title}",
            detail=f"{since} {last:%Y-%m-%d}，已 {days} 天未更新（更新周期 {cycle} 天）",
            url=column.url or "",
            days=days,
            object_type="disclosure.columnpage",
            object_id=str(column.pk),
        )
        idle.append(finding)
        if (column.kind == ColumnKind.NEWS and days >= NEWS_VETO_DAYS) or (
            column.kind in (ColumnKind.NOTICE, ColumnKind.POLICY) and days >= POLICY_VETO_DAYS
        ):
            national.append(finding)
    reasons = []
    if len(national) >= IDLE_NATIONAL_COLUMNS:
        reasons.append(f"动态类栏目 2 周、通知公告/政策文件栏目 6 个月未更新共 {len(national)} 个")
        for f in national:
            f.severity = Severity.VETO
    if len(idle) >= IDLE_ANY_COLUMNS:
        reasons.append(f"应更新未更新栏目 {len(idle)} 个")
        for f in idle:
            f.severity = Severity.VETO
    if reasons:
        status, detail = Severity.VETO, "；".join(reasons) + "（单项否决）"
    elif idle:
        status = Severity.WARNING
        detail = f"{len(idle)} 个栏目超过更新周期未更新（否决线：动态/政策类 {IDLE_NATIONAL_COLUMNS} 个或任意 {IDLE_ANY_COLUMNS} 个）"
    else:
        status, detail = Severity.OK, "设有更新周期的栏目均在周期内更新"
    idle.sort(key=lambda f: -f.days)
    return Outcome(Check.COLUMNS_IDLE, status, len(idle), detail, idle)


def _has_text(html):
    return bool(re.sub(r"\s+", "", strip_tags(html or "")))


def column_is_blank(column, has_child_column, holding, texts):
    """THE rule of 空白栏目 (有栏目无内容), shared by the monitor and tests: no live sub-column, no live item, no
    standard text generated from the office's template, no 栏目说明, and not marked 本单位暂无/不涉及 with its 说明."""
    intro, standard, absence, note = texts.get(column.pk, ("", "", "", ""))
    return not (
        column.path in has_child_column
        or column.pk in holding
        or _has_text(standard)
        or _has_text(intro)
        or (absence and note.strip())
    )


@health_check(Check.COLUMNS_EMPTY)
def check_empty_columns(now):
    """空白栏目 (有栏目无内容): a live column with no live sub-column, no live item, no standard text, no 栏目说明 and
    no mark 本单位暂无/不涉及 with its 说明 (column_is_blank). ≥ 5 → veto."""
    columns, _, holding = _column_last_updates()
    steplen = ColumnPage.steplen
    has_child_column = {c.path[:-steplen] for c in columns}
    catalogs = _catalog_departments()
    texts = {
        pk: rest
        for pk, *rest in ColumnPage.objects.live().values_list(
            "pk", "intro", "standard_body", "absence", "absence_note"
        )
    }
    findings = []
    for column in columns:
        if not column_is_blank(column, has_child_column, holding, texts):
            continue
        department = _department_for(column.path, catalogs)
        who = f"{department.short_name or department.name}·" if department else ""
        findings.append(
            Finding(
                check_code=Check.COLUMNS_EMPTY,
                severity=Severity.WARNING,
                department=department,
                subject=f"{who}{column.title}",
                detail="栏目无任何信息，也未标注“本单位暂无/不涉及”及栏目说明（空白栏目）",
                url=column.url or "",
                object_type="disclosure.columnpage",
                object_id=str(column.pk),
            )
        )
    if len(findings) >= EMPTY_VETO_COLUMNS:
        for f in findings:
            f.severity = Severity.VETO
        status = Severity.VETO
        detail = f"空白栏目 {len(findings)} 个（达到 {EMPTY_VETO_COLUMNS} 个，单项否决）"
    elif findings:
        status = Severity.WARNING
        detail = f"空白栏目 {len(findings)} 个（{EMPTY_VETO_COLUMNS} 个即单项否决）"
    else:
        status, detail = Severity.OK, "无空白栏目"
    return Outcome(Check.COLUMNS_EMPTY, status, len(findings), detail, findings)
