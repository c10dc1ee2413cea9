"""/healthz for nginx and the load balancer: 200 when this app server reaches its database and cache, else 503."""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "不可用"
    try:
        cache.set("gongkai:healthz", 1, 10)
        checks["cache"] = "ok" if cache.get("gongkai:healthz") == 1 else "不可用"
    except Exception:
        checks["cache"] = "不可用"
    ok = all(v == "ok" for v in checks.values())
    return JsonResponse(checks, status=200 if ok else 503, json_dumps_params={"ensure_ascii": False})
