"""Benchmark: a faceted catalog query over 20,000 service items (target p95 < 30 ms), on SQLite or PostgreSQL.

Run: .venv/bin/python bench/services_facets.py [sqlite|postgres]
Uses a throwaway database (a temp SQLite file, or PostgreSQL database `bench_services`, created and dropped).
One "query" is what the catalog page does: the page of results, the total and every facet count
(department, theme, reform kind, 跑动次数, online, list type) for a random mix of filters. Prints median and p95 of
300 queries answered from the in-memory bitmap index (gongkai/services/facet_index.py, what the page uses), and,
measured in the same run, the same 300 queries answered by SQL aggregates (`use_index=False`, the previous way) and
a bare COUNT(*) of the published items as baselines, plus the one-off time to build the index.
"""

import os
import random
import statistics
import time

from services_common import engine_from_argv, setup_django, throwaway_database

TARGET = 20_000
QUERIES = 300


def load_items():
    from gongkai.org.models import Department
    from gongkai.services import demo
    from gongkai.services.models import ItemStatus, ReformRecord, ServiceItem, Theme
    from gongkai.services.rules import refresh_derived, theme_mask, veto_check

    rng = random.Random(7)
    departments = {d.name: d for d in Department.objects.all()}
    themes = list(Theme.objects.all())
    specs = list(demo.item_specs())
    items, links, reforms = [], [], []
    seq = 0
    while len(items) < TARGET:
        for dept_name, list_type, power_kind, name in specs:
            if len(items) >= TARGET:
                break
            seq += 1
            item, _ = demo._build_item(rng, departments[dept_name], list_type, power_kind, name, seq, [])
            item_reforms = demo._reforms_for(rng, item)
            refresh_derived(item, reforms=item_reforms)
            item.status = ItemStatus.PUBLISHED if veto_check(item).publishable else ItemStatus.DRAFT
            chosen = rng.sample(themes, rng.randint(0, 2))
            item.theme_mask = theme_mask(chosen)
            items.append(item)
            links.append(chosen)
            reforms.append(item_reforms)
    ServiceItem.objects.bulk_create(items, batch_size=1000)
    through = ServiceItem.themes.through
    through.objects.bulk_create(
        [through(serviceitem_id=i.pk, theme_id=t.pk) for i, ts in zip(items, links, strict=True) for t in ts],
        batch_size=2000,
    )
    records = []
    for item, rs in zip(items, reforms, strict=True):
        for r in rs:
            r.item_id = item.pk
            records.append(r)
    ReformRecord.objects.bulk_create(records, batch_size=2000)
    from gongkai.services.models import CatalogVersion

    CatalogVersion.bump()  # as the demo and the import do after bulk writes
    return len(items)


def random_filters(rng, department_ids, theme_slugs):
    from gongkai.services import catalog

    words = ["许可", "登记", "认定", "补贴", "查询", "处罚", "食品", "学校", "社保", "养老"]
    f = catalog.Filters()
    if rng.random() < 0.5:
        f.q = rng.choice(words)
    if rng.random() < 0.4:
        f.department = rng.choice(department_ids)
    if rng.random() < 0.3:
        f.theme = rng.choice(theme_slugs)
    if rng.random() < 0.3:
        f.reform = rng.choice(["documents", "materials", "fees", "delegation"])
    if rng.random() < 0.3:
        f.visits = rng.choice(["0", "1", "2+"])
    if rng.random() < 0.2:
        f.online = rng.choice(["0", "1"])
    return f


def p95(samples):
    return sorted(samples)[int(len(samples) * 0.95) - 1]


def main():
    engine = engine_from_argv()
    cleanup = throwaway_database(engine)
    try:
        setup_django()
        from django.db import connection

        from gongkai.services import catalog, facet_index
        from gongkai.services.models import CatalogVersion, ServiceItem, Theme

        t0 = time.perf_counter()
        n = load_items()
        load_time = time.perf_counter() - t0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        department_ids = list(ServiceItem.objects.values_list("department_id", flat=True).distinct())
        theme_slugs = list(Theme.objects.values_list("slug", flat=True))
        rng = random.Random(11)
        filters = [random_filters(rng, department_ids, theme_slugs) for _ in range(QUERIES)]
        for f in filters[:20]:  # warm the connection and the database's caches
            list(catalog.search(f, page_number=1, use_index=False).page)
        builds = []
        for _ in range(5):
            t0 = time.perf_counter()
            facet_index.build(CatalogVersion.current())
            builds.append((time.perf_counter() - t0) * 1000)
        facet_index.forget()
        baseline, sql, faceted = [], [], []
        for f in filters:
            t0 = time.perf_counter()
            ServiceItem.objects.published().count()
            baseline.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            list(catalog.search(f, page_number=1, use_index=False).page)
            sql.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            result = catalog.search(f, page_number=1)
            list(result.page)
            faceted.append((time.perf_counter() - t0) * 1000)
        print(
            f"services facet benchmark on {engine}: {n:,} items (loaded in {load_time:.1f} s), {QUERIES} queries"
        )
        print(
            f"  baseline COUNT(*) published    median {statistics.median(baseline):6.2f} ms  p95 {p95(baseline):6.2f} ms"
        )
        print(
            f"  faceted query, SQL aggregates  median {statistics.median(sql):6.2f} ms  p95 {p95(sql):6.2f} ms  (previous way)"
        )
        print(
            f"  faceted query, bitmap index    median {statistics.median(faceted):6.2f} ms  p95 {p95(faceted):6.2f} ms  (target p95 < 30 ms; first query included)"
        )
        print(
            f"  index build (20,000 items)     median {statistics.median(builds):6.1f} ms  (once per catalog change)"
        )
        print(f"  load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
