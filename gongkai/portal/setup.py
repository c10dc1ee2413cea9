"""Production set-up of the portal: the home page as the root of the default site, and the pages every site has
(the four main-menu hubs, 联系我们, 网站声明). Used wherever production code needs a catalog before any site was set
up (a department's first item, the annual report), by the demo, after every migrate and whenever a site is saved."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, HubPage, SimplePage, SiteIdentity

#: the main menu (国办发〔2017〕47号: 信息发布 · 解读回应 · 办事服务 · 互动交流) — (area, title, slug, 导语); the
#: 导语 names no sub-area, as the hub shows only those that exist (hubs.py)
HUBS = [
    (HubPage.Area.XXFB, "信息发布", "xxfb", "本站主动公开的政府信息，按栏目查阅最新发布的内容。"),
    (HubPage.Area.JDHY, "解读回应", "jdhy", "本站对政策文件的解读与回应，按栏目查阅。"),
    (HubPage.Area.BSFW, "办事服务", "bsfw", "本站提供的办事服务，按主题和事项查找。"),
    (HubPage.Area.HDJL, "互动交流", "hdjl", "与本站各部门互动交流的渠道。"),
]

CONTACT_SLUG = "lxwm"
STATEMENT_SLUG = "wzsm"


def contact_body(identity):
    lines = [
        f"<p>主办单位：{identity.sponsor}</p>",
        f"<p>承办单位：{identity.organizer}</p>" if identity.organizer else "",
        f"<p>联系地址：{identity.contact_address}</p>",
        f"<p>联系电话：{identity.contact_phone}</p>",
        f"<p>电子邮箱：{identity.contact_email}</p>" if identity.contact_email else "",
        f"<p>办公时间：{identity.contact_hours}</p>" if identity.contact_hours else "",
        "<p>咨询政策或反映问题，请通过“互动交流”中的留言咨询；申请获取政府信息，请通过依申请公开；"
        "发现本网站的错误，请通过“我为政府网站找错”告诉我们。</p>",
    ]
    return "".join(line for line in lines if line)


def statement_body(identity):
    name = identity.site_name
    return (
        "<h2>版权声明</h2>"
        f"<p>{name}网站（{identity.site_domain}）由{identity.sponsor}主办。本网站发布的政府信息可以依法转载、"
        "引用，转载时请注明来源“"
        + name
        + "”，不得歪曲、篡改原意。本网站转载的其他来源的内容，版权归原作者所有。</p>"
        "<h2>免责声明</h2>"
        "<p>本网站公开的政府信息以发布机关的正式文件为准。本网站所链接的其他网站的内容由其主办单位负责。</p>"
        "<h2>隐私声明</h2>"
        "<p>浏览本网站无需注册，也无需提供个人信息。您在提交依申请公开申请、留言、网站纠错时填写的姓名、证件号码、"
        "联系电话、地址等个人信息，仅用于办理您的申请或留言并与您联系，由本网站依法保密，"
        "除法律规定外不向第三方提供；公开答复时隐去您的个人信息，您可以选择不公开留言内容。</p>"
        "<p>本网站只使用一个记住“适老化”显示设置的 Cookie，不使用第三方统计、广告或跟踪服务。</p>"
        "<h2>联系我们</h2>"
        f"<p>对本声明有疑问，请致电 {identity.contact_phone} 或通过“我为政府网站找错”与我们联系。</p>"
    )


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_site_pages(site):
    """The pages every site has: the four hubs of the main menu, 联系我们 and 网站声明 (bodies from the site's
    identity, for the office to edit). Only a site whose root is the portal's home page; idempotent — a page the
    office moved, renamed or unpublished is left as it is (found by its slug). A demo built before the hubs existed
    has plain pages at the hubs' addresses; they are replaced."""
    root = HomePage.objects.filter(pk=site.root_page_id).first()
    if root is None:
        return
    identity = SiteIdentity.for_site(site)
    with transaction.atomic():
        children = {p.slug: p for p in Page.objects.child_of(root).specific()}  # not numchild, maybe stale
        for area, title, slug, intro in HUBS:
            page = children.get(slug)
            if page is not None and not isinstance(page, HubPage) and isinstance(page, SimplePage):
                page.delete()
                page = None
            if page is None:
                _publish_child(
                    root,
                    HubPage(title=title, slug=slug, area=area, show_in_menus=True, intro=f"<p>{intro}</p>"),
                )
        if CONTACT_SLUG not in children:
            _publish_child(root, SimplePage(title="联系我们", slug=CONTACT_SLUG, body=contact_body(identity)))
        if STATEMENT_SLUG not in children:
            _publish_child(
                root, SimplePage(title="网站声明", slug=STATEMENT_SLUG, body=statement_body(identity))
            )


def ensure_home():
    """Make a HomePage the root of the default site (replacing Wagtail's welcome page)."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="恩施市人民政府",
            slug="enshi",
            show_in_menus=False,
            intro="<p>以公开为常态、不公开为例外。欢迎访问恩施市政务公开平台。</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="恩施市人民政府"
        )
    elif site.root_page_id != home.pk:
        old = site.root_page
        site.root_page = home
        site.site_name = "恩施市人民政府"
        site.save()
        if old.depth == 2 and old.specific_class is Page and old.slug == "home":
            old.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    SiteIdentity.for_site(site)
    ensure_site_pages(site)
    return home
