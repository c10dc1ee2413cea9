from django.core.management.base import BaseCommand
from wagtail.models import Page

from gongkai.readaloud import services


class Command(BaseCommand):
    help = "为已发布页面预先合成朗读音频（默认全部公开页面，也可指定页面 ID）。"

    def add_arguments(self, parser):
        parser.add_argument("page_ids", nargs="*", type=int, help="页面 ID（留空则为全部公开页面）")

    def handle(self, *args, **options):
        ids = options["page_ids"] or list(
            Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True)
        )
        total = 0
        for page_id in ids:
            total += services.generate_page_audio(page_id)
        self.stdout.write(f"{len(ids)} 个页面，新合成 {total} 句音频。")
