from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
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
    from .templatetags.portal_tags import nav_cache_key

    keys = [nav_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
    cache.delete_many(keys)
    # and again once committed: a request between the two could have cached the navigation as it was before
    transaction.on_commit(lambda: cache.delete_many(keys))
