"""Production set-up of the portal: the home page as the root of the default site. Used wherever production code
needs a catalog before any site was set up (a department's first item, the annual report), and by the demo."""

from wagtail.models import Page, Site

from .models import HomePage, SiteIdentity


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
