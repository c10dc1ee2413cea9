"""The disclosure pillar's own event: `gov_info_changed`, sent with `page_id` after an item was published,
withdrawn, unpublished or its validity changed (on commit). The actions send it and the receivers in signals.py
(search index, the portal's published copy) listen; a module of its own so that neither imports the other for it."""

from django.dispatch import Signal

gov_info_changed = Signal()


def item_changed(page_id):
    from .models import GovInfoPage

    gov_info_changed.send(sender=GovInfoPage, page_id=page_id)
