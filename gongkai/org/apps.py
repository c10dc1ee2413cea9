from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "gongkai.org"
    label = "org"
    verbose_name = "组织机构与角色"

    def ready(self):
        from . import signals  # noqa: F401
