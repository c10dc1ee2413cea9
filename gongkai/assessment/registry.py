"""The measures the indicators are computed from — the seam between the parts of the assessment app.

A *measure* reads what another module records (FOI cases, messages, items, new-media posts, site-health findings)
for one department (or the whole site when `department` is None) over a period, and returns a `Measurement`:
the raw figure, a one-line Chinese explanation, and the evidence behind it (links to the cases or items — the
drill-down). Scoring a figure against thresholds and weights is the indicator system's business, not the measure's.

Measures are registered with `@measure(code, name, unit)` in a `measures.py` module of a part; MODULES lists them.
The same data always gives the same Measurement (no clock reads: the period is passed in).
"""

import datetime
import importlib
from dataclasses import dataclass, field
from decimal import Decimal

MODULES = [
    "gongkai.assessment.indicators.measures",
    "gongkai.assessment.health.measures",
]


@dataclass(frozen=True)
class Evidence:
    label: str  # e.g. "依申请公开 2025-0042 逾期 3 个工作日"
    url: str  # admin or public URL of the case / item / finding


@dataclass(frozen=True)
class Measurement:
    value: (
        Decimal | None
    )  # None: nothing to measure in the period (e.g. no FOI cases) — the indicator decides
    detail: str  # e.g. "按期答复 29/30 件（96.7%）"
    evidence: tuple[Evidence, ...] = field(default=())
    veto: bool = False  # a single-veto condition was met in the period


@dataclass(frozen=True)
class Measure:
    code: str  # stable, e.g. "foi.on_time_rate"
    name: str  # Chinese, e.g. "依申请公开按期答复率"
    unit: str  # "%", "件", "天" …
    func: object  # (department | None, start: date, end: date) -> Measurement
    site_wide: bool = False  # measured once for the whole site, not per department

    def __call__(self, department, start: datetime.date, end: datetime.date) -> Measurement:
        return self.func(department, start, end)


_MEASURES: dict[str, Measure] = {}


def measure(code, name, unit, *, site_wide=False):
    def register(func):
        _MEASURES[code] = Measure(code, name, unit, func, site_wide)
        return func

    return register


def measures() -> dict[str, Measure]:
    for module in MODULES:
        importlib.import_module(module)
    return dict(_MEASURES)
