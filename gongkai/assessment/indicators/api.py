"""Endpoints of this part, on the assessment router: the quarterly results for staff (session login).

GET /api/v1/assessment/runs — the runs of the user's own site they may see (departments: published ones only);
GET /api/v1/assessment/runs/{period} — its results (departments: their own row only; coverage = the share of the
indicators' weight with data, needs_check = 待核实)."""

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from gongkai.core import roles

from . import reports
from .models import DepartmentResult

router = Router()  # attached to the assessment router in assessment/api.py


class RunOut(Schema):
    period: str
    start: str
    end: str
    status: str
    status_label: str
    cutoff: str | None


class ScoreOut(Schema):
    code: str
    name: str
    weight: float
    value: float | None
    points: float | None
    state: str
    vetoed: bool
    detail: str


class ResultOut(Schema):
    department: str
    rank: int | None
    total: float | None
    coverage: float | None
    needs_check: bool
    colour: str
    vetoed: bool
    veto_reasons: list[str]
    scores: list[ScoreOut]


def _staff(request):
    user = request.user
    if not (roles.sees_all_departments(user) or roles.user_department(user) is not None):
        raise HttpError(403, "仅限工作人员。")
    return user


def _runs(user):
    return reports.runs_for(user)


def _num(value):
    return None if value is None else float(value)


@router.get("/runs", response=list[RunOut], auth=django_auth, summary="季度考评列表")
def run_list(request):
    user = _staff(request)
    return [
        {
            "period": r.period,
            "start": r.start.isoformat(),
            "end": r.end.isoformat(),
            "status": r.status,
            "status_label": r.get_status_display(),
            "cutoff": r.cutoff.isoformat() if r.cutoff else None,
        }
        for r in _runs(user)
    ]


@router.get("/runs/{period}", response=list[ResultOut], auth=django_auth, summary="季度考评结果（红黄绿）")
def run_results(request, period: str):
    user = _staff(request)
    run = _runs(user).filter(period=period).first()
    if run is None:
        raise HttpError(404, "没有这个考评期，或尚未发布。")
    results = (
        DepartmentResult.objects.visible_to(user)
        .filter(run=run)
        .select_related("department")
        .prefetch_related("scores")
        .order_by("rank", "pk")
    )
    return [
        {
            "department": r.name,
            "rank": r.rank,
            "total": _num(r.total),
            "coverage": _num(r.coverage),
            "needs_check": r.needs_check,
            "colour": r.colour,
            "vetoed": r.vetoed,
            "veto_reasons": r.veto_reasons,
            "scores": [
                {
                    "code": s.code,
                    "name": s.name,
                    "weight": float(s.weight),
                    "value": _num(s.value),
                    "points": _num(s.points),
                    "state": s.state,
                    "vetoed": s.vetoed,
                    "detail": s.detail,
                }
                for s in r.scores.all()
            ],
        }
        for r in results
    ]
