"""Load the demo data, in dependency order. Idempotent: a second run adds nothing."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

#: (name for --only, module of gongkai.demo with load(stdout), what it loads)
ORDER = [
    ("org", "org", "组织机构与演示账号"),
    ("portal", "portal", "门户首页与功能区"),
    ("disclosure", "disclosure", "政府信息公开目录与信息"),
    ("foi", "foi", "依申请公开"),
    ("interaction", "interaction", "互动交流"),
    ("services", "services", "办事服务"),
    ("newmedia", "newmedia", "政务新媒体"),
    ("assessment", "assessment", "考核评估"),
    ("readaloud", "readaloud", "网页朗读"),
    ("town", "town", "第二个站点：龙凤镇（集约化，docs/multisite.md）"),  # after every app it fills
    ("search", "search", "站内检索索引"),  # last: rebuilds the index from what the others loaded
]


class Command(BaseCommand):
    help = "载入演示数据（可重复执行，不会重复添加）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            choices=[name for name, _, _ in ORDER],
            help="只载入指定部分的演示数据（可重复）",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("生产模式不载入演示数据与演示账号。")
        only = set(options.get("only") or [])
        logins = []
        for name, module_name, description in ORDER:
            if only and name not in only:
                continue
            module = importlib.import_module(f"gongkai.demo.{module_name}")
            self.stdout.write(f"· {description} …")
            result = module.load(self.stdout)
            if isinstance(result, dict):
                logins.extend(result.get("logins", []))
        if logins:
            self.stdout.write("\n演示账号（仅演示环境）：")
            for username, password, description in logins:
                self.stdout.write(f"  {username:<16} {password:<18} {description}")
