"""gongkai check-text PATH: UTF-8 text in, a JSON array of findings out (offsets in characters)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import textcheck


class Command(BaseCommand):
    help = "发布前机器检查：读取 UTF-8 文本文件（- 为标准输入），输出 JSON 格式的检查结果。"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
        except UnicodeDecodeError as exc:
            raise CommandError("文件不是 UTF-8 编码的文本。") from exc
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc.strerror}") from exc
        findings = [f.as_dict() for f in textcheck.check_text(text)]
        self.stdout.write(json.dumps(findings, ensure_ascii=False, indent=1))
