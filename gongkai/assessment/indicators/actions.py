"""Every change of the assessment: indicators, thresholds, runs, manual scores, publication (one audit record each).

Only the disclosure office (政务公开办, 政务公开办负责人) acts here; departments read their published results.
A published run is frozen: nothing below changes it again.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, roles, workdays
from gongkai.core.refusals import NotPermitted
from gongkai.org import sites
from gongkai.org.models import Department

from .. import registry
from . import scoring
from .models import DepartmentResult, Indicator, Run, Score, Thresholds


def _check_office(actor):
    if actor is not None and not (getattr(actor, "is_superuser", False) or roles.is_office(actor)):
        raise NotPermitted("只有政务公开办可以进行考评操作。")


def _check_site(actor, run):
    """An office works on the runs of its own site only (集约化, docs/multisite.md)."""
    if actor is not None and not sites.may_see_site(actor, run.site_id):
        raise NotPermitted("只能对本网站所属部门的考评进行操作。")


def _check_open(run):
    if run.status == Run.Status.PUBLISHED:
        raise ValidationError("该季度考评结果已发布并冻结，不能再修改。")


def _decimal(value, label, *, required=True):
    if value in (None, ""):
        if required:
            raise ValidationError({label: "请填写。"})
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValidationError({label: "请填写数字。"}) from exc


# --- the indicator system -----------------------------------------------------------------------------------------
INDICATOR_FIELDS = [
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


def _indicator_state(indicator):
    return {
        f: str(getattr(indicator, f)) if getattr(indicator, f) is not None else None for f in INDICATOR_FIELDS
    }


@transaction.atomic
def save_indicator(actor, data, indicator=None):
    """Create or change an indicator. Runs already computed keep the indicator as it was (their snapshot)."""
    _check_office(actor)
    creating = indicator is None
    before = None if creating else _indicator_state(indicator)
    indicator = indicator or Indicator()
    for field in INDICATOR_FIELDS:
        if field in data:
            setattr(indicator, field, data[field])
    errors = {}
    if indicator.kind == Indicator.Kind.MEASURED and not indicator.measure_code:
        errors["measure_code"] = "系统计算的指标须选择计算项。"
    if indicator.kind == Indicator.Kind.MANUAL:
        indicator.measure_code = ""
    if (indicator.full_at is None) != (indicator.zero_at is None):
        errors["zero_at"] = "满分线和零分线须同时填写，或同时留空（留空即有数据就得满分）。"
    elif indicator.full_at is not None and indicator.full_at == indicator.zero_at:
        errors["zero_at"] = "零分线不能等于满分线。"
    if errors:
        raise ValidationError(errors)
    indicator.full_clean()
    indicator.save()
    audit.record(
        actor,
        "assessment.indicator_created" if creating else "assessment.indicator_changed",
        indicator,
        before=before,
        after=_indicator_state(indicator),
    )
    return indicator


@transaction.atomic
def set_thresholds(actor, green_min, yellow_min):
    """The 绿/黄 lines for runs computed from now on; published runs keep theirs."""
    _check_office(actor)
    green, yellow = _decimal(green_min, "green_min"), _decimal(yellow_min, "yellow_min")
    if not (Decimal(0) < yellow < green <= Decimal(100)):
        raise ValidationError({"yellow_min": "须满足 0 < 黄色线 < 绿色线 ≤ 100。"})
    thresholds = Thresholds.current()
    before = (
        None
        if thresholds.pk is None
        else {"green": str(thresholds.green_min), "yellow": str(thresholds.yellow_min)}
    )
    thresholds.green_min, thresholds.yellow_min = green, yellow
    thresholds.save()
    audit.record(
        actor,
        "assessment.thresholds_changed",
        thresholds,
        before=before,
        after={"green": str(green), "yellow": str(yellow)},
    )
    return thresholds


# --- runs ---------------------------------------------------------------------------------------------------------
def site_of(actor):
    """The site whose runs `actor` works on: their own; platform-wide accounts and commands the default site's."""
    return sites.site_for_actor(actor)


@transaction.atomic
def create_run(actor, period, note="", today=None):
    """A quarter's run for the actor's site. A quarter that has not started is refused; the current one is allowed
    (computed up to yesterday, published once it has ended)."""
    _check_office(actor)
    year, quarter, start, end = scoring.parse_period(period)
    code = scoring.period_code(year, quarter)
    if today is None:
        today = workdays.local_date(timezone.now())
    if start > today:
        raise ValidationError(
            {
                "period": f"{code} 尚未开始（{start:%Y年%m月%d日}起），不能建立考评；"
                f"当前季度为 {scoring.quarter_of(today)}。"
            }
        )
    site = site_of(actor)
    if Run.objects.of_site(site).filter(period=code).exists():
        raise ValidationError({"period": f"{code} 的考评已存在。"})
    run = Run.objects.create(
        site=site, period=code, year=year, quarter=quarter, start=start, end=end, note=note or ""
    )
    audit.record(
        actor, "assessment.run_created", run, after={"period": code, "site": getattr(site, "pk", None)}
    )
    return run


