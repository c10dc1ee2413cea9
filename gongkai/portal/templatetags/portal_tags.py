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
