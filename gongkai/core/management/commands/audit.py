from django.core.management.base import BaseCommand, CommandError

from gongkai.core import audit


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链，报告第一处断裂。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = audit.verify()
        if result.ok:
            self.stdout.write(f"审计链完整：共校验 {result.checked} 条记录。")
            return
        where = f"第 {result.broken_id} 号记录" if result.broken_id else "链尾"
        raise CommandError(f"审计链断裂于{where}：{result.reason}（此前 {result.checked} 条完好）。")
