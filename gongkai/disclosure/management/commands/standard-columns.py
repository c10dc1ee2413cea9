"""gongkai standard-columns: regenerate the standard columns from the office's templates, or mark a column
本单位暂无/不涉及 as an office user (docs/disclosure.md, 'No empty column')."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from gongkai.core.refusals import NotPermitted
from gongkai.disclosure import actions, standard_columns
from gongkai.disclosure.models import Absence, ColumnPage


class Command(BaseCommand):
    help = "按政务公开办的模板重新生成各部门的标准栏目（指南、制度、依申请公开），或以政务公开办账号标注栏目“本单位暂无/不涉及”。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        gen = sub.add_parser("generate", help="重新生成标准栏目（默认）")
        gen.add_argument("--site", type=int, help="只生成该站点（编号）的部门目录")
        mark = sub.add_parser("mark", help="标注栏目本单位暂无/不涉及（审计留痕）")
        mark.add_argument("--user", required=True, help="政务公开办账号")
        mark.add_argument("--column", type=int, required=True, help="栏目页面编号")
        mark.add_argument(
            "--absence", choices=[*Absence.values, "none"], required=True, help="none：取消标注"
        )
        mark.add_argument("--note", default="", help="栏目说明（标注时必填，至少 10 个字）")

    def handle(self, *args, **options):
        if options.get("action") == "mark":
            return self._mark(**options)
        site = None
        if options.get("site"):
            site = Site.objects.filter(pk=options["site"]).first()
            if site is None:
                raise CommandError(f"没有编号为 {options['site']} 的站点。")
        changed = standard_columns.generate_site(site)
        self.stdout.write(f"已重新生成标准栏目 {changed} 个（内容未变的栏目不计）。")

    def _mark(self, **options):
        user = get_user_model().objects.filter(username=options["user"]).first()
        column = ColumnPage.objects.filter(pk=options["column"]).first()
        if user is None:
            raise CommandError(f"没有账号 {options['user']}。")
        if column is None:
            raise CommandError(f"没有编号为 {options['column']} 的栏目。")
        absence = "" if options["absence"] == "none" else options["absence"]
        try:
            actions.mark_column_absence(user, column, absence, options["note"])
        except (NotPermitted, ValidationError) as exc:
            messages = getattr(exc, "messages", None) or [str(exc)]
            raise CommandError("；".join(messages)) from exc
        self.stdout.write(
            f"已标注：{column.title}（{column.department or ''}）{Absence(absence).label if absence else '已取消标注'}"
        )
