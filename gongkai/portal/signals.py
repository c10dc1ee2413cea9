from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import published


def refresh_later(page_id):
    """Refresh the published copy of a page once the current transaction commits (pillars above the portal call
    this from their own events, e.g. disclosure's gov_info_changed)."""
    if published.published_root() is None:
        return
    from .tasks import refresh_published_task

    transaction.on_commit(lambda: refresh_published_task.enqueue(page_id))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    refresh_later(instance.pk)


@receiver(post_page_move)
@receiver(post_save)
@receiver(post_delete)
def forget_main_nav(sender, instance=None, **kwargs):
    """The cached main navigation (portal_tags.main_nav) is rebuilt after any change to a page or a site. Publishing
    and unpublishing save the page, so post_save covers them (page_published would only repeat it)."""
    if not isinstance(instance, Page | Site):
        return
    from .models import home_links_key
    from .templatetags.portal_tags import nav_cache_key

    site_ids = list(Site.objects.values_list("pk", flat=True))
    keys = [nav_cache_key(pk) for pk in site_ids] + [home_links_key(pk) for pk in site_ids]
    cache.delete_many(keys)
    # and again once committed: a request between the two could have cached the navigation as it was before
    transaction.on_commit(lambda: cache.delete_many(keys))


def _identity_defaults():
    from .models import SiteIdentity

    return {f.name: f.default for f in SiteIdentity._meta.fields if f.name in ("site_name", "sponsor")}


@receiver(pre_save, sender="portal.SiteIdentity")
def new_identity_takes_the_site_name(sender, instance, **kwargs):
    """A new site's identity starts with its own name (the Wagtail site's name), not the defaults written for the
    city's site: a town's footer never says 恩施市人民政府 before its office has filled in the settings."""
    if not instance._state.adding or instance.site.is_default_site or not instance.site.site_name:
        return
    for name, default in _identity_defaults().items():
        if getattr(instance, name) == default:
            setattr(instance, name, instance.site.site_name)


@receiver(post_save, sender="portal.SiteIdentity")
def forget_error_shell(sender, instance, **kwargs):
    from gongkai.core.errors import forget_shell

    forget_shell()


@receiver(post_save, sender=Site)
def site_saved(sender, instance, **kwargs):
    """Every site whose root is the portal's home page gets its hubs, 联系我们 and 网站声明 (setup.py) — once the
    transaction that saved it commits, so what the same transaction writes into its identity is in them."""
    from .setup import ensure_site_pages

    pk = instance.pk

    def run():
        site = Site.objects.filter(pk=pk).select_related("root_page").first()
        if site is not None:
            ensure_site_pages(site)

    transaction.on_commit(run)


@receiver(post_migrate)
def site_pages_after_migrate(sender, app_config=None, using="default", **kwargs):
    if app_config is None or app_config.label != "portal":
        return
    from .setup import ensure_site_pages

    for site in Site.objects.using(using).select_related("root_page"):
        ensure_site_pages(site)
