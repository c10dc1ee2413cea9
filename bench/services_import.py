"""Benchmark: import 2,000 service items from a generated .xlsx (target < 5 s), parse + validate + store.

Run: .venv/bin/python bench/services_import.py [sqlite|postgres]
Uses a throwaway database (a temp SQLite file, or PostgreSQL database `bench_services`, created and dropped).
Prints medians of 3 runs: a first import (2,000 new items), a re-import of the same sheet (idempotent on
实施编码: nothing changes), a re-import with every row edited (2,000 updates),
and as a baseline the bare openpyxl read of the same workbook.
"""

import io
import statistics
import time

from services_common import engine_from_argv, setup_django, throwaway_database

N = 2000
REPEATS = 3


def build_workbook(departments, themes, offset, edition=""):
    from openpyxl import Workbook

    from gongkai.services import spreadsheets
    from gongkai.services.models import ListType

    columns = spreadsheets.columns_for(ListType.POWER)
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in columns])
    for i in range(N):
        dept = departments[i % len(departments)]
        values = {
            "code": f"01{offset + i:06d}-422801000000-000-{dept.code}-3-00",
            "name": f"{['食品经营许可', '建筑工程施工许可', '取水许可', '道路货物运输经营许可'][i % 4]}（第{i}项）{edition}",
            "department": dept.name,
            "level": "市级",
            "basis": "《中华人民共和国行政许可法》第十二条",
            "conditions": "符合法定条件",
            "materials": "申请书\n营业执照\n法定代表人身份证明",
            "location": "恩施市民之家一楼综合窗口",
            "agency": dept.name,
            "fee": "不收费",
            "hours": "工作日 8:30—12:00，14:30—17:30",
            "phone": "0718-8222345",
            "process": "申请\n受理\n审查\n决定",
            "legal_limit_days": 20,
            "promised_limit_days": 5,
            "visits": i % 3,
            "onsite_visits": 1,
            "online_url": "https://zwfw.hubei.gov.cn/" if i % 2 else "",
            "themes": themes[i % len(themes)].name,
            "power_kind": "行政许可",
            "accountability": "",
        }
        ws.append([values[c.field] for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main():
    engine = engine_from_argv()
    cleanup = throwaway_database(engine)
    try:
        setup_django()
        from openpyxl import load_workbook

        from gongkai.org.models import Department
        from gongkai.services import actions, spreadsheets
        from gongkai.services.models import ListType, ServiceItem, Theme

        departments = list(Department.objects.filter(kind="city"))
        themes = list(Theme.objects.all())
        first, same, changed, baseline = [], [], [], []
        for run in range(REPEATS):
            data = build_workbook(departments, themes, offset=run * N)
            edited = build_workbook(departments, themes, offset=run * N, edition="（修订）")
            t0 = time.perf_counter()
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            baseline.append(time.perf_counter() - t0)
            for bucket, sheet, expect in (
                (first, data, (N, 0, 0)),
                (same, data, (0, 0, N)),
                (changed, edited, (0, N, 0)),
            ):
                t0 = time.perf_counter()
                parsed = spreadsheets.parse(sheet, ListType.POWER)
                importrun = actions.import_rows(None, parsed, mode="all_or_nothing", filename="bench.xlsx")
                bucket.append(time.perf_counter() - t0)
                counts = (importrun.created, importrun.updated, importrun.unchanged)
                assert not parsed.errors and counts == expect, counts
        assert ServiceItem.objects.count() == N * REPEATS
        print(f"services import benchmark on {engine}, {N:,} rows, median of {REPEATS} (target < 5 s)")
        print(f"  baseline: openpyxl read only        {statistics.median(baseline):6.2f} s")
        print(f"  import, 2,000 new items             {statistics.median(first):6.2f} s")
        print(f"  re-import of the same sheet         {statistics.median(same):6.2f} s  (2,000 unchanged)")
        print(f"  re-import, every row edited         {statistics.median(changed):6.2f} s  (2,000 updates)")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
