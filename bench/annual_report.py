"""Benchmark: computing the annual report's figures for a year on the loaded data (run after `gongkai demo`).

Run: .venv/bin/python bench/annual_report.py [YEAR]     (default 2025)
Prints medians of 5 runs: the baseline `foi.stats.table3` alone (the FOI workbench's own count, measured in the same
run), the whole government report's figures (tables 二, 三, 四, fees, last year's table 三 for the trend), one
department's, and the Word file. Also the number of cases and items the year covers.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from gongkai.assessment.annual import actions, compute, render  # noqa: E402
from gongkai.assessment.annual.models import AnnualReport  # noqa: E402
from gongkai.disclosure.models import GovInfoPage  # noqa: E402
from gongkai.foi import stats  # noqa: E402
from gongkai.foi.models import Application  # noqa: E402
from gongkai.org.models import Department  # noqa: E402

REPEATS = 5


def median_ms(fn):
    samples = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main():
    year = int(sys.argv[1]) if len(sys.argv) > 1 else 2025
    cases = Application.objects.filter(receipt_date__year=year).count()
    items = GovInfoPage.objects.filter(live=True, published_date__year=year).count()
    dept = Department.objects.filter(short_name="市教育局").first()
    print(
        f"annual report {year}: {cases} FOI cases received, {items} items published; median of {REPEATS} runs"
    )
    print(f"  baseline foi.stats.table3 (government)   {median_ms(lambda: stats.table3(year)):8.1f} ms")
    print(f"  compute() government report              {median_ms(lambda: compute.compute(year)):8.1f} ms")
    if dept:
        print(
            f"  compute() 市教育局                        {median_ms(lambda: compute.compute(year, dept)):8.1f} ms"
        )
    report = AnnualReport.objects.filter(year=year, department=None).first() or AnnualReport(
        year=year, title=actions.report_title(year, None), data=compute.compute(year), inputs={}
    )
    print(
        f"  build_docx() government report           {median_ms(lambda: render.build_docx(report)):8.1f} ms"
    )
    print(f"  body_html() government report            {median_ms(lambda: render.body_html(report)):8.1f} ms")


if __name__ == "__main__":
    main()
