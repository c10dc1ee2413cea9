"""GET /api/v1/assessment/health/latest: the last completed site health run, for the disclosure office
(session login; 401/403 otherwise). The findings carry no personal data (message query codes, not names).

The monitor crawls the default site (actions.base_url), so its runs are that site's: another site's office
(集约化: a town's) is answered that its site has no run, not shown the city's findings."""

import datetime

from ninja import Router, Schema, Status

from gongkai.core import roles

from . import actions
from .models import Finding, HealthRun

router = Router()  # attached to the assessment router in assessment/api.py


class FindingOut(Schema):
    severity: str
    subject: str
    detail: str
    url: str
    department: str | None


class CheckOut(Schema):
    check: str
    name: str
    status: str
    figure: int | None
    detail: str
    findings: list[FindingOut]


class RunOut(Schema):
    id: int
    started_at: datetime.datetime
    overall: str
    pages_crawled: int
    links_checked: int
    crawl_note: str
    checks: list[CheckOut]


class ErrorOut(Schema):
    errors: dict[str, str]


@router.get(
    "/health/latest",
    response={200: RunOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="最近一次网站健康检查（政务公开办）",
)
def latest(request, limit: int = 100):
    """Each check's verdict (ok / warning / veto), its figure and up to `limit` findings (worst first)."""
    user = request.user
    if not user.is_authenticated:
        return Status(401, {"errors": {"__all__": "请先登录。"}})
    if not (user.is_superuser or roles.is_office(user)):
        return Status(403, {"errors": {"__all__": "仅政务公开办可查看网站健康检查结果。"}})
    own_site = actions.may_read_runs(user)
    run = HealthRun.objects.filter(status=HealthRun.Status.DONE).first() if own_site else None
    if run is None:
        return Status(404, {"errors": {"__all__": "本站还没有完成的网站健康检查。"}})
    limit = max(0, min(limit, 1000))
    findings = {}
    for f in Finding.objects.filter(run=run).select_related("department").order_by("pk"):
        findings.setdefault(f.check_code, []).append(f)
    checks = []
    for result in run.checks.all():
        rows = sorted(findings.get(result.check_code, []), key=lambda f: f.severity != "veto")[:limit]
        checks.append(
            {
                "check": result.check_code,
                "name": result.get_check_code_display(),
                "status": result.status,
                "figure": result.figure,
                "detail": result.detail,
                "findings": [
                    {
                        "severity": f.severity,
                        "subject": f.subject,
                        "detail": f.detail,
                        "url": f.url,
                        "department": f.department.name if f.department_id else None,
                    }
                    for f in rows
                ],
            }
        )
    return {
        "id": run.pk,
        "started_at": run.started_at,
        "overall": run.overall,
        "pages_crawled": run.pages_crawled,
        "links_checked": run.links_checked,
        "crawl_note": run.crawl_note,
        "checks": checks,
    }
