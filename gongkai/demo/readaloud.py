"""Demo: pre-synthesise read-aloud audio for the most recently published public pages, as the worker does after
publishing (the rest are synthesised on demand or by the worker). Idempotent — a second run finds every sentence
cached and makes nothing."""

from wagtail.models import Page

from gongkai.readaloud import services

DEMO_PAGES = 12  # keeps `gongkai demo` well under a minute


def load(stdout):
    pages = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("-last_published_at")
        .values_list("pk", flat=True)[:DEMO_PAGES]
    )
    made = sum(services.generate_page_audio(page_id) for page_id in pages)
    stdout.write(f"  朗读音频：{len(pages)} 个最新公开页面，新合成 {made} 句")
