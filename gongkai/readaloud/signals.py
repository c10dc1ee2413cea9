"""Queue audio generation when a page is published (MISSION F7: audio generated in the background after publish)."""

import logging

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

logger = logging.getLogger("gongkai.readaloud")


@receiver(page_published, dispatch_uid="readaloud_generate_on_publish")
def queue_audio_on_publish(sender, instance, **kwargs):
    from .tasks import generate_page_audio

    page_id = instance.pk

    def enqueue():
        try:
            generate_page_audio.enqueue(page_id)
        except Exception:  # publishing must never fail because audio could not be queued
            logger.exception("read-aloud: could not queue audio for page %s", page_id)

    transaction.on_commit(enqueue)
