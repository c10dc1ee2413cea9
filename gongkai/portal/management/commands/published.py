from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.portal import published


class Command(BaseCommand):
    help = "静态发布：build 把全部公开页面渲染为静态文件（GONGKAI_PUBLISHED_ROOT），供 nginx 直接提供。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build"])

    def handle(self, *args, **options):
        if published.published_root() is None:
            raise CommandError("未设置 GONGKAI_PUBLISHED_ROOT。")
        with tqdm(desc="渲染页面", unit="页") as bar:
            count = published.build_all(progress=bar.update)
        self.stdout.write(f"已生成 {count} 个静态页面：{published.published_root()}")
