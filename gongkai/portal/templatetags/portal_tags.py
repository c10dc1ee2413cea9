from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page.specific if site else None


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The four function areas (信息发布 · 解读回应 · 办事服务 · 互动交流): the root's children shown in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    current = context.get("page")
    if site:
        items = list(
            site.root_page.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
        )
    return {"items": items, "current": current, "request": request, "root": site.root_page if site else None}


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
