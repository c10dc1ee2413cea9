"""Endpoints of this part, on the assessment router: the tables of published annual reports (open data, B6).

GET /api/v1/assessment/annual-reports            published reports (year, scope, title, page URL)
GET /api/v1/assessment/annual-reports/{id}       one published report's tables 二, 三, 四 (the `--json` shape)

Only reports whose page in the 年报 column is live: a draft or a report under review is not public.
"""

from django.shortcuts import get_object_or_404
from ninja import Router

from . import actions, compute
from .models import AnnualReport

router = Router()  # attached to the assessment router in assessment/api.py


def _published():
    return AnnualReport.objects.filter(page__live=True).select_related("department", "page")


@router.get("/annual-reports", summary="已发布的政府信息公开工作年度报告")
def list_reports(request):
    return [
        {
            "id": r.pk,
            "year": r.year,
            "scope": actions.scope_name(r.department),
            "title": r.title,
            "format": r.format_label,
            "url": r.page.url,
        }
        for r in _published()
    ]


@router.get("/annual-reports/{report_id}", summary="年度报告表二、表三、表四")
def report_tables(request, report_id: int):
    report = get_object_or_404(_published(), pk=report_id)
    out = compute.as_json(report.data, report.inputs, scope=actions.scope_name(report.department))
    out["format"] = report.format_label
    out["title"] = report.title
    out["url"] = report.page.url
    return out
