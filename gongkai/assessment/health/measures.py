"""Measures of the site health monitor for the indicator system (registry.py).

Every measure reads the stored runs (`HealthRun`, `CheckResult`, `Finding`) whose check started inside the
period — never the live site — so the same stored data always gives the same Measurement:

- value: the figure of the *last* completed run in the period (for a department: its own findings there);
- veto: a single-veto condition was met in *any* run of the period (for a department: one of its findings was
  part of a veto — its message past 3 months, its column among the ≥ 5 idle, its account idle 2 weeks …);
- evidence: the findings of the last run (linked to the page, the case or the account) and the run itself.

None when no run was completed in the period: nothing was measured.
"""

import datetime
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.assessment.registry import Evidence, Measurement, measure

from .models import Check, CheckResult, Finding, HealthRun, Severity

MAX_EVIDENCE = 30


def _bounds(start, end):
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def _run_url(run):
    try:
        return reverse("assessment_health_run", args=[run.pk])
    except NoReverseMatch:
        return ""


def _results(check, start, end):
    low, high = _bounds(start, end)
    return list(
        CheckResult.objects.filter(
            check_code=check,
            run__status=HealthRun.Status.DONE,
            run__started_at__gte=low,
            run__started_at__lt=high,
        )
        .select_related("run")
        .order_by("run__started_at", "run__pk")
    )


def _measure(check, department, start, end, *, count=None, unit_label="个"):
    results = _results(check, start, end)
    if not results:
        return Measurement(None, f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 期间没有完成的网站健康检查")
    runs = [r.run for r in results]
    last = results[-1]
    findings = Finding.objects.filter(run=last.run, check_code=check).select_related("department")
    vetoes = Finding.objects.filter(run__in=runs, check_code=check, severity=Severity.VETO)
    if department is not None:
        findings = findings.filter(department=department)
        vetoes = vetoes.filter(department=department)
        veto_runs = set(vetoes.values_list("run_id", flat=True))
    else:
        veto_runs = {r.run_id for r in results if r.status == Severity.VETO}
    findings = list(findings.order_by("pk"))
    value = count(findings) if count else len(findings)
    when = f"{timezone.localtime(last.run.started_at):%Y-%m-%d}"
    if department is not None:
        detail = f"{when} 检查，{department.short_name or department.name}：{value} {unit_label}"
    else:
        detail = f"{when} 检查：{last.detail}"
    if veto_runs:
        detail += f"；期内 {len(runs)} 次检查中 {len(veto_runs)} 次达到单项否决"
    evidence = [
        Evidence(f"{f.subject}：{f.detail}"[:300], f.url or _run_url(last.run))
        for f in findings[:MAX_EVIDENCE]
    ]
    evidence.append(Evidence(f"网站健康检查记录（{when}）", _run_url(last.run)))
    return Measurement(Decimal(value), detail, tuple(evidence), bool(veto_runs))


@measure("health.home_idle_days", "首页距最近更新天数", "天", site_wide=True)
def home_idle_days(department, start, end):
    """Days between the home page's newest dated item and the last check of the period; veto at 14 (19号)."""
    results = _results(Check.HOME, start, end)
    if not results:
        return Measurement(None, f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d} 期间没有完成的网站健康检查")
    last = results[-1]
    veto_runs = [r for r in results if r.status == Severity.VETO]
    detail = f"{timezone.localtime(last.run.started_at):%Y-%m-%d} 检查：{last.detail}"
    if veto_runs:
        detail += f"；期内 {len(results)} 次检查中 {len(veto_runs)} 次首页超过 14 天未更新"
    evidence = [
        Evidence(
            f"首页更新检查（{timezone.localtime(r.run.started_at):%Y-%m-%d}）：{r.detail}"[:300],
            _run_url(r.run),
        )
        for r in veto_runs
    ]
    evidence.append(Evidence("最近一次检查记录", _run_url(last.run)))
    value = Decimal(last.figure) if last.figure is not None else None
    return Measurement(value, detail, tuple(evidence), bool(veto_runs))


@measure("health.stale_columns", "超过更新周期未更新的栏目数", "个")
def stale_columns(department, start, end):
    return _measure(Check.COLUMNS_IDLE, department, start, end)


@measure("health.empty_columns", "空白栏目数", "个")
def empty_columns(department, start, end):
    return _measure(Check.COLUMNS_EMPTY, department, start, end)


@measure("health.broken_links", "失效链接与附件数", "个")
def broken_links(department, start, end):
    """Distinct broken URLs (a link broken on several pages counts once)."""
    return _measure(Check.LINKS, department, start, end, count=lambda fs: len({f.subject for f in fs}))


@measure("health.unanswered_messages", "临近或超过 3 个月未答复的留言数", "件")
def unanswered_messages(department, start, end):
    return _measure(Check.MESSAGES, department, start, end, unit_label="件")


@measure("health.incomplete_guides", "办事指南缺少关键要素的事项数", "项")
def incomplete_guides(department, start, end):
    return _measure(Check.GUIDES, department, start, end, unit_label="项")


@measure("health.stale_newmedia", "更新不及时或无互动功能的政务新媒体账号数", "个")
def stale_newmedia(department, start, end):
    """Accounts (not findings: an account may be both idle and without interaction)."""
    return _measure(Check.NEWMEDIA, department, start, end, count=lambda fs: len({f.object_id for f in fs}))
