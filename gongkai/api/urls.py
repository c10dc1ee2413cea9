"""The open HTTP API (/api/v1/), assembled from each app's `api.py` router. OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from gongkai.core.discovery import app_modules


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON without \\u escapes, so Chinese reads as Chinese."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="政务公开平台开放接口",
    version="1.0",
    description="gongkai 的公开接口：法定日历、检索、依申请公开、留言与纠错、政务服务事项、政务新媒体。",
    urls_namespace="api-v1",
    docs_url="/docs",
)


@api.exception_handler(NinjaValidationError)
def validation_errors(request, exc):
    """Ninja's schema errors, as {"errors": {field: 中文提示}} with status 422."""
    from .errors import errors_from_ninja

    return api.create_response(request, {"errors": errors_from_ninja(exc.errors)}, status=422)


for _label, module in app_modules("api", exclude=("gongkai.api",)):
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router(getattr(module, "PREFIX", ""), router)
    for prefix, extra in getattr(module, "EXTRA_ROUTERS", []):
        api.add_router(prefix, extra)

urls = api.urls
