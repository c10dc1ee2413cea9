from django.apps import AppConfig


class ReadAloudConfig(AppConfig):
    name = "gongkai.readaloud"
    label = "readaloud"
    verbose_name = "语音解读（朗读）"

    def ready(self):
        from . import signals  # noqa: F401
