import sys
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.core import audit, audit_vocabulary
from gongkai.operations import audit_retention


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from exc


class Command(BaseCommand):
    help = (
        "审计日志：verify 校验哈希链（含链外检查点），报告第一处断裂；checkpoint 把各链链头签名写入链外检查点文件；"
        "export 导出（CSV/xlsx，供审计管理员）；purge 归档并清理超过保存期限（至少 6 个月）的记录；"
        "vocabulary 列出全部审计操作名称及其中文名称（Markdown 表格，docs/audit.md）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "export", "purge", "vocabulary"])
        parser.add_argument("--from", dest="start", help="export：起始日期 YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="export：截止日期 YYYY-MM-DD（含）")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", "-o", help="export：输出文件（CSV 默认输出到屏幕）")
        parser.add_argument("--before", help="purge：清理此日期之前的记录 YYYY-MM-DD")
        parser.add_argument("--archive-dir", help="purge：归档 CSV 的存放目录（默认 var/audit-archive）")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _verify(self, **options):
        result = audit.verify()
        if result.ok:
            self.stdout.write(f"审计链完整：共校验 {result.checked} 条记录。")
            for note in result.notes:
                self.stdout.write(note)
            return
        where = f"第 {result.broken_id} 号记录" if result.broken_id else "链尾"
        raise CommandError(f"审计链断裂于{where}：{result.reason}（此前 {result.checked} 条完好）。")

    def _checkpoint(self, **options):
        try:
            payload = audit.write_checkpoint()
        except audit.CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        if payload is None:
            self.stdout.write("链头自上次检查点以来未变，未写入。")
            return
        self.stdout.write(
            f"已写入链外检查点：{len(payload['chains'])} 条链（{settings.GONGKAI_AUDIT_CHECKPOINT_FILE}）。"
        )

    def _export(self, start, end, format, output, **options):
        rows = audit_retention.records(_date(start) if start else None, _date(end) if end else None)
        if format == "xlsx":
            if not output:
                raise CommandError("导出 xlsx 须用 --output 指定文件。")
            Path(output).write_bytes(audit_retention.xlsx_bytes(rows))
            self.stderr.write(f"已导出到 {output}")
            return
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                count = audit_retention.write_csv(fh, rows)
            self.stderr.write(f"已导出 {count} 条到 {output}")
        else:
            audit_retention.write_csv(sys.stdout, rows)

    def _purge(self, before, archive_dir, **options):
        if not before:
            raise CommandError("purge 须用 --before 指定日期。")
        directory = Path(archive_dir) if archive_dir else Path(settings.VAR_DIR) / "audit-archive"
        try:
            count, path = audit_retention.purge(None, _date(before), directory)
        except audit_retention.RetentionError as exc:
            raise CommandError(str(exc)) from exc
        if not count:
            self.stdout.write("没有需要清理的记录。")
            return
        self.stdout.write(f"已归档并清理 {count} 条记录：{path}")

    def _vocabulary(self, **options):
        self.stdout.write(vocabulary_table())


def vocabulary_table():
    """The declared audit actions as a Markdown table, by app, a run-time name under its template."""
    rows = ["| 操作名称 | 操作 | 应用 |", "|---|---|---|"]
    for entry in audit_vocabulary.vocabulary().values():
        name = f"`{entry.name}`" + (f"（`{entry.pattern}`）" if entry.pattern else "")
        rows.append(f"| {entry.label} | {name} | {entry.app} |")
    return "\n".join(rows)
