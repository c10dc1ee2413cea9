"""Admin screens of 常态化考评 (registered in hooks.py): the runs and their department table with 红黄绿, trends,
the drill-down to each department's indicators and the cases behind them, manual scores, exports, the indicator
system. The office sees and does everything; a department sees its own results of published runs."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.core import roles

from .. import registry
from . import actions, charts, exports, reports
from .models import DepartmentResult, Indicator, Run, Score, Thresholds


def _can_view(user):
    return roles.sees_all_departments(user) or roles.user_department(user) is not None


def _office(user):
    return getattr(user, "is_superuser", False) or roles.is_office(user)


def _render(request, template, title, context):
    context = {
        "page_title": title,
        "header_title": title,
        "header_icon": "pick",
        "office": _office(request.user),
        **context,
    }
    return TemplateResponse(request, f"assessment/indicators/{template}", context)


def _errors(exc):
    if hasattr(exc, "message_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def _visible_runs(user):
    return reports.runs_for(user)


def _visible_results(user):
    """The results `user` may see, in the runs of their own site."""
    return DepartmentResult.objects.visible_to(user).filter(run__in=_visible_runs(user))


class RunForm(forms.Form):
    period = forms.CharField(label="考评期", max_length=10, help_text="如 2026Q4（年份 + Q + 季度）")


def index(request):
    if not _can_view(request.user):
        raise PermissionDenied
    runs = list(_visible_runs(request.user))
    results = _visible_results(request.user).filter(run__in=runs, department__isnull=False)
    counts = {}
    for run_id, colour in results.values_list("run_id", "colour"):
        counts.setdefault(run_id, {}).setdefault(colour, 0)
        counts[run_id][colour] += 1
    chronological = sorted(runs, key=lambda r: (r.year, r.quarter))
    series = [(r.period, counts.get(r.pk, {})) for r in chronological if r.status != Run.Status.DRAFT]
    years = sorted({r.year for r in runs if r.published}, reverse=True)
    own = None
    if not roles.sees_all_departments(request.user):
        department = roles.user_department(request.user)
        trend = reports.trends([r for r in chronological if r.published], [department]).get(department.pk, [])
        thresholds = Thresholds.current()
        own = {
            "chart": charts.trend_line(
                [(run.period, res.total if res else None, res.colour if res else "") for run, res in trend],
                thresholds.green_min,
                thresholds.yellow_min,
                title=f"{department.name}各季度得分",
            ),
            "rows": [(run, res) for run, res in reversed(trend)],
        }
    return _render(
        request,
        "index.html",
        "常态化考评",
        {
            "runs": [(r, counts.get(r.pk, {})) for r in runs],
            "chart": charts.colour_stack(series),
            "years": years,
            "form": RunForm(),
            "own": own,
        },
    )


@require_POST
def run_create(request):
    if not _office(request.user):
        raise PermissionDenied
    form = RunForm(request.POST)
    if form.is_valid():
        try:
            run = actions.create_run(request.user, form.cleaned_data["period"])
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, f"已建立{run}考评，请计算。")
            return redirect("assessment_run", run.period)
    else:
        messages.error(request, "请填写考评期，如 2026Q4。")
    return redirect("assessment_index")


def run_detail(request, period):
    if not _can_view(request.user):
        raise PermissionDenied
    run = get_object_or_404(_visible_runs(request.user), period=period)
    if not roles.sees_all_departments(request.user):
        result = _visible_results(request.user).filter(run=run).first()
        if result is None:
            raise Http404
        return redirect("assessment_result", run.period, result.pk)
    results = reports.run_rows(run, _visible_results(request.user))
    columns, scores = reports.score_table(run, results)
    previous = list(
        _visible_runs(request.user)
        .exclude(status=Run.Status.DRAFT)
        .filter(year__lte=run.year)
        .order_by("-year", "-quarter")[:8]
    )
    previous = [r for r in previous if (r.year, r.quarter) <= (run.year, run.quarter)]
    departments = [r.department for r in results if r.department_id]
    trend = reports.trends(previous, departments)
    green, yellow = run.config.get("green_min", "90"), run.config.get("yellow_min", "75")
    rows = []
    for r in results:
        by_code = scores.get(r.pk, {})
        spark = ""
        if r.department_id:
            spark = charts.trend_line(
                [
                    (x.period, res.total if res else None, res.colour if res else "")
                    for x, res in trend[r.department_id]
                ],
                green,
                yellow,
                title=f"{r.department.name}近 {len(previous)} 个季度得分",
                small=True,
            )
        rows.append({"result": r, "cells": [by_code.get(c["code"]) for c in columns], "spark": spark})
    return _render(
        request,
        "run.html",
        f"{run}考评",
        {
            "run": run,
            "rows": rows,
            "columns": columns,
            "counts": reports.colour_counts(results),
            "chart": charts.ranking_bars(results, Decimal(green), Decimal(yellow), title=f"{run}各部门得分")
            if results
            else "",
            "green": green,
            "yellow": yellow,
            "unconnected": [
                c for c in run.config.get("indicators", []) if c["kind"] == "measured" and not c["connected"]
            ],
        },
    )


@require_POST
def run_action(request, period, action):
    if not _office(request.user):
        raise PermissionDenied
    run = get_object_or_404(_visible_runs(request.user), period=period)
    try:
        if action == "compute":
            actions.compute_run(request.user, run)
            messages.success(request, "已按现有数据计算。")
        elif action == "publish":
            actions.publish_run(request.user, run)
            messages.success(request, "已发布，结果冻结；各部门可查看本部门结果。")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("assessment_run", run.period)


class ManualScoreForm(forms.Form):
    points = forms.DecimalField(label="得分", min_value=0, max_digits=5, decimal_places=2)
    note = forms.CharField(label="评分依据（核查情况、材料）", widget=forms.Textarea(attrs={"rows": 2}))
    vetoed = forms.BooleanField(label="认定单项否决", required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label="考评意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)


def result_detail(request, period, pk):
    if not _can_view(request.user):
        raise PermissionDenied
    result = get_object_or_404(
        _visible_results(request.user).select_related("run", "department"),
        pk=pk,
        run__period=period,
    )
    run = result.run
    scores = list(
        Score.objects.filter(result=result).select_related("scored_by").order_by("sort_order", "pk")
    )
    specs = {s["code"]: s for s in run.config.get("indicators", [])}
    office = _office(request.user)
    items = []
    for s in scores:
        spec = specs.get(s.code, {})
        form = None
        if office and s.manual and not run.published:
            form = ManualScoreForm(
                prefix=f"s{s.pk}", initial={"points": s.points, "note": s.note, "vetoed": s.vetoed}
            )
            if not spec.get("veto_on_measure"):
                del form.fields["vetoed"]
            form.fields["points"].max_value = s.weight
            form.fields["points"].help_text = f"0 至 {s.weight.normalize():f} 分"
        items.append({"score": s, "spec": spec, "form": form})
    chart = ""
    if result.department_id:
        runs = list(_visible_runs(request.user).exclude(status=Run.Status.DRAFT))
        trend = reports.trends(runs, [result.department])[result.department_id]
        chart = charts.trend_line(
            [(x.period, res.total if res else None, res.colour if res else "") for x, res in trend],
            run.config.get("green_min", "90"),
            run.config.get("yellow_min", "75"),
            title=f"{result.department.name}各季度得分",
        )
    return _render(
        request,
        "result.html",
        f"{run}·{result.name}",
        {
            "run": run,
            "result": result,
            "items": items,
            "chart": chart,
            "note_form": NoteForm(initial={"note": result.note}) if office and not run.published else None,
        },
    )


@require_POST
def manual_score(request, pk):
    if not _office(request.user):
        raise PermissionDenied
    score = get_object_or_404(
        Score.objects.select_related("result__run").filter(result__in=_visible_results(request.user)), pk=pk
    )
    form = ManualScoreForm(request.POST, prefix=f"s{score.pk}")
    if form.is_valid():
        try:
            actions.set_manual_score(
                request.user,
                score,
                form.cleaned_data["points"],
                form.cleaned_data["note"],
                form.cleaned_data.get("vetoed"),
            )
            messages.success(request, f"已录入“{score.name}”的评分。")
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{e[0]}" for f, e in form.errors.items()))
    return redirect(
        reverse("assessment_result", args=[score.result.run.period, score.result_id]) + f"#score-{score.pk}"
    )


@require_POST
def result_note(request, pk):
    if not _office(request.user):
        raise PermissionDenied
    result = get_object_or_404(_visible_results(request.user).select_related("run"), pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.set_result_note(request.user, result, form.cleaned_data["note"])
            messages.success(request, "已保存考评意见。")
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    return redirect("assessment_result", result.run.period, result.pk)


def export(request, period, fmt):
    if not _can_view(request.user):
        raise PermissionDenied
    run = get_object_or_404(_visible_runs(request.user), period=period)
    results = reports.run_rows(run, _visible_results(request.user))
    if not results:
        raise Http404
    if fmt == "xlsx":
        body = exports.xlsx(run, results)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        body = exports.pdf(run, results)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kaoping-{run.period}.{fmt}"'
    return response


def annual(request, year):
    if not _can_view(request.user):
        raise PermissionDenied
    departments = reports.departments_for(request.user)
    rows = reports.annual(year, departments, runs=_visible_runs(request.user))
    runs = list(
        _visible_runs(request.user).filter(year=year, status=Run.Status.PUBLISHED).order_by("quarter")
    )
    return _render(
        request,
        "annual.html",
        f"{year} 年度考评",
        {"year": year, "rows": rows, "runs": runs, "quarters": [1, 2, 3, 4], "counts": _annual_counts(rows)},
    )


def _annual_counts(rows):
    counts = {"green": 0, "yellow": 0, "red": 0}
    for row in rows:
        if row["colour"] in counts:
            counts[row["colour"]] += 1
    return counts


# --- the indicator system -----------------------------------------------------------------------------------------
class IndicatorForm(forms.ModelForm):
    measure_code = forms.ChoiceField(label="计算项", required=False)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "kind",
            "measure_code",
            "method",
            "weight",
            "full_at",
            "zero_at",
            "when_empty",
            "veto_on_measure",
            "veto_at",
            "sort_order",
            "active",
        ]
        widgets = {"method": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        available = registry.measures()
        choices = [("", "（人工评分不选）")] + [
            (code, f"{m.name}（{code}，{m.unit}{'，全站' if m.site_wide else ''}）")
            for code, m in sorted(available.items())
        ]
        current = self.instance.measure_code if self.instance.pk else ""
        if current and current not in available:
            choices.append((current, f"{current}（未接入）"))
        self.fields["measure_code"].choices = choices


def indicators(request):
    if not _can_view(request.user):
        raise PermissionDenied
    available = registry.measures()
    rows = [
        {
            "indicator": i,
            "measure": available.get(i.measure_code),
            "unconnected": i.kind == Indicator.Kind.MEASURED and i.measure_code not in available,
        }
        for i in Indicator.objects.all()
    ]
    weight = sum((i.weight for i in Indicator.objects.filter(active=True)), Decimal(0))
    thresholds = Thresholds.current()
    return _render(
        request,
        "indicators.html",
        "考评指标体系",
        {
            "rows": rows,
            "weight": weight,
            "thresholds": thresholds,
            "threshold_form": ThresholdForm(
                initial={"green_min": thresholds.green_min, "yellow_min": thresholds.yellow_min}
            ),
            "measures": sorted(available.values(), key=lambda m: m.code),
        },
    )


def indicator_edit(request, pk=None):
    if not _office(request.user):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_indicator(
                request.user, form.cleaned_data, Indicator.objects.get(pk=pk) if pk else None
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, f"已保存指标“{saved.name}”；已计算的季度保留原指标，重新计算后生效。")
            return redirect("assessment_indicators")
    title = f"修改指标：{indicator.name}" if indicator else "新增指标"
    return _render(request, "indicator_form.html", title, {"form": form, "indicator": indicator})


class ThresholdForm(forms.Form):
    green_min = forms.DecimalField(label="绿色线（分）", max_digits=5, decimal_places=1)
    yellow_min = forms.DecimalField(label="黄色线（分）", max_digits=5, decimal_places=1)


@require_POST
def thresholds_edit(request):
    if not _office(request.user):
        raise PermissionDenied
    form = ThresholdForm(request.POST)
    if form.is_valid():
        try:
            actions.set_thresholds(
                request.user, form.cleaned_data["green_min"], form.cleaned_data["yellow_min"]
            )
            messages.success(request, "已保存标记线；已计算的季度重新计算后生效，已发布的不变。")
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    else:
        messages.error(request, "请填写数字。")
    return redirect("assessment_indicators")
