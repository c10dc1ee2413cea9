"""Quarterly runs: scores from the data, manual items, 红黄绿 with veto, reproducibility, publication freezes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.assessment.indicators import actions, scoring
from gongkai.assessment.indicators.models import DepartmentResult, Indicator, Run, Score
from gongkai.core.models import AuditRecord

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture
def q3(office_user):
    return actions.create_run(office_user, "2025Q3")


def score(run, department, code):
    return Score.objects.get(result__run=run, result__department=department, code=code)


def fill_manual(user, run):
    for s in Score.objects.filter(result__run=run, manual=True):
        actions.set_manual_score(user, s, s.weight, "核查台账，材料齐全。")


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2025Q1", "2025-01-01", "2025-03-31"),
        ("2025q2", "2025-04-01", "2025-06-30"),
        ("2025-Q3", "2025-07-01", "2025-09-30"),
        ("2024Q4", "2024-10-01", "2024-12-31"),
    ],
)
def test_quarter_bounds(period, start, end):
    _, _, s, e = scoring.parse_period(period)
    assert (s.isoformat(), e.isoformat()) == (start, end)


@pytest.mark.parametrize("bad", ["2025Q5", "2025", "Q3", "二〇二五年三季度"])
def test_bad_period_is_refused_in_chinese(office_user, bad):
    with pytest.raises(ValidationError, match="考评期格式"):
        actions.create_run(office_user, bad)


@pytest.mark.parametrize(
    ("value", "full_at", "zero_at", "weight", "points"),
    [
        ("100", "100", "80", "15", "15.00"),
        ("90", "100", "80", "15", "7.50"),
        ("80", "100", "80", "15", "0.00"),
        ("50", "100", "80", "15", "0.00"),
        ("0", "0", "5", "10", "10.00"),  # 差评: 0 → full
        ("2", "0", "5", "10", "6.00"),
        ("7", "0", "5", "10", "0.00"),
    ],
)
def test_linear_scoring_between_the_lines(value, full_at, zero_at, weight, points):
    from gongkai.assessment.registry import Measurement

    spec = {
        "weight": weight,
        "full_at": full_at,
        "zero_at": zero_at,
        "when_empty": "skip",
        "veto_on_measure": False,
        "veto_at": None,
    }
    _, got, vetoed = scoring.score_measurement(spec, Measurement(Decimal(value), ""))
    assert got == Decimal(points) and not vetoed


def test_veto_line_and_measure_veto():
    from gongkai.assessment.registry import Measurement

    spec = {
        "weight": "10",
        "full_at": "100",
        "zero_at": "80",
        "when_empty": "skip",
        "veto_on_measure": True,
        "veto_at": "60",
    }
    assert scoring.score_measurement(spec, Measurement(Decimal(59), ""))[2] is True
    assert scoring.score_measurement(spec, Measurement(Decimal(99), ""))[2] is False
    assert scoring.score_measurement(spec, Measurement(Decimal(100), "", veto=True))[2] is True


def test_veto_forces_red_whatever_the_score():
    assert scoring.colour_for(Decimal("99.5"), True, 90, 75) == "red"
    assert scoring.colour_for(Decimal("90"), False, 90, 75) == "green"
    assert scoring.colour_for(Decimal("89.9"), False, 90, 75) == "yellow"
    assert scoring.colour_for(Decimal("74.9"), False, 90, 75) == "red"


def test_full_marks_over_less_than_half_the_weight_is_at_most_yellow():
    assert scoring.colour_for(Decimal("100"), False, 90, 75, Decimal("49.9")) == "yellow"
    assert scoring.colour_for(Decimal("100"), False, 90, 75, Decimal("50")) == "green"
    assert scoring.colour_for(Decimal("80"), False, 90, 75, Decimal("20")) == "yellow"
    assert scoring.colour_for(Decimal("70"), False, 90, 75, Decimal("20")) == "red"


def test_compute_scores_every_department_and_marks_colours(q3, office_user, edu, hrss, foi_case, message):
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    message(hrss, "2025-05-20", "2025-05-27")  # unanswered > 3 months at 30 September: veto
    message(hrss, "2025-07-07", "2025-07-14", replied="2025-07-10")
    run = actions.compute_run(office_user, q3, today=TODAY)
    assert run.status == Run.Status.COMPUTED and run.cutoff == datetime.date(2025, 9, 30)
    results = {r.department_id: r for r in DepartmentResult.objects.filter(run=run, department__isnull=False)}
    assert set(results) == {edu.pk, hrss.pk}  # the office itself is not assessed
    assert score(run, edu, "ysq_anqi").points == Decimal("15.00")
    assert results[hrss.pk].vetoed and results[hrss.pk].colour == "red"
    assert "留言按时答复率" in results[hrss.pk].veto_reasons[0]
    # manual items are pending: no colour is final until the office has scored them, but the total is shown
    assert results[edu.pk].pending == 3
    fill_manual(office_user, run)
    edu_result = DepartmentResult.objects.get(run=run, department=edu)
    # full points over the few indicators that had data, but most of the weight had none: 待核实 and 黄, not 绿
    assert edu_result.pending == 0 and edu_result.total == Decimal("100.0")
    assert edu_result.coverage < 50 and edu_result.needs_check and edu_result.colour == "yellow"
    assert edu_result.rank == 1


def test_unregistered_measure_shows_as_not_connected(q3, office_user, edu):
    Indicator.objects.create(
        code="zhengwu_weibo",
        name="政务微博互动",
        measure_code="newmedia.weibo_replies",
        method="微博留言 3 日内回复",
        weight=5,
    )
    run = actions.compute_run(office_user, q3, today=TODAY)
    s = score(run, edu, "zhengwu_weibo")
    assert s.state == Score.State.UNAVAILABLE and s.points is None
    assert s.detail.startswith("未接入")


def test_rerun_on_the_same_data_gives_the_same_scores(q3, office_user, edu, hrss, foi_case, message):
    foi_case(edu, "2025-08-01", due="2025-08-29", closed="2025-09-05")
    message(hrss, "2025-08-04", "2025-08-11", replied="2025-08-15")
    first = actions.compute_run(office_user, q3, today=TODAY)
    actions.set_manual_score(office_user, score(first, edu, "jiedu_huiying"), "3", "解读发布滞后 2 天。")

    def snapshot():
        return sorted(
            Score.objects.filter(result__run=q3).values_list(
                "result__department_id", "code", "value", "points", "vetoed", "detail"
            ),
            key=lambda row: (row[0] or 0, row[1]),  # the 全站 row has no department
        )

    before = snapshot()
    totals = list(DepartmentResult.objects.filter(run=q3).values_list("department_id", "total", "colour"))
    actions.compute_run(office_user, q3, today=TODAY + datetime.timedelta(days=40))
    assert snapshot() == before
    assert (
        list(DepartmentResult.objects.filter(run=q3).values_list("department_id", "total", "colour"))
        == totals
    )
    assert score(q3, edu, "jiedu_huiying").points == Decimal("3.00")  # the manual score survives a rerun


def test_published_run_stays_frozen_when_data_changes(q3, office_user, edu, foi_case):
    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    run = actions.compute_run(office_user, q3, today=TODAY)
    with pytest.raises(ValidationError, match="人工评分项未录入"):
        actions.publish_run(office_user, run)
    fill_manual(office_user, run)
    actions.publish_run(office_user, run)
    frozen = score(run, edu, "ysq_anqi")
    # later: a late case of the quarter is entered, and the indicator is made stricter
    foi_case(edu, "2025-08-01", due="2025-08-29", closed="2025-09-15")
    Indicator.objects.filter(code="ysq_anqi").update(weight=30)
    assert registry_value(edu) == Decimal("50.0")
    with pytest.raises(ValidationError, match="已发布并冻结"):
        actions.compute_run(office_user, run, today=TODAY)
    with pytest.raises(ValidationError, match="已发布并冻结"):
        actions.set_manual_score(office_user, score(run, edu, "jiedu_huiying"), "1", "改分尝试。")
    again = score(run, edu, "ysq_anqi")
    assert (
        (again.value, again.points, again.weight)
        == (frozen.value, frozen.points, frozen.weight)
        == (
            Decimal("100.00"),
            Decimal("15.00"),
            Decimal("15.00"),
        )
    )


def registry_value(department):
    from gongkai.assessment import registry

    return registry.measures()["foi.on_time"](
        department, datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    ).value


def test_quarter_still_running_cannot_be_published(office_user, edu):
    run = actions.create_run(office_user, "2026Q4")
    run = actions.compute_run(office_user, run, today=TODAY)
    assert run.cutoff == datetime.date(2026, 11, 26)
    fill_manual(office_user, run)
    with pytest.raises(ValidationError, match="季度尚未结束"):
        actions.publish_run(office_user, run)


def test_manual_score_is_checked_and_audited(q3, office_user, edu):
    run = actions.compute_run(office_user, q3, today=TODAY)
    s = score(run, edu, "gongzuo_jizhi")
    with pytest.raises(ValidationError, match="得分须在 0 至 5 之间"):
        actions.set_manual_score(office_user, s, "6", "超出分值。")
    with pytest.raises(ValidationError, match="评分依据"):
        actions.set_manual_score(office_user, s, "4", "")
    with pytest.raises(ValidationError, match="不设单项否决"):
        actions.set_manual_score(office_user, s, "4", "制度健全。", vetoed=True)
    with pytest.raises(ValidationError, match="系统计算的指标不能人工改分"):
        actions.set_manual_score(office_user, score(run, edu, "ysq_anqi"), "4", "人工改分。")
    veto = score(run, edu, "yanzhong_cuowu")
    actions.set_manual_score(
        office_user, veto, "0", "2025年8月12日发布的通知泄露学生身份证号，已撤稿。", vetoed=True
    )
    result = DepartmentResult.objects.get(run=run, department=edu)
    assert result.vetoed and result.colour == "red"
    # the reason the office wrote is the veto's reason (on the result screen and the Excel), before and after a
    # recompute
    reason = "严重错误与失泄密（单项否决）：2025年8月12日发布的通知泄露学生身份证号，已撤稿。"
    assert result.veto_reasons == [reason]
    actions.compute_run(office_user, run, today=TODAY)
    assert DepartmentResult.objects.get(run=run, department=edu).veto_reasons == [reason]
    assert AuditRecord.objects.filter(action="assessment.manual_score").count() == 1


def test_departments_cannot_act(q3, edu_editor):
    with pytest.raises(PermissionDenied):
        actions.compute_run(edu_editor, q3, today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.create_run(edu_editor, "2025Q4")


def test_indicator_edit_is_validated_and_audited(office_user):
    indicator = Indicator.objects.get(code="liuyan_chaping")
    with pytest.raises(ValidationError):
        actions.save_indicator(office_user, {"zero_at": None}, indicator)
    actions.save_indicator(
        office_user, {"weight": Decimal(8), "zero_at": Decimal(4)}, Indicator.objects.get(pk=indicator.pk)
    )
    record = AuditRecord.objects.get(action="assessment.indicator_changed")
    assert record.before["weight"] == "10.00" and record.after["weight"] == "8"
    with pytest.raises(ValidationError, match="须选择计算项"):
        actions.save_indicator(
            office_user, {"code": "new_one", "name": "新指标", "kind": "measured", "method": "x", "weight": 5}
        )


def test_annual_score_rolls_up_published_quarters(office_user, edu, foi_case):
    from gongkai.assessment.indicators import reports

    foi_case(edu, "2025-07-01", due="2025-07-29", closed="2025-07-20")
    foi_case(edu, "2025-10-09", due="2025-11-06", closed="2025-11-20")  # late in Q4
    for period in ("2025Q3", "2025Q4"):
        run = actions.compute_run(office_user, actions.create_run(office_user, period), today=TODAY)
        fill_manual(office_user, run)
        actions.publish_run(office_user, run)
    draft = actions.create_run(office_user, "2026Q1")
    actions.compute_run(office_user, draft, today=TODAY)  # not published: not in the annual score
    rows = {row["department"].pk: row for row in reports.annual(2025)}
    q3, q4 = (DepartmentResult.objects.get(run__period=p, department=edu).total for p in ("2025Q3", "2025Q4"))
    assert q3 == Decimal("100.0") and q4 < q3
    assert rows[edu.pk]["total"] == ((q3 + q4) / 2).quantize(Decimal("0.1"))
    assert rows[edu.pk]["quarters"] == 2
