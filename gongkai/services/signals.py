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


# --- the facet index's version (facet_index.py): bumped in the transaction of every change it depends on -------
def _bump(sender, raw=False, **kwargs):
    if raw:
        return
    from .models import CatalogVersion

    CatalogVersion.bump()


def _bump_on_links(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _bump(sender)


def connect_catalog_version():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from gongkai.org.models import Department

    from .models import ServiceItem, Theme

    for model in (ServiceItem, Theme, Department):
        post_save.connect(_bump, sender=model, dispatch_uid=f"services_catalog_version_save_{model.__name__}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"services_catalog_version_del_{model.__name__}"
        )
    m2m_changed.connect(
        _bump_on_links, sender=ServiceItem.themes.through, dispatch_uid="services_catalog_version_links"
    )
