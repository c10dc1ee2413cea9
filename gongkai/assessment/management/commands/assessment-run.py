"""gongkai assessment-run 2025Q3 [--publish] [--today YYYY-MM-DD]: create the quarter's run if needed, compute it
from the data (keeping manual scores), print the department table; --publish freezes it."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.assessment.indicators import actions, scoring
from gongkai.assessment.indicators.models import DepartmentResult, Run


class Command(BaseCommand):
    help = (
        "季度考评：建立（如尚无）并按现有数据计算某季度考评，输出各部门得分与红黄绿；--publish 发布并冻结。"
    )

    def add_arguments(self, parser):
        parser.add_argument("period", help="考评期，如 2025Q3")
        parser.add_argument("--publish", action="store_true", help="计算后发布并冻结")
        parser.add_argument("--today", help="按哪一天计算（默认今天；季度未结束时数据截至前一天）")

    def handle(self, *args, **options):
        try:
            year, quarter, *_ = scoring.parse_period(options["period"])
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else None
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        except ValueError as exc:
            raise CommandError("--today 的格式应为 YYYY-MM-DD。") from exc
        period = scoring.period_code(year, quarter)
        try:
            # the command works for the default site; its own day also decides whether the quarter has begun
            run = Run.objects.of_site(actions.site_of(None)).filter(period=period).first()
            run = run or actions.create_run(None, period, today=today)
            if run.published:
                self.stdout.write(f"{run}已发布（{run.published_at:%Y-%m-%d}），结果冻结，不再计算。")
            else:
                run = actions.compute_run(None, run, today=today)
            self._table(run)
            if options["publish"] and not run.published:
                run = actions.publish_run(None, run)
                self.stdout.write(self.style.SUCCESS(f"{run}已发布并冻结。"))
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc

    def _table(self, run):
        results = DepartmentResult.objects.filter(run=run).select_related("department").order_by("rank", "pk")
        self.stdout.write(f"{run}（{run.start} 至 {run.end}，数据截至 {run.cutoff}）")
        for r in results:
            total = "—" if r.total is None else f"{r.total:>5}"
            mark = scoring.COLOUR_LABELS.get(r.colour, "—")
            extra = ("  否决：" + "；".join(r.veto_reasons)) if r.vetoed else ""
            pending = f"  待人工评分 {r.pending} 项" if r.pending else ""
            self.stdout.write(f"{r.rank or '':>3} {mark} {total}  {r.name}{pending}{extra}")
