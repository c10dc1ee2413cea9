"""The pages a visitor sees when the server fails (handler500 in gongkai/urls.py), when a request cannot be read
(handler400) and when a form's CSRF check fails (CSRF_FAILURE_VIEW) — all in Chinese, as HTML or under /api/ JSON.

When the database is unreachable (PostgreSQL restarting, a fail-over) the answer is 503 with a Chinese explanation
and Retry-After, as an HTML page or, under /api/, as {"errors": {"__all__": …}}; nothing of the failed request was
stored, because every state change runs in one transaction (actions.py). The next request reconnects by itself
(CONN_HEALTH_CHECKS). Any other failure is a plain 500 in the same two shapes. The pages render without the
database (no context processors that query it).
"""

import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

DB_DOWN_MESSAGE = "系统正在维护或数据库暂时不可用，您的请求未被处理、也未保存任何内容，请稍后重试。"
ERROR_MESSAGE = "服务器内部错误，您的请求未能完成，请稍后重试。如多次出现，请联系网站管理员。"
BAD_REQUEST_MESSAGE = (
    "请求无法识别（例如内容不是 UTF-8 编码、格式不完整或过大），未保存任何内容。请返回页面重新填写后提交。"
)
CSRF_MESSAGE = "页面已过期或浏览器未保存本站的 Cookie，未保存任何内容。请刷新页面后重新填写提交。"
RETRY_AFTER_SECONDS = 30


def database_unavailable(exc):
    """A lost, refused or locked database connection (Django wraps the driver's errors in these two), not a
    constraint or programming error."""
    return isinstance(exc, (OperationalError, InterfaceError))


TITLES = {
    400: "请求无法识别",
    403: "提交未被接受",
    409: "操作未被接受",
    500: "服务器错误",
    503: "服务暂时不可用",
}


SHELL_KEY = "gongkai:error-shell:{version}:{host}"
SHELL_VERSION_KEY = "gongkai:error-shell-version"
SHELL_TTL = 24 * 3600


def _shell_key(host):
    return SHELL_KEY.format(version=cache.get(SHELL_VERSION_KEY, 0), host=host)


def remember_shell(request, shell):
    """The site's name, 主办单位 and 备案 lines for the error pages of this host, kept in the cache (the portal
    hands them in whenever it builds a page's shell), so the 500 and 503 pages show the site without the
    database."""
    try:
        cache.set(_shell_key(request.get_host()), shell, SHELL_TTL)
    except Exception:  # noqa: S110 — a cache that is down only costs the error page its footer
        pass


def forget_shell():
    try:
        cache.set(SHELL_VERSION_KEY, cache.get(SHELL_VERSION_KEY, 0) + 1, None)
    except Exception:  # noqa: S110 — the cached shells then expire by themselves
        pass


def shell_for(request):
    """What the error page shows of the site: the remembered shell, else the platform's name alone."""
    try:
        shell = cache.get(_shell_key(request.get_host())) if request is not None else None
    except Exception:  # DisallowedHost, a cache that is down: the page still renders
        shell = None
    return shell or {"site_name": settings.WAGTAIL_SITE_NAME}


def _answer(request, status, message):
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"errors": {"__all__": message}}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    else:
        html = render_to_string(
            "core/errors/server_error.html",
            {"status": status, "title": TITLES[status], "message": message, "shell": shell_for(request)},
        )
        response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    exc = sys.exc_info()[1]
    down = exc is not None and database_unavailable(exc)
    response = _answer(request, 503 if down else 500, DB_DOWN_MESSAGE if down else ERROR_MESSAGE)
    if down:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    """Unlike Django's default this does not touch the CSRF token: reading it parses the body again, and a body
    that cannot be parsed (a form declared as GBK) would raise once more and turn a 400 into a 500."""
    return _answer(request, 400, BAD_REQUEST_MESSAGE)


def refusal_response(request, exc):
    """A refusal (core/refusals.py) no view caught: 403 or 409 with its Chinese reason, HTML or JSON."""
    return _answer(request, exc.status, exc.message)


def csrf_failure(request, reason=""):
    return _answer(request, 403, CSRF_MESSAGE)
