from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def grant_services_permissions(sender, app_config=None, using="default", **kwargs):
    """org grants role permissions on its own post_migrate, before this app's permissions exist on a fresh
    database (django.contrib.auth and wagtail.snippets create them in receivers connected after ours): create them, then grant
    them. Both steps are idempotent."""
    if app_config is None or app_config.label != "services":
        return
    from django.contrib.auth.management import create_permissions
    from wagtail.snippets.models import create_extra_permissions

    from gongkai.org.setup import ensure_role_permissions

    create_permissions(app_config, verbosity=0, using=using)
    create_extra_permissions(app_config, using=using)  # publish_guide, lock_guide … of the guide snippet
    ensure_role_permissions()
