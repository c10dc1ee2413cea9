"""Public views of the portal shell: the 适老化 toolbar switch, the kiosk switch, robots.txt, sitemap.xml, the HTML
网站地图 and the 404 page.

Views only translate HTTP; the preference rules are in ``a11y.py``.
"""

import re
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from gongkai.core import errors, siteurl
from gongkai.org.sites import current_site

from . import a11y


def safe_next(request, default="/"):
    """The page to go back to: only a path on this site (no open redirect to another host or scheme)."""
    target = request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _no_store(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _set_prefs(response, prefs):
    value = prefs.cookie_value()
    if value:
        response.set_cookie(
            a11y.COOKIE_NAME,
            value,
            max_age=a11y.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.PRODUCTION,
            httponly=False,  # a11y.js reads it to put the classes on <html> before the page is painted
        )
    else:
        response.delete_cookie(a11y.COOKIE_NAME, samesite="Lax")
    return response


def _wants_json(request):
    return request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", "")


@require_GET
def a11y_switch(request):
    """``/a11y/?do=<action>&next=<path>``: change the 适老化 preferences, then go back to the page (a plain link,
    so it works without JavaScript; a11y.js calls it with ``format=json`` and applies the result in place)."""
    prefs = a11y.parse(request.COOKIES.get(a11y.COOKIE_NAME))
    action = request.GET.get("do", "")
    if action not in a11y.ACTIONS:
        if _wants_json(request):
            return _no_store(JsonResponse({"errors": {"do": "不支持的操作。"}}, status=400))
        return _no_store(HttpResponseBadRequest("不支持的操作。", content_type="text/plain; charset=utf-8"))
    prefs = a11y.apply(prefs, action)
    if _wants_json(request):
        response = JsonResponse({"classes": prefs.classes(), "value": prefs.cookie_value()})
    else:
        response = HttpResponseRedirect(safe_next(request))
    return _no_store(_set_prefs(response, prefs))


@require_GET
def kiosk(request):
    """``/kiosk/``: put this browser (the hall terminal, 政务公开专区) in kiosk mode and show the home page;
    ``/kiosk/?exit=1`` takes it out again."""
    prefs = a11y.STANDARD if request.GET.get("exit") else a11y.KIOSK
    return _no_store(_set_prefs(HttpResponseRedirect("/"), prefs))


_TOKEN = re.compile(r"\.gk-([a-z0-9-]+)(?![\w-])")
_URL = re.compile(r"url\(([\w./-]+)\)")


@lru_cache(maxsize=1)
def _a11y_css_source():
    path = finders.find("portal/a11y.css")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def mode_css_for(prefs):
    """The stylesheet for visitors without JavaScript: a11y.css with the classes of the active options removed from
    the selectors (``html.gk-contrast body`` becomes ``html body``), so exactly the rules a11y.js would switch on by
    adding those classes apply. One source of truth for both paths."""
    active = set(prefs.tokens())
    css = _TOKEN.sub(lambda m: "" if m.group(1) in active else m.group(0), _a11y_css_source())
    # relative url()s in a11y.css point into /static/portal/; this stylesheet is served from /a11y/
    return _URL.sub(lambda m: f"url({static('portal/' + m.group(1))})", css)


@require_GET
def mode_css(request):
    prefs = a11y.parse(request.COOKIES.get(a11y.COOKIE_NAME))
    body = mode_css_for(prefs) if prefs.elder else "/* 标准版 */\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@require_GET
def robots_txt(request):
    """Crawlers may read everything public; the admin screens and the preference switches are not content."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /a11y/",
        "Disallow: /kiosk/",
        "",
        f"Sitemap: {siteurl.absolute('/sitemap.xml', current_site(request))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class SiteSitemap(WagtailSitemap):
    """Wagtail's sitemap with every address on the site's configured address (not the Site record's host name
    nor the request's Host header: gongkai/core/siteurl.py)."""

    def _urls(self, page, protocol, domain):
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            own = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                if own and url_info.get("location", "").startswith(own):
                    url_info = {
                        **url_info,
                        "location": siteurl.page_url(item, self.request) + url_info["location"][len(own) :],
                    }
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:  # as Wagtail's: no lastmod when the whole site is private
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request):
    """sitemap.xml: every live, public page of the site (wagtail.contrib.sitemaps on django.contrib.sitemaps)."""
    return wagtail_sitemap(request, sitemaps={"wagtail": SiteSitemap(request)})


def _tree(site, request):
    """The site's live, public pages below its home page except the items (信息 pages): the hubs first, each with
    the sub-areas it links to (hubs.py; views such as the forms are there), then the other pages in tree order."""
    from wagtail.models import Page

    from . import hubs
    from .models import HubPage

    root = site.root_page
    pages = Page.objects.live().public().descendant_of(root).order_by("path")
    if apps.is_installed("gongkai.disclosure"):
        pages = pages.not_type(apps.get_model("disclosure", "GovInfoPage"))
    pages = list(pages.specific(defer=True))
    nodes = {p.path: {"title": p.title, "url": p.get_url(request), "children": [], "page": p} for p in pages}
    top = []
    for page in pages:
        parent = nodes.get(page.path[: -Page.steplen])
        (parent["children"] if parent else top).append(nodes[page.path])
    for node in top:
        if isinstance(node["page"], HubPage):
            node["children"] = [
                {
                    "title": s["title"],
                    "url": s["url"],
                    "children": [{"title": t, "url": u, "children": []} for t, u in s["links"] if u],
                }
                for s in hubs.sections(node["page"], request)
            ] + node["children"]
    top.sort(key=lambda n: not isinstance(n["page"], HubPage))
    return top


@require_GET
def site_map(request):
    """网站地图: the site's tree as an HTML page for visitors (sitemap.xml stays for machines)."""
    site = current_site(request)
    tree = _tree(site, request) if site is not None else []
    return render(request, "portal/site_map.html", {"tree": tree})


def page_not_found(request, exception=None):
    """404 in the site's shell (header, menu, search box, footer) with a second search box and the way on; when the
    shell cannot be built (the database is down) the database-free page of core/errors.py."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"errors": {"__all__": "接口不存在。"}}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    try:
        html = render_to_string("portal/404.html", {"request_path": request.path}, request=request)
    except Exception:  # the page must answer even when the database does not
        html = render_to_string("404.html", {"shell": errors.shell_for(request)})
    response = HttpResponse(html, status=404, content_type="text/html; charset=utf-8")
    patch_cache_control(response, no_cache=True)
    return response
