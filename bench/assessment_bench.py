"""Benchmark: a quarterly assessment run for 33 departments over a year of demo-scale data (issue 9: < 60 s).

Run: .venv/bin/python bench/assessment_bench.py                 (SQLite, then PostgreSQL)
     .venv/bin/python bench/assessment_bench.py --engine sqlite  (one engine only)
SQLite uses a temporary file; PostgreSQL uses BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/bench_assessment,
dropped and re-created on every run).

Data, bulk-created for 2025: 33 departments, 50,000 FOI applications (cached due dates from `foi.clock.compute`, the
function the actions use; some replies returned by review, some 行政复议 corrections), 50,000 messages / 12345
tickets / 纠错 reports (deadlines from `interaction.clock.deadlines_for`, 30% rated), 50,000 government-information
items (Wagtail pages in the departments' real catalogs, written and published dates spread over the year, 1,000 with a
pre-check, some overridden), 50 new-media accounts with their posts. Then `actions.compute_run` for 2025Q3 with the
default indicator system is timed: median of 3 runs (each a full recompute; the scores must be identical every time).
Baseline in the same run: the same computation for 2024Q3, a quarter without data (the fixed cost of 33 departments
× 12 indicators).
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/bench_assessment")
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = 2025
N_FOI, N_CASES, N_ITEMS, N_DEPTS = 50_000, 50_000, 50_000, 33
REPEATS = 3


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SH)


def setup_django(engine):
    if engine == "postgres":
        import psycopg

        name = PG_URL.rsplit("/", 1)[1]
        with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ["DATABASE_URL"] = "sqlite:///" + os.path.join(
            tempfile.mkdtemp(prefix="gongkai-bench-"), "db.sqlite3"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_ENV", "demo")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def day_in_year(rng):
    return datetime.date(YEAR, 1, 2) + datetime.timedelta(days=rng.randrange(0, 360))


def make_departments():
    from gongkai.org.models import Department

    Department.objects.create(
        name="恩施市政务公开办公室", code="1142280170000001XR", kind=Department.Kind.OFFICE
    )
    return [
        Department.objects.create(
            name=f"恩施市第{i}部门" if i > 20 else f"恩施市市直部门{i}",
            short_name=f"部门{i}",
            code=f"11422801{i:08d}X0",
            kind=Department.Kind.TOWN if i > 20 else Department.Kind.CITY,
            sort_order=i,
        )
        for i in range(1, N_DEPTS + 1)
    ]


def load_foi(departments, rng):
    from gongkai.core import workdays
    from gongkai.foi import clock
    from gongkai.foi.models import Application, Event, Remedy, Status

    class E:
        def __init__(self, kind, on):
            self.kind, self.on, self.payload = kind, on, {}

    cal = workdays.get_calendar()
    end_of_data = datetime.date(YEAR, 12, 31)
    apps = []
    for i in range(N_FOI):
        receipt = cal.next_workday(day_in_year(rng))
        late = rng.random() < 0.06
        closed_on = None
        if rng.random() < 0.97:
            closed_on = workdays.add_due(receipt, rng.randint(22, 35) if late else rng.randint(3, 19))[0]
        events = [E("received", receipt)] + ([E("closed", closed_on)] if closed_on else [])
        result = clock.compute(events, end_of_data)
        apps.append(
            Application(
                tracking_code=f"YSQB-{i:07d}",
                secret_hash="x" * 64,
                channel="online",
                applicant_type="natural_person",
                category="natural_person",
                name=f"申请人{i}",
                id_type="other",
                id_number=f"B{i:09d}",
                identity_key=f"bench{i}",
                phone="13900000000",
                description=f"请公开第 {i} 号文件。",
                text_key=f"bench{i}",
                delivery_form="email",
                delivery_way="online",
                status=Status.CLOSED if closed_on else Status.ASSIGNED,
                department=departments[i % len(departments)],
                submitted_at=at(receipt, 9),
                receipt_date=receipt,
                outcome="disclosed" if closed_on else "",
                closed_on=closed_on,
                closed_at=at(closed_on, 16) if closed_on else None,
                due_date=result.due,
            )
        )
    Application.objects.bulk_create(apps, batch_size=2000)
    returned = [
        Event(application=a, kind="review_returned", at=at(a.closed_on, 9), on=a.closed_on)
        for a in apps
        if a.closed_on and rng.random() < 0.05
    ]
    Event.objects.bulk_create(returned, batch_size=5000)
    remedies = [
        Remedy(
            application=a,
            kind="review",
            filed_on=a.closed_on + datetime.timedelta(days=20),
            result="corrected" if rng.random() < 0.3 else "upheld",
            decided_on=a.closed_on + datetime.timedelta(days=80),
        )
        for a in apps
        if a.closed_on and rng.random() < 0.004
    ]
    Remedy.objects.bulk_create(remedies)
    return len(apps)


def load_cases(departments, rng):
    from gongkai.interaction import clock
    from gongkai.interaction.models import Case, Channel, RatingRecord, Status

    cases = []
    for i in range(N_CASES):
        channel = Channel.SITE_ERROR if i % 10 == 0 else (Channel.HOTLINE if i % 3 == 0 else Channel.MESSAGE)
        received = at(day_in_year(rng), rng.randint(8, 20))
        deadlines = clock.deadlines_for(channel, None, received)
        answered = received.month < 12 or rng.random() < 0.7  # unanswered ones are recent
        replied = None
        if answered:
            late = rng.random() < 0.05
            replied = received + datetime.timedelta(
                hours=rng.randint(100, 300) if late else rng.randint(4, 90)
            )
        rating = rng.choice([5, 5, 5, 4, 4, 3, 2, 1]) if replied and rng.random() < 0.3 else None
        cases.append(
            Case(
                channel=channel,
                code=f"B{i:08d}",
                status=Status.CLOSED if replied else Status.ASSIGNED,
                title="关于小区周边道路积水的反映",
                content="雨天小区门口积水严重，希望尽快疏通排水管网。",
                dedupe_key=f"bench{i}",
                department=departments[i % len(departments)],
                received_at=received,
                first_action_due=deadlines.first_action_due,
                first_action_at=received + datetime.timedelta(hours=rng.randint(1, 30)),
                reply_due=deadlines.reply_due,
                first_replied_at=replied,
                reply_submitted_at=replied - datetime.timedelta(hours=1) if replied else None,
                published_at=replied,
                rating=rating,
                rated_at=replied + datetime.timedelta(days=1) if rating else None,
                closed_at=replied + datetime.timedelta(days=2) if replied else None,
            )
        )
    Case.objects.bulk_create(cases, batch_size=2000)
    ratings = [
        RatingRecord(case=c, rating=c.rating, old_status="published", new_status="closed", at=c.rated_at)
        for c in cases
        if c.rating
    ]
    RatingRecord.objects.bulk_create(ratings, batch_size=5000)
    return len(cases)


def load_items(departments, rng):
    """Government-information items as Wagtail pages under the departments' real catalog columns: the base Page rows
    with their tree paths by bulk_create, the GovInfoPage rows by the same multi-row INSERT Django uses."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from gongkai.portal.demo import ensure_home
    from wagtail.models import Page, Revision

    from gongkai.disclosure import setup
    from gongkai.disclosure.models import ColumnPage, GovInfoPage, PrecheckResult, Topic

    home = ensure_home()
    root = setup.ensure_root(home)
    topic = Topic.objects.filter(parent__isnull=False).first()
    ct = ContentType.objects.get_for_model(GovInfoPage)
    columns = []
    for department in departments:
        catalog = setup.ensure_department_catalog(root, department)
        for slugs in (("fdzdgknr", "tzgg"), ("fdzdgknr", "gzdt"), ("fdzdgknr", "zcwj")):
            columns.append((department, setup.column(catalog, *slugs)))
    per_column = N_ITEMS // len(columns) + 1
    made = 0
    locale_id = home.locale_id
    for department, column in columns:
        pages, infos = [], []
        for n in range(per_column):
            if made >= N_ITEMS:
                break
            made += 1
            written = day_in_year(rng)
            published = written + datetime.timedelta(
                days=rng.randint(0, 40) if rng.random() < 0.08 else rng.randint(0, 20)
            )
            slug = f"t{made:06d}"
            page = Page(
                title=f"{department.name}关于第 {made} 项工作的通知",
                draft_title=f"{department.name}关于第 {made} 项工作的通知",
                slug=slug,
                content_type=ct,
                path=column.path + _step(n + 1),
                depth=column.depth + 1,
                numchild=0,
                url_path=f"{column.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=at(published),
                last_published_at=at(published),
                locale_id=locale_id,
                translation_key=uuid.uuid4(),
            )
            pages.append(page)
            infos.append((written, published))
        Page.objects.bulk_create(pages, batch_size=1000)
        ColumnPage.objects.filter(pk=column.pk).update(numchild=len(pages))
        rows = []
        for page, (written, published) in zip(pages, infos, strict=True):
            info = GovInfoPage(
                page_ptr_id=page.pk,
                department=department,
                topic=topic,
                written_date=written,
                published_date=published,
                index_no=f"{department.code}/{YEAR}-{page.pk:05d}",
                column_kind=column.kind,
                kept_by=department.name,
                source=department.name,
            )
            for field in Page._meta.concrete_fields:
                setattr(info, field.attname, getattr(page, field.attname))
            rows.append(info)
        fields = [f for f in GovInfoPage._meta.local_concrete_fields]
        for i in range(0, len(rows), 500):
            GovInfoPage._base_manager._insert(
                rows[i : i + 500], fields=fields, using=connection.alias, raw=True
            )
    # pre-checks: 1,000 items, 20% of them with a blocking finding let through
    sample = list(GovInfoPage.objects.order_by("pk").values_list("pk", "published_date")[:1000])
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=ct,
                base_content_type_id=ContentType.objects.get_for_model(Page).pk,
                object_id=str(pk),
                content={},
                object_str="",
                created_at=at(published),
            )
            for pk, published in sample
        ]
    )
    PrecheckResult.objects.bulk_create(
        [
            PrecheckResult(
                page_id=pk,
                revision=revision,
                findings=[{"severity": "block", "message": "疑似身份证号"}],
                override_reason="系示例号码，非真实个人信息。" if i % 5 == 0 else "",
                override_at=at(published, 9) if i % 5 == 0 else None,
            )
            for i, ((pk, published), revision) in enumerate(zip(sample, revisions, strict=True))
        ]
    )
    return made


