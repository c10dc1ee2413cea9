"""Benchmark: the freshness monitor, the API list and the public matrix on the demo data set (50 accounts, a year
of posts), against a naive per-account baseline measured in the same run.

    .venv/bin/python bench/newmedia_monitor.py [--runs 15]

Uses its own temporary SQLite database (or DATABASE_URL if set) and prints medians in milliseconds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import StringIO


def median_ms(func, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
    os.environ.setdefault("GONGKAI_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Max
    from django.test import Client
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    override_settings(ALLOWED_HOSTS=["*"], STORAGES=storages).enable()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    call_command("demo", "--only", "org", "--only", "portal", "--only", "newmedia", stdout=StringIO())
    demo_s = time.perf_counter() - start

    from gongkai.newmedia import clock, rules, services
    from gongkai.newmedia.models import Account, AccountStatus, Post

    def naive_monitor():
        """Baseline: what a straightforward loop does (two queries per account)."""
        now = clock.now()
        out = []
        for account in Account.objects.exclude(status=AccountStatus.CLOSED):
            last = account.posts.aggregate(m=Max("published_at"))["m"] or account.opened_at
            weekly = account.posts.filter(
                published_at__gte=now - __import__("datetime").timedelta(days=7)
            ).count()
            out.append((account.department.name, rules.freshness(last, now), weekly))
        return out

    def naive_latest():
        return {a.pk: list(a.posts.order_by("-published_at")[:3]) for a in Account.objects.all()}

    from gongkai.newmedia.views import latest_posts

    client = Client()
    client.get("/xmt/")
    n_accounts, n_posts = Account.objects.count(), Post.objects.count()
    results = [
        ("monitor (ours: one annotated query)", median_ms(lambda: services.monitor(), args.runs)),
        ("monitor baseline (per-account queries)", median_ms(naive_monitor, args.runs)),
        (
            "latest 3 posts (ours: window function)",
            median_ms(lambda: latest_posts(list(Account.objects.values_list("pk", flat=True))), args.runs),
        ),
        ("latest 3 posts baseline (per-account)", median_ms(naive_latest, args.runs)),
        (
            "GET /api/v1/newmedia/accounts",
            median_ms(lambda: client.get("/api/v1/newmedia/accounts"), args.runs),
        ),
        ("GET /xmt/ (public matrix)", median_ms(lambda: client.get("/xmt/"), args.runs)),
    ]
    print(f"data: {n_accounts} accounts, {n_posts} posts; demo load {demo_s:.1f} s; runs={args.runs}")
    for name, ms in results:
        print(f"  {name:<42} median {ms:8.2f} ms")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main())
