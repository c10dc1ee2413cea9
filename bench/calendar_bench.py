"""Benchmark: add-workdays of 20 and 40 days from a warm in-memory calendar, 100,000 calls each.

Run: .venv/bin/python bench/calendar_bench.py     (target: < 20 µs a call)
Prints the median of 5 repetitions, the per-call cost of a baseline (date + timedelta) measured in the same run, and
the cost with the explanation (skipped days) that the API returns.
"""

import datetime
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from gongkai.core import workdays  # noqa: E402

N = 100_000
REPEATS = 5


def per_call(fn, starts, days):
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for s in starts:
            fn(s, days)
        samples.append((time.perf_counter() - t0) / len(starts) * 1e6)
    return statistics.median(samples)


def main():
    call_command("migrate", verbosity=0)
    cal = workdays.get_calendar()
    rng = random.Random(42)
    base = datetime.date(2019, 1, 1)
    starts = [base + datetime.timedelta(days=rng.randrange(0, 8 * 365)) for _ in range(N)]
    delta = datetime.timedelta(days=28)
    baseline = per_call(lambda s, d: s + delta, starts, 20)
    print(f"calendar benchmark, {N:,} calls each, median of {REPEATS} (Python {sys.version.split()[0]})")
    print(f"  baseline date + timedelta        {baseline:7.3f} µs/call")
    for days in (20, 40):
        hot = per_call(cal.add_due, starts, days)
        module = per_call(workdays.add_due, starts, days)
        print(
            f"  add_due {days:2d} days (snapshot)      {hot:7.3f} µs/call  ({hot / baseline:.1f}× baseline)"
        )
        print(f"  workdays.add_due {days:2d} (module)   {module:7.3f} µs/call")
    explained = per_call(cal.add_workdays, starts[:10_000], 20)
    print(f"  add_workdays 20 with explanation {explained:7.3f} µs/call (what the API returns)")


if __name__ == "__main__":
    main()
