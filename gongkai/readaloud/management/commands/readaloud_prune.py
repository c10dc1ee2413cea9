from django.core.management.base import BaseCommand

from gongkai.readaloud import services


class Command(BaseCommand):
    help = "删除已不是公开版本（或页面已撤下、转为非公开）的朗读音频。"

    def handle(self, *args, **options):
        deleted = services.prune_audio()
        self.stdout.write(f"已删除 {deleted} 个过期朗读音频文件。")
