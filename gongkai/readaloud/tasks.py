"""Background jobs: audio for a page after it is published (django-tasks, run by `gongkai worker`) and a daily
prune of audio that belongs to revisions no longer live."""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger("gongkai.readaloud")


@task()
def generate_page_audio(page_id: int) -> int:
    made = services.generate_page_audio(page_id)
    logger.info("read-aloud: page %s, %s sentence files made", page_id, made)
    return made


def prune_read_aloud_audio():
    deleted = services.prune_audio()
    if deleted:
        logger.info("read-aloud: pruned %s audio files of unpublished revisions", deleted)


PERIODIC = [(6 * 3600, prune_read_aloud_audio)]
