"""What the four main-menu hub pages show (信息发布 · 解读回应 · 办事服务 · 互动交流, 国办发〔2017〕47号): for each
sub-area that exists on the current site, its newest items and a link to it. A sub-area is shown only when its
page or view exists here (an app not installed, a column the site has not got, a list with no item yet): the hub
promises nothing the visitor cannot open. The same sections make the HTML site map (views.site_map)."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from gongkai.org import sites

LATEST = 6


@dataclass(frozen=True)
class KindList:
    """A cross-department list of one kind of column, served by the hub (/xxfb/tzgg/)."""

    slug: str
    title: str
    kinds: tuple
    area: str
    intro: str


LISTS = {
    spec.slug: spec
    for spec in (
        KindList("tzgg", "通知公告", ("notice",), "xxfb", "各部门发布的通知、公告、公示。"),
        KindList("zcwj", "政策文件", ("policy",), "xxfb", "各部门制发的规范性文件和其他政策文件。"),
        KindList("gzdt", "工作动态", ("news",), "xxfb", "各部门的工作动态。"),
        KindList("zcjd", "政策解读", ("interpretation", "graphic"), "jdhy", "政策文件的文字解读和图解。"),
        KindList("tujie", "图解", ("graphic",), "jdhy", "用图表解读政策文件。"),
    )
}

#: the home page's blocks and the list each one's 更多 leads to (home.HOME_COLUMNS keys)
HOME_BLOCK_LISTS = {"notice": "tzgg", "policy": "zcwj", "interpretation": "zcjd", "news": "gzdt"}

#: 我要看 / 我要办 / 我要查 / 我要问 (国办函〔2016〕108号), the entries of the services app
ENTRIES = [
    ("我要看", "政策文件", "wokan"),
    ("我要办", "业务办理", "woban"),
    ("我要查", "数据查询", "wocha"),
    ("我要问", "答疑解惑", "wowen"),
]


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def entries():
    """The four entries with their addresses; empty when the services app is not installed."""
    if not apps.is_installed("gongkai.services"):
        return []
    found = [(label, tab, _url("services:entry", slug)) for label, tab, slug in ENTRIES]
    return [(label, tab, url) for label, tab, url in found if url]


def items_of(kinds, site):
    """The site's live, not withdrawn items of these column kinds, newest first."""
    GovInfoPage = apps.get_model("disclosure", "GovInfoPage")
    items = GovInfoPage.objects.live().public().filter(column_kind__in=kinds, withdrawn=False)
    if site is not None:
        items = items.descendant_of(site.root_page)
    return (
        items.select_related("department")
        .only("title", "url_path", "path", "depth", "published_date", "genre", "department__short_name")
        .order_by("-published_date", "-pk")
    )


def _item(page, request):
    return {"title": page.title, "url": page.get_url(request), "date": page.published_date}


def _section(title, url, intro, items=(), links=()):
    return {"title": title, "url": url, "intro": intro, "items": list(items), "links": list(links)}


def _kind_list_section(hub, spec, request, site):
    items = list(items_of(spec.kinds, site)[:LATEST])
    if not items:
        return None
    return _section(
        spec.title, f"{hub.get_url(request)}{spec.slug}/", spec.intro, [_item(p, request) for p in items]
    )


def _xxfb(hub, request, site):
    found = []
    if apps.is_installed("gongkai.disclosure"):
        DisclosureRootPage = apps.get_model("disclosure", "DisclosureRootPage")
        ColumnPage = apps.get_model("disclosure", "ColumnPage")
        root = site.root_page if site else None
        catalog = DisclosureRootPage.objects.live().public()
        catalog = (catalog.descendant_of(root) if root else catalog).first()
        if catalog is not None:
            found.append(
                _section(
                    "政府信息公开目录",
                    catalog.get_url(request),
                    "按部门和栏目查阅主动公开的政府信息，含政府信息公开指南、制度和年报。",
                )
            )
        for slug in ("tzgg", "zcwj", "gzdt"):
            found.append(_kind_list_section(hub, LISTS[slug], request, site))
        laws = ColumnPage.objects.live().public().filter(kind="laws")
        laws = (laws.descendant_of(root) if root else laws).order_by("path").first()
        if laws is not None:
            latest = items_of(("laws",), site).descendant_of(laws)[:LATEST]
            found.append(
                _section(
                    laws.title,
                    laws.get_url(request),
                    "与政府信息公开和本地工作相关的法律、法规和规章。",
                    [_item(p, request) for p in latest],
                )
            )
        url = _url("standard_catalog")
        if url:
            found.append(_section("基层政务公开标准目录", url, "26 个试点领域的标准目录及其对应的公开信息。"))
    return found


