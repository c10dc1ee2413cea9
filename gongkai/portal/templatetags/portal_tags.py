from django import template
from django.core.cache import cache
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


def nav_cache_key(site_id):
    return f"portal:main-nav:{site_id}"


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The four function areas (信息发布 · 解读回应 · 办事服务 · 互动交流): the root's children shown in menus.
    Cached per site; publishing, unpublishing, saving or moving any page forgets it (portal/signals.py)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": [], "current": context.get("page"), "root": None}
    nav = cache.get(nav_cache_key(site.pk))
    if nav is None:
        root = site.root_page
        children = root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
        nav = {
            "root": {"pk": root.pk, "url": root.get_url(request)},
            "items": [
                {"pk": p.pk, "title": p.title, "url": p.get_url(request), "path": p.path, "depth": p.depth}
                for p in children
            ],
        }
        cache.set(nav_cache_key(site.pk), nav, 3600)
    return {**nav, "current": context.get("page")}


def _ancestors(page):
    """The page's ancestors below the tree root, fetched once per page object (breadcrumb and ColumnName)."""
    ancestors = getattr(page, "_gk_ancestors", None)
    if ancestors is None:
        ancestors = list(page.get_ancestors().only("id", "title", "url_path", "path", "depth"))[1:]
        page._gk_ancestors = ancestors
    return ancestors


@register.simple_tag
def breadcrumb_ancestors(page):
    return _ancestors(page)


@register.simple_tag
def column_name(page):
    """ColumnName of the site-identity tags: the title of the page's parent."""
    ancestors = _ancestors(page)
    return ancestors[-1].title if ancestors else ""


@register.inclusion_tag("portal/includes/feed_links.html", takes_context=True)
def feed_links(context, page):
    """`<link rel="alternate">` to the column's RSS 2.0 and Atom feeds (B6); drop it into a column template's head."""
    return {"page": page if page and getattr(page, "pk", None) else None}


@register.simple_tag(takes_context=True)
def kiosk_idle_seconds(context):
    """How long a kiosk page may sit untouched before it returns home (`GONGKAI_KIOSK_IDLE_SECONDS`, default 120)."""
    from django.conf import settings

    return int(getattr(settings, "GONGKAI_KIOSK_IDLE_SECONDS", 120))


@register.simple_tag(takes_context=True)
def is_kiosk(context):
    """True on the hall terminal (the kiosk cookie). Only used for the no-JavaScript idle-return fallback; the front
    cache must not store pages requested with that cookie (docs/portal.md)."""
    from ..a11y import COOKIE_NAME, parse

    request = context.get("request")
    return bool(request and parse(request.COOKIES.get(COOKIE_NAME)).kiosk)
