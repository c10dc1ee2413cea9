"""`gongkai site_health`: run the site health checks once, now, and print the verdict of each check."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.assessment.health import actions
from gongkai.assessment.health.models import HealthRun


class Command(BaseCommand):
    help = "立即执行一次网站健康检查（首页与栏目更新、空白栏目、留言、办事指南、政务新媒体、链接与附件），打印结论。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", help="抓取的网站地址（默认 GONGKAI_HEALTH_BASE_URL 或 GONGKAI_BASE_URL）"
        )
        parser.add_argument("--max-pages", type=int, help="最多抓取的页面数")
        parser.add_argument("--delay", type=float, help="两次请求之间的间隔（秒）")
        parser.add_argument("--no-crawl", action="store_true", help="不抓取网站，只做数据库中的检查")

    def handle(self, *args, **options):
        overrides = {}
        if options["max_pages"] is not None:
            overrides["max_pages"] = options["max_pages"]
        if options["delay"] is not None:
            overrides["delay"] = options["delay"]
        try:
            run = actions.request_run(None, HealthRun.Trigger.COMMAND, enqueue=False)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        config = None if options["no_crawl"] else actions.crawl_config(options["base_url"], **overrides)
        run = actions.execute(run.pk, crawl=not options["no_crawl"], config=config)
        if run.status != HealthRun.Status.DONE:
            raise CommandError(f"检查失败：{run.error}")
        for result in run.checks.all():
            self.stdout.write(
                f"{result.get_status_display()}  {result.get_check_code_display()}：{result.detail}"
            )
        if run.crawl_note:
            self.stdout.write(f"抓取：{run.crawl_note}")
        self.stdout.write(f"总体结论：{run.get_overall_display()}（检查记录 {run.pk}）")
