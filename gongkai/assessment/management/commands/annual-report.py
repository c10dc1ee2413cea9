"""gongkai annual-report YEAR [--department NAME] [--json] [--docx FILE]: the 政府信息公开工作年度报告's tables from
the platform's data (国办公开办函〔2021〕30号). Exit status 1 if the identity of table 三 does not hold."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.assessment.annual import actions, compute, drafts, render
from gongkai.assessment.annual.models import AnnualReport
from gongkai.org.models import Department


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：输出表二、表三、表四（--json 为机器可读格式），检查表三勾稽关系。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--department", help="部门名称、简称或统一社会信用代码；不填为本级人民政府")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出各表")
        parser.add_argument("--docx", metavar="FILE", help="同时生成 Word 文件")

    def handle(self, *args, year, department=None, json=False, docx=None, **options):
        dept = None
        if department:
            dept = Department.objects.filter(
                Q(name=department) | Q(short_name=department) | Q(code=department)
            ).first()
            if dept is None:
                raise CommandError(f"未找到部门“{department}”。")
        stored = AnnualReport.objects.filter(year=year, department=dept).first()
        data = compute.compute(year, dept)
        scope = actions.scope_name(dept)
        out = compute.as_json(data, stored.inputs if stored else None, scope=scope)
        if json:
            self.stdout.write(_dumps(out))
        else:
            self._text(out)
        if docx:
            report = AnnualReport(
                year=year,
                department=dept,
                title=actions.report_title(year, dept),
                data=data,
                inputs=stored.inputs if stored else {},
            )
            if stored:
                report.overview, report.problems, report.other_matters = (
                    stored.overview,
                    stored.problems,
                    stored.other_matters,
                )
            else:
                f = data["facts"]
                report.overview = drafts.overview(scope, year, f)
                report.problems = drafts.problems(scope, year, f)
                report.other_matters = drafts.other_matters(scope, year, f, dept is None)
            with open(docx, "wb") as fh:
                fh.write(render.build_docx(report))
            self.stderr.write(f"已生成 {docx}")
        if not out["identity"]["holds"]:
            self.stderr.write("表三勾稽关系不成立：" + "；".join(out["identity"]["imbalances"]))
            raise SystemExit(1)

    def _text(self, out):
        w = self.stdout.write
        w(f"{out['scope']}{out['year']}年政府信息公开工作年度报告（{out['format']}）")
        w("\n二、主动公开政府信息情况")
        w("  信息内容　" + "　".join(out["table2"]["columns"]))
        for label, values in out["table2"]["rows"].items():
            w(f"  {label}　" + "　".join(str(v) for v in values))
        for label, entry in out["table2"]["entered"].items():
            value = "未填报" if entry["value"] is None else entry["value"]
            w(f"  {label}　{value}（填报，来源：{entry['source'] or '未注明'}）")
        w("\n三、收到和处理政府信息公开申请情况")
        w("  " + "　".join(out["table3"]["columns"]))
        for label, values in out["table3"]["rows"].items():
            w(f"  {label}：" + " ".join(f"{v:>4}" for v in values))
        w("\n四、政府信息公开行政复议、行政诉讼情况")
        for label, values in out["table4"]["rows"].items():
            w(
                f"  {label}："
                + "　".join(f"{c} {v}" for c, v in zip(out["table4"]["columns"], values, strict=True))
            )
        w(f"\n六、信息处理费：{out['fees_yuan']} 元")
        w("勾稽关系：" + ("各列均成立" if out["identity"]["holds"] else "不成立"))


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1)
