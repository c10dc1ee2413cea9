"""Demo portal: the home page as the site root, the four function areas, and the site identity."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, SimplePage, SiteIdentity

AREAS = [
    ("信息发布", "xxfb", "政府信息公开目录、政策文件、通知公告、工作动态。"),
    ("解读回应", "jdhy", "政策解读、图解、新闻发布会、回应关切。"),
    ("办事服务", "bsfw", "主题服务、办事指南、政务服务事项与“清减降放”改革成果。"),
    ("互动交流", "hdjl", "依申请公开、领导留言、网站纠错、12345 热线、征集调查。"),
]


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
    return home


@transaction.atomic
def load(stdout):
    home = ensure_home()
    for title, slug, intro in AREAS:
        if not home.get_children().filter(slug=slug).exists():
            page = SimplePage(title=title, slug=slug, show_in_menus=True, body=f"<p>{intro}</p>")
            home.add_child(instance=page)
            page.save_revision().publish()
    stdout.write("  首页与四大功能区已就绪")
