"""/api/v1/assessment/…: each part adds its endpoints to this router in its own `api.py`."""

from ninja import Router

router = Router(tags=["考评与年报"])
PREFIX = "/assessment"

from .annual import api as _annual_api  # noqa: E402, F401
from .health import api as _health_api  # noqa: E402, F401
from .indicators import api as _indicators_api  # noqa: E402, F401
