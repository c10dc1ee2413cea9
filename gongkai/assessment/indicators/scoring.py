"""Scoring rules of the quarterly assessment, as plain functions (no HTTP, no clock).

- A measured indicator scores linearly between its 零分线 and 满分线 (clamped), times its weight.
- No data in the period: either not scored (its weight leaves the base) or full marks, as the indicator says.
- A measure that is not registered shows as 未接入 and is not scored.
- The total is the points earned over the weights scored, on a 100-point scale, so a department is not penalised
  for an indicator that does not apply to it; 绿 ≥ 绿色线, 黄 ≥ 黄色线, else 红 — and any single veto is 红.
- Coverage: the share of the weight actually measured. Below MIN_COVERAGE (50%) the result is 待核实 and at most
  黄 — 无数据 never adds up to a green light.
- The annual score is the mean of the published quarters' totals; a veto in any quarter makes the year 红.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from .models import MIN_COVERAGE, Colour

TWO = Decimal("0.01")
ONE = Decimal("0.1")
PERIOD_RE = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]([1-4])\s*$")


def parse_period(text):
    """'2025Q3' → (2025, 3, first day, last day of the quarter)."""
    match = PERIOD_RE.match(text or "")
    if not match:
        raise ValidationError({"period": "考评期格式应为“年份Q季度”，如 2025Q3。"})
    year, quarter = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2100:
        raise ValidationError({"period": "年份不正确。"})
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = (
        datetime.date(year, 12, 31)
        if quarter == 4
        else datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    )
    return year, quarter, start, end


def period_code(year, quarter):
    return f"{year}Q{quarter}"


def quarter_of(day):
    return period_code(day.year, (day.month - 1) // 3 + 1)


def snapshot(indicator, measure=None):
    """What a run keeps of an indicator, so a later edit of the indicator does not change a stored result."""

    def dec(value):
        return None if value is None else str(value)

    return {
        "id": indicator.pk,
        "code": indicator.code,
        "name": indicator.name,
        "kind": indicator.kind,
        "measure_code": indicator.measure_code,
        "method": indicator.method,
        "weight": dec(indicator.weight),
        "full_at": dec(indicator.full_at),
        "zero_at": dec(indicator.zero_at),
        "when_empty": indicator.when_empty,
        "veto_on_measure": indicator.veto_on_measure,
        "veto_at": dec(indicator.veto_at),
        "unit": measure.unit if measure else "",
        "site_wide": bool(measure and measure.site_wide),
        "connected": measure is not None,
    }


@dataclass(frozen=True)
class Rule:
    weight: Decimal
    full_at: Decimal | None
    zero_at: Decimal | None
    when_empty: str
    veto_on_measure: bool
    veto_at: Decimal | None

    @classmethod
    def of(cls, spec):
        def dec(value):
            return None if value in (None, "") else Decimal(str(value))

        return cls(
            dec(spec["weight"]),
            dec(spec["full_at"]),
            dec(spec["zero_at"]),
            spec["when_empty"],
            bool(spec["veto_on_measure"]),
            dec(spec["veto_at"]),
        )

    def fraction(self, value):
        """Share of the weight earned by `value` (0–1), linear between 零分线 and 满分线."""
        if self.full_at is None or self.zero_at is None or self.full_at == self.zero_at:
            return Decimal(1)
        frac = (value - self.zero_at) / (self.full_at - self.zero_at)
        return min(Decimal(1), max(Decimal(0), frac))

    def beyond_veto_line(self, value):
        if self.veto_at is None:
            return False
        lower_is_better = (
            self.full_at is not None and self.zero_at is not None and self.full_at < self.zero_at
        )
        return value >= self.veto_at if lower_is_better else value <= self.veto_at


def score_measurement(spec, measurement):
    """(state, points, vetoed) for a measured indicator. `measurement` None = the measure is not connected."""
    from .models import Score

    rule = Rule.of(spec)
    if measurement is None:
        return Score.State.UNAVAILABLE, None, False
    vetoed = rule.veto_on_measure and measurement.veto
    if measurement.value is None:
        if rule.when_empty == "full":
            return Score.State.SCORED, rule.weight.quantize(TWO), vetoed
        return Score.State.EMPTY, None, vetoed
    value = Decimal(measurement.value)
    vetoed = vetoed or rule.beyond_veto_line(value)
    points = (rule.weight * rule.fraction(value)).quantize(TWO, rounding=ROUND_HALF_UP)
    return Score.State.SCORED, points, vetoed


def total_of(scores):
    """(total on 100, weights scored): points over the weights of the scored indicators."""
    from .models import Score

    earned = weights = Decimal(0)
    for score in scores:
        if score.state == Score.State.SCORED and score.points is not None and score.weight > 0:
            earned += score.points
            weights += score.weight
    if not weights:
        return None, Decimal(0)
    return (Decimal(100) * earned / weights).quantize(ONE, rounding=ROUND_HALF_UP), weights


def coverage_of(scores):
    """The share (%, one decimal) of the indicators' weight that was actually measured: a measured indicator with
    a figure, or a manual one the office scored. 无数据 (even where the indicator gives full marks for it), 未接入
    and 待人工评分 are not measured. None when no indicator carries weight."""
    from .models import Score

    measured = weights = Decimal(0)
    for score in scores:
        if score.weight <= 0:
            continue
        weights += score.weight
        if (
            score.state == Score.State.SCORED
            and score.points is not None
            and (score.manual or score.value is not None)
        ):
            measured += score.weight
    if not weights:
        return None
    return (Decimal(100) * measured / weights).quantize(ONE, rounding=ROUND_HALF_UP)


def colour_for(total, vetoed, green_min, yellow_min, coverage=None):
    """绿/黄/红 by the lines; any veto 红; and never 绿 while less than MIN_COVERAGE of the weight was measured (at
    most 黄, shown as 待核实) — full marks over the few indicators that had data are not a green light."""
    if vetoed:
        return Colour.RED
    if total is None:
        return ""
    if total >= Decimal(str(green_min)):
        if coverage is not None and coverage < MIN_COVERAGE:
            return Colour.YELLOW
        return Colour.GREEN
    if total >= Decimal(str(yellow_min)):
        return Colour.YELLOW
    return Colour.RED


COLOUR_LABELS = {Colour.GREEN: "绿", Colour.YELLOW: "黄", Colour.RED: "红", "": "—"}
