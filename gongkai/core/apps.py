from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心：法定日历与审计"

    def ready(self):
        from . import checks, signals  # noqa: F401
