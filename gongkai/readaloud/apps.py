from django.apps import AppConfig


class ReadAloudConfig(AppConfig):
    name = "gongkai.readaloud"
    label = "readaloud"
    verbose_name = "语音解读（朗读）"

    def ready(self):
        from gongkai.core import protection

        from . import signals  # noqa: F401
        from .services import synthesize_mp3

        protection.set_speaker(synthesize_mp3)  # the captcha's audio alternative speaks with our engine
