"""The assessment app's models live with their part (indicators, annual, health); Django finds them here."""

from .annual.models import *  # noqa: F403
from .health.models import *  # noqa: F403
from .indicators.models import *  # noqa: F403