def departments_assessed(site):
    """Every active department of the run's site except the disclosure office itself (it runs the assessment)."""
    return list(
        sites.departments_of_site(site)
        .filter(active=True)
        .exclude(kind=Department.Kind.OFFICE)
        .order_by("sort_order", "pk")
    )


def _cutoff(run, today):
    """The last day of data: the quarter's end, or yesterday while the quarter is still running."""
    if today is None:
        today = workdays.local_date(timezone.now())
    if today <= run.start:
        raise ValidationError("该季度尚未开始（或今天是第一天），没有可计算的数据。")
    return min(run.end, today - datetime.timedelta(days=1))


@transaction.atomic
def compute_run(actor, run, today=None):
    """Compute every department's indicators for the run from the data, keeping the manual scores already
    entered. The same data gives the same scores (the measures read no clock; `today` only fixes the cut-off of a
    quarter still running)."""
    _check_office(actor)
    run = Run.objects.select_for_update().get(pk=run.pk)
    _check_site(actor, run)
    _check_open(run)
    cutoff = _cutoff(run, today)
    registered = registry.measures()
    thresholds = Thresholds.current()
    indicators = list(Indicator.objects.filter(active=True).order_by("sort_order", "pk"))
    if not indicators:
        raise ValidationError("没有启用的考评指标。")
    specs = [
        scoring.snapshot(i, registered.get(i.measure_code) if not i.is_manual else None) for i in indicators
    ]

    kept = {
        (result_dept, code): row
        for result_dept, code, *row in Score.objects.filter(
            result__run=run, manual=True, scored_at__isnull=False
        ).values_list(
            "result__department_id", "code", "points", "vetoed", "note", "scored_by_id", "scored_at"
        )
    }
    notes = dict(DepartmentResult.objects.filter(run=run).values_list("department_id", "note"))
    DepartmentResult.objects.filter(run=run).delete()

    departments = departments_assessed(run.site)
    # the site-wide measures (门户网站首页) read the health check of the default site's home page: a town's run
    # has no site row
    site_specs = [s for s in specs if s["site_wide"]] if run.site is None or run.site.is_default_site else []
    rows = [(None, site_specs)] if site_specs else []
    dept_specs = [s for s in specs if not s["site_wide"]]
    rows += [(d, dept_specs) for d in departments]

    results, all_scores = [], []
    for department, dept_specs_ in rows:
        result = DepartmentResult(
            run=run, department=department, note=notes.get(department.pk if department else None, "")
        )
        scores = []
        for order, spec in enumerate(dept_specs_):
            score = Score(
                code=spec["code"],
                name=spec["name"],
                indicator_id=spec["id"],
                weight=Decimal(spec["weight"]),
                unit=spec["unit"],
                sort_order=order,
            )
            if spec["kind"] == Indicator.Kind.MANUAL:
                score.manual = True
                previous = kept.get((department.pk if department else None, spec["code"]))
                if previous:
                    score.points, score.vetoed, score.note, score.scored_by_id, score.scored_at = previous
                    score.state = Score.State.SCORED
                    score.detail = "公开办人工评分"
                else:
                    score.state = Score.State.PENDING
                    score.detail = "待公开办评分"
            else:
                measure = registered.get(spec["measure_code"])
                measurement = measure(department, run.start, cutoff) if measure else None
                score.state, score.points, score.vetoed = scoring.score_measurement(spec, measurement)
                if measurement is None:
                    score.detail = f"未接入（计算项 {spec['measure_code']} 尚未提供）"
                else:
                    score.value = measurement.value
                    score.detail = measurement.detail[:500]
                    score.evidence = [{"label": e.label, "url": e.url} for e in measurement.evidence]
                    score.evidence_total = len(measurement.evidence)
            scores.append(score)
        _summarise(result, scores, thresholds.green_min, thresholds.yellow_min)
        results.append(result)
        all_scores.append(scores)

    DepartmentResult.objects.bulk_create(results)
    for result, scores in zip(results, all_scores, strict=True):
        for score in scores:
            score.result = result
    Score.objects.bulk_create([s for scores in all_scores for s in scores], batch_size=500)
    _rank(run)

    run.cutoff = cutoff
    run.status = Run.Status.COMPUTED
    run.computed_at = timezone.now()
    run.config = {
        "indicators": specs,
        "green_min": str(thresholds.green_min),
        "yellow_min": str(thresholds.yellow_min),
    }
    run.save(update_fields=["cutoff", "status", "computed_at", "config"])
    colours = [r.colour for r in results if r.department_id]
    audit.record(
        actor,
        "assessment.run_computed",
        run,
        after={
            "cutoff": cutoff.isoformat(),
            "departments": len(departments),
            "green": colours.count("green"),
            "yellow": colours.count("yellow"),
            "red": colours.count("red"),
        },
    )
    return run


