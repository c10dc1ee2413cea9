"""Demo of 常态化考评: the quarters of 2025 computed from the demo data and published (frozen), 2026 to date —
finished quarters published, the running one computed to yesterday — with the office's manual scores and notes.
Idempotent: published runs are left as they are; the rest are recomputed."""

import random
from decimal import Decimal

from django.utils import timezone

from gongkai.assessment.indicators import actions, defaults, scoring
from gongkai.assessment.indicators.models import DepartmentResult, Indicator, Run, Score
from gongkai.core import workdays
from gongkai.org.models import Department

NOTES = {
    "jiedu_huiying": [
        (Decimal(5), "重要政策文件均同步发布解读，群众关切回应及时。"),
        (Decimal("4.5"), "政策解读同步发布，1 份图解晚于文件 2 个工作日。"),
        (Decimal(4), "1 份规范性文件未同步发布解读，已督促补发。"),
        (Decimal(3), "本季度 2 份政策文件无解读，回应关切不够主动。"),
    ],
    "gongzuo_jizhi": [
        (Decimal(5), "明确专人负责，台账齐全，按时参加全市政务公开培训。"),
        (Decimal("4.5"), "台账基本齐全，信息报送 1 次延迟。"),
        (Decimal(4), "公开工作人员调整后未及时报备，已整改。"),
    ],
    "yanzhong_cuowu": [
        (Decimal(0), "经抽查本季度发布的信息，未发现严重表述错误、失泄密和伪造发稿日期情形。")
    ],
}
# one believable manual veto: (period, department short name, note)
VETO = (
    "2025Q2",
    "市住建局",
    "2025年5月14日发布的《关于城区老旧小区改造的通知》将“国务院”误写为“国物院”，属严重表述错误（国办秘函〔2019〕19号单项否决），已责令更正。",
)


def _manual(office_user, run, rng):
    pending = Score.objects.filter(result__run=run, manual=True, state=Score.State.PENDING).select_related(
        "result__department"
    )
    for score in pending.order_by("result__department__sort_order", "sort_order"):
        department = score.result.department
        short = department.short_name if department else ""
        if score.code == "yanzhong_cuowu" and (run.period, short) == VETO[:2]:
            actions.set_manual_score(office_user, score, Decimal(0), VETO[2], vetoed=True)
            continue
        choices = NOTES.get(score.code)
        if choices is None:  # an indicator the office added: full marks, recorded as checked
            points, note = score.weight, "已核查，符合要求。"
        else:
            weights = [6, 3, 2, 1][: len(choices)]
            points, note = rng.choices(choices, weights=weights)[0]
        actions.set_manual_score(office_user, score, min(points, score.weight), note)


def _office_user():
    from django.contrib.auth import get_user_model

    from gongkai.core import roles

    return get_user_model().objects.filter(groups__name=roles.OFFICE_HEAD).order_by("pk").first()


def load(stdout):
    defaults.seed(Indicator)
    if not Department.objects.exclude(kind=Department.Kind.OFFICE).exists():
        return
    office_user = _office_user()
    today = workdays.local_date(timezone.now())
    periods = [scoring.period_code(2025, q) for q in (1, 2, 3, 4)]
    periods += (
        [scoring.period_code(today.year, q) for q in range(1, (today.month - 1) // 3 + 2)]
        if today.year > 2025
        else []
    )
    made = []
    for period in periods:
        run = Run.objects.of_site(actions.site_of(office_user)).filter(period=period).first()
        if run is not None and run.published:
            continue
        _, _, start, end = scoring.parse_period(period)
        if start >= today:
            continue
        run = run or actions.create_run(office_user, period, today=today)
        run = actions.compute_run(office_user, run, today=today)
        rng = random.Random(f"kaoping-{period}")  # noqa: S311 — reproducible demo data, not a secret
        _manual(office_user, run, rng)
        for result in DepartmentResult.objects.filter(run=run, colour="red", department__isnull=False):
            reason = "；".join(result.veto_reasons) or "得分低于黄色线"
            actions.set_result_note(
                office_user, result, f"本季度标记为红（{reason[:80]}），请于 15 个工作日内书面报送整改情况。"
            )
        if run.cutoff == end:  # the quarter is over: the office publishes (and freezes) it
            run = actions.publish_run(office_user, run)
        made.append(run)
    for run in made:
        results = DepartmentResult.objects.filter(run=run, department__isnull=False)
        counts = {c: results.filter(colour=c).count() for c in ("green", "yellow", "red")}
        stdout.write(
            f"  常态化考评：{run}（{run.get_status_display()}）绿 {counts['green']}、黄 {counts['yellow']}、红 {counts['red']}"
        )
