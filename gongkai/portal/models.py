"""The public portal's page types and the site identity (RULES.md §8)."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site


def home_links_key(site_id):
    return f"portal:home-links:{site_id}"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What the footer and the site-identity <meta> tags say about the site (政府网站标识码, 备案号 …)."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="恩施市人民政府")
    site_domain = models.CharField(_("网站域名"), max_length=100, default="www.enshi.gov.cn")
    site_id_code = models.CharField(
        _("政府网站标识码"),
        max_length=10,
        default="4228010001",
        help_text=_("10 位政府网站标识码（SiteIDCode）"),
    )
    sponsor = models.CharField(_("主办单位"), max_length=100, default="恩施市人民政府办公室")
    organizer = models.CharField(
        _("承办单位"), max_length=100, blank=True, default="恩施市政务服务和大数据管理局"
    )
    contact_phone = models.CharField(_("联系电话"), max_length=40, default="0718-8222345")
    contact_address = models.CharField(_("联系地址"), max_length=200, default="湖北省恩施市舞阳大道 139 号")
    contact_email = models.EmailField(_("联系邮箱"), blank=True, default="")
    icp_number = models.CharField(_("ICP 备案号"), max_length=60, default="鄂ICP备05003320号")
    police_number = models.CharField(
        _("公安机关备案号"), max_length=60, default="鄂公网安备 42280102000101号"
    )
    conac_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        default="",
        help_text=_(
            "开办审核后由机构编制部门发放的网站标识证书地址（bszs.conac.cn）；留空时只显示标识，不加链接"
        ),
    )
    contact_hours = models.CharField(
        _("办公时间"), max_length=100, blank=True, default="工作日 上午 8:30—12:00，下午 14:30—17:30"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("site_domain"), FieldPanel("site_id_code")],
            heading=_("网站标识"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organizer"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("contact_email"),
                FieldPanel("contact_hours"),
            ],
            heading=_("主办与联系"),
        ),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("police_number"), FieldPanel("conac_url")],
            heading=_("备案与网站标识"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识与页脚")

    @property
    def police_record_code(self):
        """The digits of the 公安机关备案号, as beian.gov.cn's look-up page takes them."""
        return "".join(ch for ch in self.police_number if ch.isdigit())

    def shell(self):
        """What the error pages show of the site without asking the database (cached, core/errors.py)."""
        return {
            name: getattr(self, name)
            for name in (
                "site_name",
                "sponsor",
                "organizer",
                "contact_phone",
                "contact_address",
                "site_id_code",
                "icp_number",
                "police_number",
            )
        }


class HomePage(Page):
    """The portal's home page: the four function areas of the national guideline."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首页")

    column_type = "首页"

    def route(self, request, path_components):
        """Find the page for /a/b/c/ in one look-up of its stored url_path (indexed, migration 0002) instead of
        Wagtail's two queries per level of the tree — an item page sits five levels down. What Wagtail's walk
        decides is kept: only the last page must be live, and anything not found falls back to the walk (and its
        404). No page type of this project routes sub-paths itself; one that does must be routed by the walk."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path, path__startswith=self.path, live=True).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .home import latest_by_column
        from .hubs import HOME_BLOCK_LISTS, LISTS, entries

        context = super().get_context(request, *args, **kwargs)
        links = self.home_links(request)
        hubs = links["hubs"]
        blocks = {}
        for block in latest_by_column(self):
            slug = HOME_BLOCK_LISTS.get(block["key"])
            area = LISTS[slug].area if slug else None
            block["more"] = f"{hubs[area]}{slug}/" if area in hubs else None
            blocks[block["key"]] = block
        context["blocks"] = blocks
        context["hubs"] = hubs
        context["entries"] = entries()
        context["entry_pages"] = links["entries"]
        return context

    def home_links(self, request):
        """The hubs and the 信息发布 entries the home page links to: they change only when pages do, so they are
        built once per site and forgotten with the main navigation on any page or site change (portal/signals.py)."""
        site = Site.find_for_request(request) if request is not None else None
        key = home_links_key(site.pk if site else self.pk)
        links = cache.get(key)
        if links is None:
            links = {
                "hubs": {hub.area: hub.get_url(request) for hub in HubPage.objects.child_of(self).live()},
                "entries": self._entry_pages(request),
            }
            cache.set(key, links, 3600)
        return links

    def _entry_pages(self, request):
        """The 信息发布 entries under the blocks, only those this site has (the town has no 法律法规 column)."""
        from django.apps import apps

        found = []
        if apps.is_installed("gongkai.disclosure"):
            from django.urls import NoReverseMatch, reverse

            DisclosureRootPage = apps.get_model("disclosure", "DisclosureRootPage")
            ColumnPage = apps.get_model("disclosure", "ColumnPage")
            catalog = DisclosureRootPage.objects.live().public().descendant_of(self).first()
            if catalog is not None:
                found.append(("政府信息公开目录", catalog.get_url(request)))
            try:
                found.append(("基层政务公开标准目录", reverse("standard_catalog")))
            except NoReverseMatch:
                pass
            laws = (
                ColumnPage.objects.live()
                .public()
                .descendant_of(self)
                .filter(kind="laws")
                .order_by("path")
                .first()
            )
            if laws is not None:
                found.append(("法律法规", laws.get_url(request)))
        return found


class SimplePage(Page):
    """A plain page (关于我们, 网站地图说明, 隐私声明 …)."""

    body = RichTextField(_("正文"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("普通页面")

    column_type = "栏目页"


class HubPage(RoutablePageMixin, Page):
    """A main-menu area (信息发布 · 解读回应 · 办事服务 · 互动交流): the newest items of each of its sub-areas and a
    link to every one that exists on this site (portal/hubs.py), and the cross-department lists of its column
    kinds (/xxfb/tzgg/ …)."""

    class Area(models.TextChoices):
        XXFB = "xxfb", _("信息发布")
        JDHY = "jdhy", _("解读回应")
        BSFW = "bsfw", _("办事服务")
        HDJL = "hdjl", _("互动交流")

    area = models.CharField(_("功能区"), max_length=8, choices=Area.choices)
    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("area"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("功能区首页")

    column_type = "栏目页"

    def get_context(self, request, *args, **kwargs):
        from . import hubs

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = hubs.sections(self, request)
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("<slug:list_slug>/")
    def kind_list(self, request, list_slug):
        from django.core.paginator import Paginator
        from django.http import Http404

        from . import hubs

        spec = hubs.LISTS.get(list_slug)
        if spec is None or spec.area != self.area:
            raise Http404
        page_obj = Paginator(hubs.items_of(spec.kinds, self.get_site()), 20).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="portal/hub_list.html",
            context_overrides={
                "list": spec,
                "items": page_obj,
                "list_url": self.get_url(request) + list_slug + "/",
            },
        )
