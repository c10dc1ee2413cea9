from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import intake
        from .models import Category

        post_save.connect(intake.clear_category_cache, sender=Category, dispatch_uid="interaction_categories")
        post_delete.connect(
            intake.clear_category_cache, sender=Category, dispatch_uid="interaction_categories_del"
        )
