import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import calendar_io, workdays


class Command(BaseCommand):
    help = (
        "法定日历：import CSV 导入、export 导出、seed 从 chinese_calendar 补齐、add 计算 N 个工作日后的日期。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入 CSV（date,kind,name,source），覆盖文件所含年度")
        imp.add_argument("path")
        exp = sub.add_parser("export", help="导出 CSV 到标准输出")
        exp.add_argument("--year", type=int, action="append")
        sub.add_parser("seed", help="从 chinese_calendar 补齐缺失的日期")
        add = sub.add_parser("add", help="计算 START 之后第 N 个工作日")
        add.add_argument("start")
        add.add_argument("days", type=int)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "import":
            with open(options["path"], encoding="utf-8-sig") as fh:
                text = fh.read()
            try:
                count, years = calendar_io.import_csv(text, None)
            except calendar_io.CalendarImportError as exc:
                raise CommandError("导入失败，未做任何修改：\n" + "\n".join(exc.errors)) from exc
            self.stdout.write(f"已导入 {count} 条，年度：{'、'.join(map(str, years))}。")
        elif action == "export":
            sys.stdout.write(calendar_io.export_csv(options.get("year")))
        elif action == "seed":
            n = calendar_io.seed_from_chinese_calendar()
            workdays.invalidate()
            self.stdout.write(f"chinese_calendar 共 {n} 条，已补齐缺失日期。")
        elif action == "add":
            try:
                result = workdays.add_workdays(datetime.date.fromisoformat(options["start"]), options["days"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{result.due.isoformat()}{'（暂定）' if result.provisional else ''}")
            self.stdout.write(result.explain())
