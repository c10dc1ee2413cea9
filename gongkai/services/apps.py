from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "主题服务与政务服务事项"

    def ready(self):
        from . import signals

        signals.connect_catalog_version()
