"""Load the demo data of every app, in dependency order. Idempotent: a second run adds nothing."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

ORDER = [
    "core",
    "org",
    "portal",
    "disclosure",
    "foi",
    "interaction",
    "services",
    "newmedia",
    "assessment",
    "readaloud",
    "portal:demo_town",  # a second site on the platform (集约化, docs/multisite.md), after every app it fills
    "gongkai_search",  # last: rebuilds the search index from what the others loaded
]


class Command(BaseCommand):
    help = "载入演示数据（可重复执行，不会重复添加）。"

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", help="只载入指定应用的演示数据")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("生产模式不载入演示数据与演示账号。")
        only = set(options.get("only") or [])
        logins = []
        for entry in ORDER:
            label, _, module_name = entry.partition(":")  # "app" loads app.demo, "app:module" app.module
            if only and entry not in only:  # "--only portal" runs portal.demo, not portal:demo_town
                continue
            config = apps.get_app_config(label)
            module_name = f"{config.name}.{module_name or 'demo'}"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            self.stdout.write(f"· {config.verbose_name} …")
            result = module.load(self.stdout)
            if isinstance(result, dict):
                logins.extend(result.get("logins", []))
        if logins:
            self.stdout.write("\n演示账号（仅演示环境）：")
            for username, password, description in logins:
                self.stdout.write(f"  {username:<16} {password:<18} {description}")
