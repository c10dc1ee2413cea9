"""Demo data: site health first (the indicators read it), then quarterly runs, then the annual reports."""

from . import annual as annual_demo
from . import health as health_demo
from . import indicators as indicators_demo


def load(stdout):
    health_demo.load(stdout)
    indicators_demo.load(stdout)
    annual_demo.load(stdout)
