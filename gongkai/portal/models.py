"""The public portal's page types and the site identity (RULES.md §8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


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
            ],
            heading=_("主办与联系"),
        ),
        MultiFieldPanel([FieldPanel("icp_number"), FieldPanel("police_number")], heading=_("备案")),
    ]

    class Meta:
        verbose_name = _("网站标识与页脚")


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

        context = super().get_context(request, *args, **kwargs)
        context["blocks"] = {block["key"]: block for block in latest_by_column(self)}
        return context


class SimplePage(Page):
    """A plain page (关于我们, 网站地图说明, 隐私声明 …)."""

    body = RichTextField(_("正文"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("普通页面")

    column_type = "栏目页"
