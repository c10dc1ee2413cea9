"""Periodic jobs of the assessment parts, run by `gongkai worker`."""

from .annual.tasks import PERIODIC as _annual
from .health.tasks import PERIODIC as _health
from .indicators.tasks import PERIODIC as _indicators

PERIODIC = [*_health, *_indicators, *_annual]
