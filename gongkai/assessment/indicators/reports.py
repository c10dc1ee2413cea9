"""Read models of the assessment: the annual roll-up, per-department trends, and the rows the dashboards and the
exports share. A handful of queries whatever the number of departments."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from gongkai.org.models import Department

from . import scoring
from .models import Colour, DepartmentResult, Run, Score, Thresholds


def runs_for(user):
    """The runs `user` may see: those of their own site (集约化: a town's office never sees the city's runs, nor the
    city's office the town's); departments only the published ones. Platform-wide accounts see the default site's."""
    from gongkai.core import roles

    from .actions import site_of

    runs = Run.objects.of_site(site_of(user))
    return runs if roles.sees_all_departments(user) else runs.filter(status=Run.Status.PUBLISHED)


def annual(year, departments=None, runs=None):
    """The annual score per department: the mean of its totals in the year's published quarters (Enshi: 分季度核查
    … 与年度考评成绩挂钩). A veto in any quarter makes the year 红; colours by the lines of the latest quarter.
    `runs`: the runs to read (a site's, `runs_for`); default all."""
    runs = list((Run.objects.all() if runs is None else runs).filter(year=year, status=Run.Status.PUBLISHED))
    runs.sort(key=lambda r: r.quarter)
    if not runs:
        return []
    latest = runs[-1].config
    thresholds = Thresholds.current()
    green = Decimal(latest.get("green_min", thresholds.green_min))
    yellow = Decimal(latest.get("yellow_min", thresholds.yellow_min))
    results = DepartmentResult.objects.filter(run__in=runs, department__isnull=False).select_related(
        "department", "run"
    )
    if departments is not None:
        results = results.filter(department__in=departments)
    per = defaultdict(dict)
    names = {}
    for result in results:
        per[result.department_id][result.run.quarter] = result
        names[result.department_id] = result.department
    rows = []
    for dept_id, quarters in per.items():
        totals = [r.total for r in quarters.values() if r.total is not None]
        total = (sum(totals) / len(totals)).quantize(Decimal("0.1"), ROUND_HALF_UP) if totals else None
        vetoed = any(r.vetoed for r in quarters.values())
        covered = [r.coverage for r in quarters.values() if r.coverage is not None]
        coverage = (sum(covered) / len(covered)).quantize(Decimal("0.1"), ROUND_HALF_UP) if covered else None
        rows.append(
            {
                "department": names[dept_id],
                "by_quarter": [quarters.get(q) for q in (1, 2, 3, 4)],
                "quarters": len(quarters),
                "total": total,
                "vetoed": vetoed,
                "coverage": coverage,
                "colour": scoring.colour_for(total, vetoed, green, yellow, coverage),
            }
        )
    rows.sort(key=lambda r: (r["vetoed"], -(r["total"] or 0), r["department"].sort_order, r["department"].pk))
    return rows


def run_rows(run, results_qs):
    """The department table of one run, in rank order (the site row first)."""
    results = list(results_qs.filter(run=run).select_related("department"))
    results.sort(key=lambda r: (r.department_id is not None, r.rank or 0))
    return results


def trends(runs, departments):
    """{department id: [(run, result | None), …]} over the given runs (oldest first)."""
    runs = sorted(runs, key=lambda r: (r.year, r.quarter))
    found = {
        (r.run_id, r.department_id): r
        for r in DepartmentResult.objects.filter(run__in=runs, department__in=departments).only(
            "run_id", "department_id", "total", "colour", "vetoed"
        )
    }
    return {d.pk: [(run, found.get((run.pk, d.pk))) for run in runs] for d in departments}


def colour_counts(results):
    counts = {Colour.GREEN: 0, Colour.YELLOW: 0, Colour.RED: 0}
    for r in results:
        if r.department_id and r.colour in counts:
            counts[r.colour] += 1
    return counts


def score_table(run, results):
    """{result id: {code: Score}} and the indicator columns of the run (from its snapshot)."""
    columns = [s for s in run.config.get("indicators", []) if not s.get("site_wide")]
    scores = defaultdict(dict)
    for s in Score.objects.filter(result__in=results).only(
        "result_id", "code", "points", "state", "vetoed", "value", "weight"
    ):
        scores[s.result_id][s.code] = s
    return columns, scores


def departments_for(user):
    from gongkai.core import roles
    from gongkai.org import sites

    if roles.sees_all_departments(user):
        return list(sites.departments_for_user(user).filter(active=True).exclude(kind=Department.Kind.OFFICE))
    department = roles.user_department(user)
    return [department] if department else []
