"""Demo: pre-synthesise read-aloud audio for every published public page, as the worker does after publishing.
Idempotent — a second run finds every sentence cached and makes nothing."""

from wagtail.models import Page

from . import services


def load(stdout):
    pages = list(Page.objects.live().public().filter(depth__gt=1).values_list("pk", flat=True))
    made = sum(services.generate_page_audio(page_id) for page_id in pages)
    stdout.write(f"  朗读音频：{len(pages)} 个公开页面，新合成 {made} 句")