def _summarise(result, scores, green_min, yellow_min):
    result.total, _ = scoring.total_of(scores)
    # a veto the office records by hand gives its written reason (the note), not the row's "公开办人工评分"
    result.veto_reasons = [
        f"{s.name}：{s.note if s.manual and s.note else s.detail}" for s in scores if s.vetoed
    ]
    result.vetoed = bool(result.veto_reasons)
    result.pending = sum(1 for s in scores if s.state == Score.State.PENDING)
    result.coverage = scoring.coverage_of(scores)
    result.colour = scoring.colour_for(result.total, result.vetoed, green_min, yellow_min, result.coverage)


def _rank(run):
    """Rank the departments by total (vetoed ones after the others); the site row is not ranked."""
    results = list(
        DepartmentResult.objects.filter(run=run, department__isnull=False).select_related("department")
    )
    results.sort(
        key=lambda r: (
            r.vetoed,
            -(r.total if r.total is not None else Decimal(-1)),
            r.department.sort_order,
            r.department_id,
        )
    )
    for rank, result in enumerate(results, start=1):
        result.rank = rank
    DepartmentResult.objects.bulk_update(results, ["rank"])


@transaction.atomic
def set_manual_score(actor, score, points, note, vetoed=False):
    """The office scores a manual indicator for one department, with the evidence in the note."""
    _check_office(actor)
    score = Score.objects.select_related("result__run").select_for_update().get(pk=score.pk)
    run = score.result.run
    _check_site(actor, run)
    _check_open(run)
    if not score.manual:
        raise ValidationError("系统计算的指标不能人工改分。")
    value = _decimal(points, "points")
    if not Decimal(0) <= value <= score.weight:
        raise ValidationError({"points": f"得分须在 0 至 {score.weight.normalize():f} 之间。"})
    note = (note or "").strip()
    if len(note) < 4:
        raise ValidationError({"note": "请写明评分依据（核查情况、材料），至少 4 个字。"})
    spec = next((s for s in run.config.get("indicators", []) if s["code"] == score.code), {})
    if vetoed and not spec.get("veto_on_measure"):
        raise ValidationError({"vetoed": "该指标不设单项否决。"})
    before = {
        "points": None if score.points is None else str(score.points),
        "vetoed": score.vetoed,
        "note": score.note,
    }
    score.points = value.quantize(scoring.TWO)
    score.vetoed = bool(vetoed)
    score.note = note
    score.state = Score.State.SCORED
    score.detail = "公开办人工评分"
    score.scored_by = actor if getattr(actor, "is_authenticated", False) else None
    score.scored_at = timezone.now()
    score.save()
    result = score.result
    _summarise(
        result, list(result.scores.all()), Decimal(run.config["green_min"]), Decimal(run.config["yellow_min"])
    )
    result.save(update_fields=["total", "vetoed", "veto_reasons", "pending", "coverage", "colour"])
    _rank(run)
    audit.record(
        actor,
        "assessment.manual_score",
        score,
        before=before,
        after={"points": str(score.points), "vetoed": score.vetoed, "note": note},
    )
    return score


@transaction.atomic
def set_result_note(actor, result, note):
    """The office's written opinion on a department's quarter (shown to the department once published)."""
    _check_office(actor)
    result = DepartmentResult.objects.select_related("run").select_for_update().get(pk=result.pk)
    _check_site(actor, result.run)
    _check_open(result.run)
    before = result.note
    result.note = (note or "").strip()
    result.save(update_fields=["note"])
    audit.record(
        actor, "assessment.result_note", result, before={"note": before}, after={"note": result.note}
    )
    return result


@transaction.atomic
def publish_run(actor, run):
    """Publish and freeze: departments see their results; nothing changes them afterwards."""
    _check_office(actor)
    run = Run.objects.select_for_update().get(pk=run.pk)
    _check_site(actor, run)
    _check_open(run)
    if run.status != Run.Status.COMPUTED:
        raise ValidationError("请先计算考评结果再发布。")
    pending = DepartmentResult.objects.filter(run=run, pending__gt=0).count()
    if pending:
        raise ValidationError(f"尚有 {pending} 个部门的人工评分项未录入，录入后才能发布。")
    if run.cutoff != run.end:
        raise ValidationError("季度尚未结束（数据截至 %s），结束后重新计算再发布。" % run.cutoff.isoformat())
    run.status = Run.Status.PUBLISHED
    run.published_at = timezone.now()
    run.published_by = actor if getattr(actor, "is_authenticated", False) else None
    run.save(update_fields=["status", "published_at", "published_by"])
    results = DepartmentResult.objects.filter(run=run, department__isnull=False)
    audit.record(
        actor,
        "assessment.run_published",
        run,
        after={
            "red": results.filter(colour="red").count(),
            "yellow": results.filter(colour="yellow").count(),
            "green": results.filter(colour="green").count(),
        },
    )
    return run
