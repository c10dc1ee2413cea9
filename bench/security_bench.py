"""Benchmark: what encryption at rest and the sign-in checks cost.

Run: .venv/bin/python bench/security_bench.py
Prints medians of 5 repetitions: encrypting and decrypting one phone number (baseline: the HMAC of the lookup
column, measured in the same run), and building 1,000 Application objects from rows with their five encrypted
fields (baseline: the same objects with those five fields deferred). Uses a scratch SQLite database under a temporary
GONGKAI_VAR_DIR, so it touches nothing of yours.
"""

import os
import statistics
import sys
import tempfile
import time

os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.core import crypto  # noqa: E402

N = 10_000
ROWS = 1_000
REPEATS = 5


def median_us(fn, n):
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(samples)


def median_ms(fn):
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples)


def main():
    call_command("migrate", verbosity=0)
    from gongkai.foi.models import Application

    token = crypto.encrypt("13907181234")
    print(
        f"security benchmark, median of {REPEATS} (Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.2f})"
    )
    print(
        f"  baseline HMAC lookup key         {median_us(lambda: crypto.blind_index('x', '13907181234'), N):7.1f} µs"
    )
    print(f"  encrypt one phone number         {median_us(lambda: crypto.encrypt('13907181234'), N):7.1f} µs")
    print(f"  decrypt one phone number         {median_us(lambda: crypto.decrypt(token), N):7.1f} µs")
    now = timezone.now()
    Application.objects.bulk_create(
        [
            Application(
                tracking_code=f"B{i:07d}",
                secret_hash="x",
                channel="online",
                applicant_type="natural_person",
                category="natural_person",
                name="向春梅",
                id_type="resident_id",
                id_number="422801196503120041",
                identity_key=f"{i}",
                phone="13907181234",
                email="x@example.com",
                address="湖北省恩施市舞阳大道",
                description="请公开。",
                text_key="k",
                delivery_form="email",
                delivery_way="online",
                submitted_at=now,
            )
            for i in range(ROWS)
        ]
    )
    plain = median_ms(
        lambda: list(Application.objects.values_list("id", "tracking_code", "status", "submitted_at"))
    )
    full = median_ms(lambda: list(Application.objects.all()))
    print(f"  baseline {ROWS} objects, personal data deferred {plain:7.1f} ms")
    print(f"  {ROWS} objects with 5 encrypted fields      {full:7.1f} ms")


if __name__ == "__main__":
    main()
