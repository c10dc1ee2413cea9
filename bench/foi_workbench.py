"""Benchmark: the FOI workbench list over 100,000 cases on PostgreSQL (issue 5: < 300 ms, constant query count).

Run: .venv/bin/python bench/foi_workbench.py
     (uses postgres://postgres@127.0.0.1:5432/bench_foi; set BENCH_DATABASE_URL to change; the database is dropped
     and re-created on every run)

Cases are bulk-loaded with a consistent event log (submitted, received, assigned, and for closed cases replied,
reviewed, delivered, closed); each cached due date is computed by `clock.compute` from those events, the same
function the actions use. The real view (`/admin/foi/`) is timed through Django's test client as the office user:
median of 15 requests per tab. Baseline in the same run: the same tabs with 1,000 cases, which also shows that the
number of queries does not grow with the list.
"""

import datetime
import os
import random
import statistics
import sys
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_foi")
os.environ["DATABASE_URL"] = URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")


def recreate_database():
    import psycopg

    name = URL.rsplit("/", 1)[1]
    admin_url = URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


recreate_database()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gongkai.core import roles, workdays  # noqa: E402
from gongkai.foi import clock, rules  # noqa: E402
from gongkai.foi.models import Application, Event, Status, identity_key, text_key  # noqa: E402
from gongkai.org.actions import create_staff  # noqa: E402
from gongkai.org.models import Department  # noqa: E402

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TABS = ["open", "due_soon", "overdue", "closed"]
REPEATS = 15


class E:
    def __init__(self, kind, on):
        self.kind, self.on, self.payload = kind, on, {}


def load(n, start_index, departments, rng, today):
    """Bulk-create n cases and their events; 20% open (some overdue), 80% closed."""
    apps, plans = [], []
    outcomes = [o for o in rules.Outcome.values]
    categories = list(rules.Category.values)
    first = today - datetime.timedelta(days=3 * 365)
    for i in range(start_index, start_index + n):
        receipt = first + datetime.timedelta(days=rng.randrange(0, 3 * 365))
        receipt = workdays.get_calendar().next_workday(receipt)
        if receipt > today:
            receipt = today
        submitted = datetime.datetime(receipt.year, receipt.month, receipt.day, 9, tzinfo=SHANGHAI)
        is_open = receipt > today - datetime.timedelta(days=60) or rng.random() < 0.02
        events = [E("received", receipt)]
        closed_on = None
        if not is_open:
            closed_on = workdays.add_due(receipt, rng.randint(3, 20))[0]
            events.append(E("closed", closed_on))
        result = clock.compute(events, today)
        dept = rng.choice(departments)
        category = rng.choice(categories)
        apps.append(
            Application(
                tracking_code=f"YSQB-{i:07d}",
                secret_hash="x" * 64,
                channel="online",
                applicant_type="natural_person" if category == "natural_person" else "organization",
                organization_type="" if category == "natural_person" else category,
                category=category,
                name=f"申请人{i}",
                id_type="other",
                id_number=f"B{i:09d}",
                identity_key=identity_key("other", f"B{i:09d}"),
                phone="13900000000",
                description=f"请公开第 {i} 号文件。",
                text_key=text_key(f"请公开第 {i} 号文件。"),
                delivery_form="email",
                delivery_way="online",
                status=Status.ASSIGNED if is_open else Status.CLOSED,
                department=dept,
                submitted_at=submitted,
                confirmed_at=submitted,
                receipt_date=receipt,
                outcome="" if is_open else rng.choice(outcomes),
                closed_at=datetime.datetime(
                    closed_on.year, closed_on.month, closed_on.day, 16, tzinfo=SHANGHAI
                )
                if closed_on
                else None,
                closed_on=closed_on,
                due_date=result.due,
                due_provisional=result.provisional,
            )
        )
        plans.append((submitted, receipt, dept, closed_on))
    Application.objects.bulk_create(apps, batch_size=5000)
    events = []
    for app, (submitted, receipt, dept, closed_on) in zip(apps, plans, strict=True):
        events += [
            Event(application=app, kind="submitted", at=submitted, on=receipt),
            Event(application=app, kind="received", at=submitted + datetime.timedelta(hours=1), on=receipt),
            Event(
                application=app,
                kind="assigned",
                at=submitted + datetime.timedelta(hours=2),
                on=receipt,
                department=dept,
            ),
        ]
        if closed_on:
            at = datetime.datetime(closed_on.year, closed_on.month, closed_on.day, 16, tzinfo=SHANGHAI)
            events += [
                Event(
                    application=app,
                    kind="department_replied",
                    at=at - datetime.timedelta(hours=5),
                    on=closed_on,
                ),
                Event(
                    application=app, kind="review_approved", at=at - datetime.timedelta(hours=3), on=closed_on
                ),
                Event(application=app, kind="delivered", at=at, on=closed_on),
                Event(application=app, kind="closed", at=at, on=closed_on),
            ]
    Event.objects.bulk_create(events, batch_size=10000)


def measure(client):
    out = {}
    for tab in TABS:
        url = f"/admin/foi/?view={tab}"
        client.get(url)  # warm
        samples = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        out[tab] = (statistics.median(samples), len(queries))
    return out


def main():
    # the test client needs 'testserver' allowed; setup_test_environment() would also instrument every template
    # render, which a real server does not do
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    rng = random.Random(5)
    today = workdays.local_date(django.utils.timezone.now())
    office = Department.objects.create(name="恩施市政务公开办公室", code="1142280170000001XR", kind="office")
    departments = [
        Department.objects.create(name=f"恩施市测试局{i}", code=f"11422801{i:010d}") for i in range(40)
    ]
    user = create_staff(
        None, username="gkb", full_name="田晓梅", password="x", department=office, role_list=[roles.OFFICE]
    )
    client = Client()
    client.force_login(user)

    t0 = time.perf_counter()
    load(1_000, 0, departments, rng, today)
    small = measure(client)
    load(99_000, 1_000, departments, rng, today)
    loaded = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # the steady state autovacuum keeps a production table in
    large = measure(client)
    total = Application.objects.count()
    open_ = Application.objects.exclude(status="closed").count()
    print(
        f"FOI workbench on PostgreSQL ({connection.pg_version // 10000}), median of {REPEATS} requests through the test client"
    )
    print(f"  loaded {total:,} cases ({open_:,} open) and {Event.objects.count():,} events in {loaded:.0f} s")
    print(f"  {'tab':<10} {'1,000 cases (baseline)':>26} {'100,000 cases':>24}")
    for tab in TABS:
        (ms_s, q_s), (ms_l, q_l) = small[tab], large[tab]
        print(f"  {tab:<10} {ms_s:10.1f} ms {q_s:3d} queries {ms_l:12.1f} ms {q_l:3d} queries")
    worst = max(ms for ms, _ in large.values())
    print(
        f"  slowest tab at 100,000 cases: {worst:.1f} ms (target < 300 ms); query counts equal: "
        f"{all(small[t][1] == large[t][1] for t in TABS)}"
    )


if __name__ == "__main__":
    main()
