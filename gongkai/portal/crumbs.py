"""Breadcrumbs (当前位置) of the public pages that are views, not Wagtail pages: the forms, receipts, tracking pages,
the message board, the search and the site map. A Wagtail page's trail is its ancestors (base.html); a view's is
written here by its URL name: the hub of its main-menu area (信息发布, 互动交流 …, when the site has one), then the
pages above it, then its own title. A view with its own trail in its template (services, newmedia) is not listed.
"""

from django.urls import NoReverseMatch, reverse

# url name → (area of the main menu or None, [(title, url name) above it], its own title)
TRAILS = {
    "foi:apply": ("hdjl", [], "政府信息公开申请"),
    "foi:receipt": ("hdjl", [("政府信息公开申请", "foi:apply")], "申请已提交"),
    "foi:track": ("hdjl", [("政府信息公开申请", "foi:apply")], "申请进度查询"),
    "foi:notice": (
        "hdjl",
        [("政府信息公开申请", "foi:apply"), ("申请进度查询", "foi:track")],
        "告知书",
    ),
    "interaction:board": ("hdjl", [], "留言咨询"),
    "interaction:write": ("hdjl", [("留言咨询", "interaction:board")], "我要留言"),
    "interaction:query": ("hdjl", [("留言咨询", "interaction:board")], "查询留言答复"),
    "interaction:detail": ("hdjl", [("留言咨询", "interaction:board")], "留言详情"),
    "interaction:site_error": ("hdjl", [], "我为政府网站找错"),
    "interaction:site_error_query": (
        "hdjl",
        [("我为政府网站找错", "interaction:site_error")],
        "查询办理结果",
    ),
    "standard_catalog": ("xxfb", [], "基层政务公开标准目录"),
    "search:results": (None, [], "站内搜索"),
    "portal:site_map": (None, [], "网站地图"),
    "portal:not_found": (None, [], "页面不存在"),
}


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def trail(view_name, hubs):
    """[(title, url)] from the first page below 首页 to the view itself (its url None), or None."""
    spec = TRAILS.get(view_name)
    if spec is None:
        return None
    area, above, title = spec
    found = []
    if area and area in hubs:
        found.append((hubs[area]["title"], hubs[area]["url"]))
    found.extend((label, url) for label, url in ((label, _url(name)) for label, name in above) if url)
    found.append((title, None))
    return found
