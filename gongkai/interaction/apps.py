from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "gongkai.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import intake, search_sources
        from .models import Case, Category

        post_save.connect(intake.clear_category_cache, sender=Category, dispatch_uid="interaction_categories")
        post_delete.connect(
            intake.clear_category_cache, sender=Category, dispatch_uid="interaction_categories_del"
        )
        # published messages in the site search, kept current as actions publish, change or withdraw them
        post_save.connect(search_sources.case_saved, sender=Case, dispatch_uid="interaction_case_search")
        post_delete.connect(
            search_sources.case_deleted, sender=Case, dispatch_uid="interaction_case_search_del"
        )
