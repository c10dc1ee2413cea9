"""Security headers the public site and the staff admin need (docs/deploy.md).

The public site gets the strict Content-Security-Policy of settings.GONGKAI_CSP: scripts, styles, images and media
only from the site itself, no inline script, no inline style, no `on…=` handler, no `javascript:` URL. Wagtail's and
Django's admin render inline scripts and styles of their own, so the paths in GONGKAI_CSP_ADMIN_PREFIXES get
GONGKAI_CSP_ADMIN instead, and X-Frame-Options SAMEORIGIN so the preview panel can frame the page being edited.
A response that already carries a policy (Wagtail's document serving) keeps it.

And the one answer to a refusal no view caught (`RefusalMiddleware`, core/refusals.py).
"""

from django.conf import settings


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(settings.GONGKAI_CSP_ADMIN_PREFIXES)
        if settings.GONGKAI_CSP_ENABLED and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = (
                settings.GONGKAI_CSP_ADMIN if admin else settings.GONGKAI_CSP
            )
        if admin:
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Permissions-Policy", settings.GONGKAI_PERMISSIONS_POLICY)
        return response


class RejectNulMiddleware:
    """A NUL character in the query string (`?q=%00`) or the path is refused with the Chinese 400 page: no parameter of the
    platform may contain one, and PostgreSQL refuses to compare text with it — a search or list filter would
    otherwise fail with a 500. (Form fields refuse NUL by themselves: Django's ProhibitNullCharactersValidator.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or "\x00" in request.path_info:
            from .errors import bad_request

            return bad_request(request)
        return self.get_response(request)


class RefusalMiddleware:
    """Answers a refusal no view caught (core/refusals.py) with its status and Chinese reason, once for every
    page; a bare PermissionDenied without a reason keeps Django's own 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .errors import refusal_response
        from .refusals import Refused

        if isinstance(exception, Refused):
            return refusal_response(request, exception)
        return None
