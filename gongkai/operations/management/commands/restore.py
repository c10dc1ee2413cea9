from django.core.management.base import BaseCommand, CommandError

from gongkai.operations import backup


class Command(BaseCommand):
    help = (
        "从备份恢复：先校验全部校验和，目标非空时拒绝（--force 覆盖），恢复后核对行数、上传文件并校验审计链。"
        "见 docs/backup.md。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份目录（gongkai-backup-…）")
        parser.add_argument("--database-url", help="恢复到另一个数据库（默认：当前配置的 DATABASE_URL）")
        parser.add_argument("--media-root", help="恢复公开上传文件到此目录（默认：MEDIA_ROOT）")
        parser.add_argument(
            "--private-root", help="恢复群众提交的非公开文件到此目录（默认：GONGKAI_PRIVATE_ROOT）"
        )
        parser.add_argument("--force", action="store_true", help="目标已有数据时仍然覆盖")
        parser.add_argument("--verify-only", action="store_true", help="只校验备份的完整性，不恢复")

    def handle(self, *args, path, database_url, media_root, private_root, force, verify_only, **options):
        try:
            if verify_only:
                manifest = backup.verify(path)
                self.stdout.write(f"备份完整：{len(manifest['files'])} 个文件的校验和全部相符。")
                return
            report = backup.restore(
                path, database_url=database_url, media_root=media_root, private_root=private_root, force=force
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            raise CommandError("恢复后核对发现问题：\n" + "\n".join(report.problems))
        self.stdout.write(
            f"恢复完成：{report.rows} 行、上传文件 {report.files} 个与备份一致；"
            f"审计链完整：共校验 {report.audit_checked} 条记录。"
        )
