from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "gongkai.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        from . import panels, signals, workflow  # noqa: F401

        panels.attach()  # the item page's editor
        workflow.attach()  # what the review task calls