def _jdhy(hub, request, site):
    if not apps.is_installed("gongkai.disclosure"):
        return []
    return [_kind_list_section(hub, LISTS[slug], request, site) for slug in ("zcjd", "tujie")]


def _bsfw(hub, request, site):
    if not apps.is_installed("gongkai.services"):
        return []
    from gongkai.services.models import LIST_TYPE_SLUGS, ListType, Theme

    labels = dict(ListType.choices)
    themes = Theme.objects.filter(active=True).order_by("sort_order", "pk")
    return [
        _section(
            "主题服务",
            _url("services:index"),
            "按教育、社保、住房、医疗等民生主题查找政策、办事、数据和问答。",
            links=[(t.name, t.get_absolute_url()) for t in themes]
            + [(label, url) for label, _tab, url in entries()],
        ),
        _section(
            "政务服务事项",
            _url("services:catalog"),
            "各部门政务服务事项的办事指南与“清、减、降、放”改革成果。",
        ),
        _section(
            "“放管服”改革清单",
            _url("services:list", next(iter(LIST_TYPE_SLUGS))),
            "权责清单、公共服务事项清单、中介服务事项清单等。",
            links=[(labels[value], _url("services:list", slug)) for slug, value in LIST_TYPE_SLUGS.items()],
        ),
    ]


def _hdjl(hub, request, site):
    found = []
    if apps.is_installed("gongkai.foi"):
        found.append(
            _section(
                "依申请公开",
                _url("foi:apply"),
                "在线提交政府信息公开申请，凭查询码查看办理进度和告知书。",
                links=[("在线申请", _url("foi:apply")), ("进度查询", _url("foi:track"))],
            )
        )
    if apps.is_installed("gongkai.interaction"):
        from gongkai.core import textcheck
        from gongkai.interaction.models import Case

        latest = (
            Case.objects.on_board()
            .filter(sites.public_site_q("site", site))
            .only("code", "title", "published_at")
            .order_by("-published_at", "-id")[:LATEST]
        )
        found.append(
            _section(
                "留言咨询",
                _url("interaction:board"),
                "向有关部门留言咨询、建言献策，答复公开。",
                [
                    {
                        "title": textcheck.mask_personal_data(c.title),
                        "url": _url("interaction:detail", c.code),
                        "date": c.published_at,
                    }
                    for c in latest
                ],
                links=[("我要留言", _url("interaction:write")), ("查询答复", _url("interaction:query"))],
            )
        )
        found.append(
            _section(
                "我为政府网站找错",
                _url("interaction:site_error"),
                "发现错别字、链接失效、内容过期等问题，请告诉我们。",
                links=[("查询办理结果", _url("interaction:site_error_query"))],
            )
        )
    if apps.is_installed("gongkai.newmedia"):
        found.append(
            _section("政务新媒体", _url("newmedia:matrix"), "本站各部门开设的政务微信、微博、抖音等账号。")
        )
    return found


AREAS = {"xxfb": _xxfb, "jdhy": _jdhy, "bsfw": _bsfw, "hdjl": _hdjl}


def sections(hub, request):
    """The hub's sections that exist on the request's site, in order."""
    site = hub.get_site() if request is None else sites.current_site(request)
    build = AREAS.get(hub.area)
    return [s for s in (build(hub, request, site) if build else []) if s and s["url"]]
