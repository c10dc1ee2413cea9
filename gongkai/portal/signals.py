from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from . import published


def _enqueue(page_id):
    if published.published_root() is None:
        return
    from .tasks import refresh_published_task

    transaction.on_commit(lambda: refresh_published_task.enqueue(page_id))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    _enqueue(instance.pk)


def connect_disclosure():
    from gongkai.disclosure.signals import gov_info_changed

    @receiver(gov_info_changed, weak=False)
    def item_changed(sender, page_id, **kwargs):
        _enqueue(page_id)
