"""Admin screens (Wagtail admin → 考评与年报 → 政府信息公开年报): the list, a new report, the report page with its
tables, the entered table-二 figures and the narrative sections to edit, the Word download and submission to the
review workflow. Every change goes through `actions`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from gongkai.core import roles
from gongkai.org import sites
from gongkai.org.models import Department

from . import actions, compute, progress, render, tasks
from .models import AnnualReport


def can_use(user):
    return user.is_authenticated and (
        user.is_superuser or roles.sees_all_departments(user) or roles.user_department(user) is not None
    )


def _require(user):
    if not can_use(user):
        raise PermissionDenied


def _errors(request, exc):
    for errs in exc.message_dict.values():
        for err in errs:
            messages.error(request, err)


def report_list(request):
    _require(request.user)
    reports = AnnualReport.objects.for_user(request.user).select_related("department", "page")
    office = roles.sees_all_departments(request.user)
    if office:
        departments = list(
            sites.departments_for_user(request.user).filter(active=True).order_by("sort_order")
        )
    else:
        own = roles.user_department(request.user)
        departments = [own] if own else []
    default_year = actions.report_year_default()
    context = {
        "page_title": "政府信息公开工作年度报告",
        "header_title": "政府信息公开工作年度报告",
        "header_icon": "doc-full",
        "reports": reports,
        "office": office,
        "government": actions.may_make(request.user, None),
        "departments": departments,
        "default_year": default_year,
    }
    if office:
        # 报送进度 of one year (by default the year whose reports are due next) for the office's own site
        today = timezone.localdate()
        due_year = today.year - 1 if today.month <= tasks.LAST_MONTH else default_year
        try:
            year = int(request.GET.get("year") or due_year)
        except ValueError:
            year = due_year
        year = min(max(year, 2008), today.year)
        rows = progress.progress(year, sites.site_for_actor(request.user), today)
        context.update(progress_year=year, progress_rows=rows, progress_summary=progress.summary(rows))
    return TemplateResponse(request, "assessment/annual/admin/list.html", context)


def report_create(request):
    _require(request.user)
    if request.method != "POST":
        return redirect("annual_reports")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "请填写年度（如 2025）。")
        return redirect("annual_reports")
    dept_id = request.POST.get("department", "")
    department = None
    if dept_id:
        department = Department.objects.filter(pk=dept_id if dept_id.isdecimal() else None).first()
        if department is None:
            messages.error(request, "所选部门不存在。")
            return redirect("annual_reports")
    try:
        report = actions.create_report(request.user, year, department)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("annual_reports")
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("annual_reports")
    messages.success(request, f"已生成《{report.title}》草稿，请核对数字、补填表二并修改文字部分。")
    return redirect("annual_report", pk=report.pk)


def _get(request, pk):
    _require(request.user)
    return get_object_or_404(
        AnnualReport.objects.for_user(request.user).select_related("department", "page"), pk=pk
    )


def report_detail(request, pk):
    report = _get(request, pk)
    may_edit = actions.may_make(request.user, report.department)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        try:
            if action == "recompute":
                actions.recompute(request.user, report, redraft=request.POST.get("redraft") == "1")
                messages.success(request, "已按平台最新数据重新统计。")
            elif action == "submit":
                actions.submit(request.user, report)
                messages.success(request, "已提交审核：审核通过后在“政府信息公开年报”栏目发布。")
            else:
                inputs = {
                    key: {
                        "value": request.POST.get(f"{key}_value", ""),
                        "source": request.POST.get(f"{key}_source", ""),
                    }
                    for key in compute.INPUT_KEYS
                }
                actions.edit(
                    request.user,
                    report,
                    overview=request.POST.get("overview"),
                    problems=request.POST.get("problems"),
                    other_matters=request.POST.get("other_matters"),
                    inputs=inputs,
                )
                messages.success(request, "已保存。")
        except ValidationError as exc:
            _errors(request, exc)
            report.refresh_from_db()
            return TemplateResponse(request, *_detail(report, may_edit, request.POST), status=400)
        return redirect("annual_report", pk=report.pk)
    return TemplateResponse(request, *_detail(report, may_edit))


def _detail(report, may_edit, posted=None):
    inputs = []
    for key, label, item, unit in compute.INPUTS:
        entry = report.inputs.get(key) or {}
        value = entry.get("value")
        inputs.append(
            {
                "key": key,
                "label": label,
                "item": item,
                "unit": unit,
                "value": posted.get(f"{key}_value") if posted else ("" if value is None else value),
                "source": posted.get(f"{key}_source") if posted else entry.get("source", ""),
            }
        )
    ctx = render.context(report)
    ctx.update(
        {
            "page_title": report.title,
            "header_title": report.title,
            "header_icon": "doc-full",
            "may_edit": may_edit,
            "inputs": inputs,
            "texts": {
                "overview": posted.get("overview") if posted else report.overview,
                "problems": posted.get("problems") if posted else report.problems,
                "other_matters": posted.get("other_matters") if posted else report.other_matters,
            },
            "due": actions.due_date(report, report.year),
            "missing": actions.missing_inputs(report),
        }
    )
    return "assessment/annual/admin/detail.html", ctx


def report_docx(request, pk):
    report = _get(request, pk)
    response = HttpResponse(
        render.build_docx(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{report.title}.docx")
    return response


def report_url(report):
    return reverse("annual_report", args=[report.pk])
