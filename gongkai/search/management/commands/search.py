"""gongkai search reindex — rebuild the site search index from every app's search_sources.py."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.search import index, views
from gongkai.search.models import SearchEntry


class Command(BaseCommand):
    help = "站内检索：reindex 从各应用的 search_sources.py 重建索引（带进度条）；stats 显示各类别条目数。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("reindex", help="重建全部索引")
        rebuild.add_argument("--batch-size", type=int, default=1000)
        rebuild.add_argument("--no-progress", action="store_true", help="不显示进度条")
        sub.add_parser("stats", help="各类别条目数")

    def handle(self, *args, **options):
        if options["action"] == "reindex":
            if options["batch_size"] < 1:
                raise CommandError("--batch-size 应为正整数。")
            modules = index.source_modules()
            names = "、".join(m.__name__.removesuffix(".search_sources") for m in modules) or "（无）"
            self.stdout.write(f"索引来源：{names}")
            bar = tqdm(
                unit="条",
                desc="重建索引",
                disable=options["no_progress"],
                file=self.stderr._out,
                dynamic_ncols=True,
            )
            try:
                written = index.reindex(batch_size=options["batch_size"], progress=bar.update)
            except (ValueError, TypeError) as exc:
                raise CommandError(f"重建失败，原索引未改动：{exc}") from exc
            finally:
                bar.close()
            views.invalidate()
            self.stdout.write(self.style.SUCCESS(f"已重建检索索引，共 {written} 条。"))
        else:
            for kind, label in SearchEntry._meta.get_field("kind").choices:
                self.stdout.write(f"{label}：{SearchEntry.objects.filter(kind=kind).count()}")
