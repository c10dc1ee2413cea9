"""Seeding the calendar from `chinese_calendar` and importing/exporting it as CSV.

CSV columns: date (YYYY-MM-DD), kind (rest | workday, or 休息 | 上班), name (节日名称), source (依据).
A year is marked as entered (`CalendarYear`) when the file has any row for it.
"""

import csv
import datetime
import io

from django.db import transaction

from . import audit
from .models import CalendarDay, CalendarYear

KIND_ALIASES = {
    "rest": "rest",
    "休息": "rest",
    "放假": "rest",
    "workday": "workday",
    "上班": "workday",
    "调休上班": "workday",
}


class CalendarImportError(ValueError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("；".join(errors[:5]))


def chinese_calendar_rows():
    """Every rest day and make-up working day `chinese_calendar` knows, with Chinese holiday names."""
    from chinese_calendar import constants

    names = {h.value: h.chinese for h in constants.Holiday}
    rows = []
    for day, name in constants.holidays.items():
        rows.append((day, "rest", names.get(name, name)))
    for day, name in constants.workdays.items():
        rows.append((day, "workday", names.get(name, name)))
    rows.sort()
    return rows


def seed_from_chinese_calendar(day_model=CalendarDay, year_model=CalendarYear):
    """Load the package's table (2004 onwards). Idempotent: days already present are left as the office set them."""
    rows = chinese_calendar_rows()
    existing = set(day_model.objects.values_list("date", flat=True))
    day_model.objects.bulk_create(
        [
            day_model(date=d, kind=k, name=n, source="chinese_calendar（国务院办公厅节假日安排通知）")
            for d, k, n in rows
            if d not in existing
        ]
    )
    years = {d.year for d, _, _ in rows}
    known = set(year_model.objects.values_list("year", flat=True))
    year_model.objects.bulk_create(
        [
            year_model(year=y, notice=f"国务院办公厅关于{y}年部分节假日安排的通知")
            for y in sorted(years - known)
        ]
    )
    return len(rows)


def parse_csv(text):
    """Validate every row first; return (rows, errors) so nothing is stored from a file with a bad row."""
    rows, errors = [], []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    required = {"date", "kind", "name"}
    if not reader.fieldnames or not required <= {f.strip() for f in reader.fieldnames}:
        return [], ["文件首行须包含列名 date、kind、name（可选 source）。"]
    seen = set()
    for lineno, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        try:
            day = datetime.date.fromisoformat(row["date"])
        except ValueError:
            errors.append(f"第 {lineno} 行：日期“{row['date']}”不是 YYYY-MM-DD 格式。")
            continue
        kind = KIND_ALIASES.get(row["kind"].lower())
        if kind is None:
            errors.append(f"第 {lineno} 行：类型“{row['kind']}”应为 rest（休息）或 workday（调休上班）。")
            continue
        if kind == "workday" and day.weekday() < 5:
            errors.append(f"第 {lineno} 行：{day} 是工作日，不能登记为调休上班日。")
            continue
        if not row["name"]:
            errors.append(f"第 {lineno} 行：缺少节日名称。")
            continue
        if day in seen:
            errors.append(f"第 {lineno} 行：日期 {day} 重复。")
            continue
        seen.add(day)
        rows.append((day, kind, row["name"][:40], row.get("source", "")[:200]))
    if not rows and not errors:
        errors.append("文件中没有数据行。")
    return rows, errors


def import_csv(text, actor):
    """Replace the entries of every year the file covers, all or nothing, audited."""
    rows, errors = parse_csv(text)
    if errors:
        raise CalendarImportError(errors)
    years = sorted({d.year for d, *_ in rows})
    with transaction.atomic():
        before = CalendarDay.objects.filter(date__year__in=years).count()
        CalendarDay.objects.filter(date__year__in=years).delete()
        CalendarDay.objects.bulk_create(
            [CalendarDay(date=d, kind=k, name=n, source=s) for d, k, n, s in rows]
        )
        for y in years:
            CalendarYear.objects.get_or_create(year=y, defaults={"notice": "CSV 导入"})
        audit.record(
            actor,
            "calendar.import",
            object_type="core.calendarday",
            object_id=",".join(map(str, years)),
            object_repr=f"法定日历 {'、'.join(map(str, years))} 年",
            before={"rows": before},
            after={"rows": len(rows)},
        )
    from . import workdays

    transaction.on_commit(workdays.invalidate)
    return len(rows), years


def export_csv(years=None):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "kind", "name", "source"])
    qs = CalendarDay.objects.all()
    if years:
        qs = qs.filter(date__year__in=years)
    for day in qs:
        writer.writerow([day.date.isoformat(), day.kind, day.name, day.source])
    return out.getvalue()
