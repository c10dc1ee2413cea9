"""The disclosure office's screens of the site health monitor in the Wagtail admin: the latest run with each
check's verdict (正常/预警/否决) and findings, the history of runs, one run in full, and "立即检查"."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from . import actions
from .models import Check, Finding, HealthRun, Severity

DASHBOARD_FINDINGS = 30  # per check on the dashboard; the run page lists them all
HISTORY = 20
SEVERITY_ORDER = {Severity.VETO: 0, Severity.WARNING: 1, Severity.OK: 2}


def office_only(request):
    if not actions.may_read_runs(request.user):
        raise PermissionDenied


def _sections(run, limit=None):
    """Each check of a run with its findings, worst first."""
    if run is None:
        return []
    results = {r.check_code: r for r in run.checks.all()}
    grouped = defaultdict(list)
    for finding in Finding.objects.filter(run=run).select_related("department").order_by("pk"):
        grouped[finding.check_code].append(finding)
    sections = []
    for code, label in Check.choices:
        result = results.get(code)
        if result is None:
            continue
        findings = sorted(grouped.get(code, []), key=lambda f: (SEVERITY_ORDER[f.severity], -(f.days or 0)))
        sections.append(
            {
                "code": code,
                "label": label,
                "result": result,
                "findings": findings[:limit] if limit else findings,
                "total": len(findings),
            }
        )
    return sections


def dashboard(request):
    office_only(request)
    latest = HealthRun.objects.filter(status=HealthRun.Status.DONE).select_related("requested_by").first()
    history = list(HealthRun.objects.select_related("requested_by")[:HISTORY])
    return TemplateResponse(
        request,
        "assessment/health/dashboard.html",
        {
            "run": latest,
            "sections": _sections(latest, DASHBOARD_FINDINGS),
            "limit": DASHBOARD_FINDINGS,
            "history": history,
            "busy": actions.busy_run(),
        },
    )


def run_detail(request, pk):
    office_only(request)
    run = get_object_or_404(HealthRun.objects.select_related("requested_by"), pk=pk)
    return TemplateResponse(
        request, "assessment/health/run.html", {"run": run, "sections": _sections(run), "limit": None}
    )


def run_now(request):
    office_only(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.request_run(request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已发起网站健康检查，后台正在执行，完成后刷新本页查看结果。")
    return redirect("assessment_health")