def _step(n):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = alphabet[r] + out
    return out.rjust(4, "0")


def load_newmedia(departments, rng):
    from gongkai.newmedia.models import Account, Post

    accounts = Account.objects.bulk_create(
        [
            Account(
                department=departments[i % len(departments)],
                platform=["wechat", "weibo", "douyin"][i % 3],
                name=f"恩施政务号{i}",
                opened_at=at(datetime.date(YEAR - 1, 6, 1)),
            )
            for i in range(50)
        ]
    )
    posts = []
    for account in accounts:
        day = datetime.date(YEAR, 1, 1)
        n = 0
        while day.year == YEAR:
            n += 1
            posts.append(
                Post(
                    account=account,
                    title=f"{account.name}第{n}期",
                    published_at=at(day),
                    external_id=f"{account.pk}-{n}",
                    source="manual",
                )
            )
            day += datetime.timedelta(
                days=rng.choice([1, 2, 3, 5, 7, 7, 9, 16] if account.pk % 7 == 0 else [1, 2, 3, 4, 5, 6])
            )
    Post.objects.bulk_create(posts, batch_size=5000)
    return len(accounts), len(posts)


def child(engine):
    setup_django(engine)
    from django.db import connection

    from gongkai.assessment.indicators import actions
    from gongkai.assessment.indicators.models import DepartmentResult, Score

    rng = random.Random(20250101)
    t0 = time.perf_counter()
    departments = make_departments()
    n_foi = load_foi(departments, rng)
    n_cases = load_cases(departments, rng)
    n_items = load_items(departments, rng)
    n_accounts, n_posts = load_newmedia(departments, rng)
    load_s = time.perf_counter() - t0
    vendor = connection.vendor
    print(
        f"[{vendor}] data: {len(departments)} departments, {n_foi:,} FOI applications, {n_cases:,} messages/tickets/纠错, "
        f"{n_items:,} items, {n_accounts} accounts / {n_posts:,} posts (bulk-loaded in {load_s:.0f} s)"
    )
    today = datetime.date(2026, 11, 27)

    def timed(period):
        run = actions.create_run(None, period)
        samples, snapshots = [], []
        for _ in range(REPEATS):
            t = time.perf_counter()
            actions.compute_run(None, run, today=today)
            samples.append(time.perf_counter() - t)
            snapshots.append(
                sorted(  # one score per (department, indicator); the 全站 row has no department
                    Score.objects.filter(result__run=run).values_list(
                        "result__department_id", "code", "value", "points"
                    ),
                    key=lambda row: (row[0] or 0, row[1]),
                )
            )
        same = all(s == snapshots[0] for s in snapshots)
        return statistics.median(samples), samples, same, run

    base, base_samples, _, _ = timed("2024Q3")
    median, samples, same, run = timed(f"{YEAR}Q3")
    colours = {
        c: DepartmentResult.objects.filter(run=run, colour=c).count() for c in ("green", "yellow", "red")
    }
    print(
        f"[{vendor}] baseline 2024Q3 (no data):  median {base:6.2f} s  ({', '.join(f'{s:.2f}' for s in base_samples)})"
    )
    print(
        f"[{vendor}] quarterly run {YEAR}Q3:       median {median:6.2f} s  ({', '.join(f'{s:.2f}' for s in samples)})"
        f"  target < 60 s: {'OK' if median < 60 else 'MISSED'}"
    )
    print(
        f"[{vendor}] reruns identical: {'yes' if same else 'NO'}; 绿 {colours['green']} 黄 {colours['yellow']} 红 {colours['red']}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the data (a quick check: 0.02)")
    args = parser.parse_args()
    global N_FOI, N_CASES, N_ITEMS
    N_FOI, N_CASES, N_ITEMS = (int(n * args.scale) for n in (N_FOI, N_CASES, N_ITEMS))
    if args.engine != "both":
        child(args.engine)
        return
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for engine in ("sqlite", "postgres"):
        subprocess.run(
            [sys.executable, __file__, "--engine", engine, "--scale", str(args.scale)], check=False
        )


if __name__ == "__main__":
    main()
