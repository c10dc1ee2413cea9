from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.operations import backup


class Command(BaseCommand):
    help = "备份数据库与上传文件（一致的快照，附校验清单）：gongkai backup [目录]。见 docs/backup.md。"

    def add_arguments(self, parser):
        parser.add_argument(
            "destination", nargs="?", default="var/backups", help="备份存放目录（默认 var/backups）"
        )
        parser.add_argument("--no-media", action="store_true", help="只备份数据库，不含上传文件")

    def handle(self, *args, destination, no_media, **options):
        destination = destination or settings.VAR_DIR / "backups"
        try:
            path = backup.create(destination, media=not no_media)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.read_manifest(path)
        rows = sum(manifest["row_counts"].values())
        files = sum(1 for f in manifest["files"] if f["path"].startswith("media/"))
        self.stdout.write(
            f"备份完成：{path}（{manifest['database']['vendor']}，{rows} 行，上传文件 {files} 个）"
        )
