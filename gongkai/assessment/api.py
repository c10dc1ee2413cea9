"""/api/v1/assessment/…: the router of the assessment app, with each part's own router attached here (a part's
`api.py` defines its `router` and imports nothing of this module)."""

from ninja import Router

from .annual import api as annual_api
from .health import api as health_api
from .indicators import api as indicators_api

PREFIX = "/assessment"

router = Router(tags=["考评与年报"])
for part in (annual_api, health_api, indicators_api):
    router.add_router("", part.router)
