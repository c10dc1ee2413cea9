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


def site_shell(request):
    """What every page's shell links to on the request's site, built once and cached per site: the home page, the
    main menu (the root's children shown in menus), the hub of each area and the footer's pages (联系我们, 网站声明).
    Publishing, unpublishing, saving or moving any page, or saving a site, forgets it (portal/signals.py)."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    shell = cache.get(nav_cache_key(site.pk))
    if shell is None:
        from ..models import HubPage
        from ..setup import CONTACT_SLUG, STATEMENT_SLUG

        root = site.root_page
        children = list(root.get_children().live().public().specific())
        shell = {
            "root": {"pk": root.pk, "url": root.get_url(request)},
            "items": [
                {"pk": p.pk, "title": p.title, "url": p.get_url(request), "path": p.path, "depth": p.depth}
                for p in children
                if p.show_in_menus
            ],
            "hubs": {
                p.area: {"title": p.title, "url": p.get_url(request)}
                for p in children
                if isinstance(p, HubPage)
            },
            "footer": {
                p.slug: {"title": p.title, "url": p.get_url(request)}
                for p in children
                if p.slug in (CONTACT_SLUG, STATEMENT_SLUG)
            },
        }
        cache.set(nav_cache_key(site.pk), shell, 3600)
        from gongkai.core.errors import remember_shell

        from ..models import SiteIdentity

        remember_shell(request, SiteIdentity.for_site(site).shell())
    return shell


@register.inclusion_tag("portal/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The four function areas (信息发布 · 解读回应 · 办事服务 · 互动交流): the root's children shown in menus."""
    shell = site_shell(context.get("request"))
    if shell is None:
        return {"items": [], "current": context.get("page"), "root": None}
    return {"root": shell["root"], "items": shell["items"], "current": context.get("page")}


@register.simple_tag(takes_context=True)
def shell_links(context):
    """The hubs and footer pages of the request's site ({"hubs": {area: …}, "footer": {slug: …}})."""
    shell = site_shell(context.get("request")) or {}
    return {"hubs": shell.get("hubs", {}), "footer": shell.get("footer", {})}


@register.simple_tag(takes_context=True)
def view_crumbs(context):
    """The trail of a page that is a view, not a Wagtail page (the forms, tracking pages, search): portal/crumbs.py.
    None for a view without one."""
    from .. import crumbs

    request = context.get("request")
    match = getattr(request, "resolver_match", None) if request else None
    if match is None:
        return None
    return crumbs.trail(match.view_name, shell_links(context)["hubs"])


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


@register.inclusion_tag("portal/includes/footer.html", takes_context=True)
def site_footer(context, identity):
    """The footer of 国办发〔2017〕47号's 网页设计规范: 党政机关网站标识, 主办/承办单位 and contact, 网站标识码, ICP
    备案 and 公安机关备案 (linked to their registries), 联系我们 · 网站声明 · 网站地图 · 我为政府网站找错."""
    return {"identity": identity, "footer": shell_links(context)["footer"]}
