"""Demo data: site health first (the indicators read it), then quarterly runs, then the annual reports."""

from .annual import demo as annual_demo
from .health import demo as health_demo
from .indicators import demo as indicators_demo


def load(stdout):
    health_demo.load(stdout)
    indicators_demo.load(stdout)
    annual_demo.load(stdout)
