from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.api.urls import urls as api_urls
from gongkai.core.discovery import app_modules


def app_urlpatterns():
    """Each app may expose public views in `<app>/urls.py` (its `urlpatterns`), mounted at the site root."""
    return [path("", include(module)) for _label, module in app_modules("urls", exclude=("gongkai.api",))]


# a Chinese 500 page, and 503 with Retry-After while the database is unreachable (gongkai/core/errors.py)
handler400 = "gongkai.core.errors.bad_request"
handler404 = "gongkai.portal.views.page_not_found"  # in the site's shell, with the search box
handler500 = "gongkai.core.errors.server_error"

# One way to change a password: the platform's own page (accounts/views.password_change: the policy, "not the old
# one", the expiry clock, the audit record). Django's admin had a second one that skipped the last three.
_own_password_page = RedirectView.as_view(pattern_name="security_password", query_string=False)

urlpatterns = [
    path("django-admin/password_change/", _own_password_page),
    path("django-admin/password_change/done/", _own_password_page),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api_urls),
    *app_urlpatterns(),
]

if not settings.PRODUCTION:
    # The embedded mode serves uploads itself; in production nginx serves MEDIA_ROOT (docs/deploy.md).
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
