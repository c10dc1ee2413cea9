from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_migrate, pre_save
from django.dispatch import Signal, receiver

from gongkai.core import roles

User = get_user_model()

# sent by actions.save_department inside its transaction when a department is created (the disclosure app gives it
# its catalog)
department_created = Signal()


@receiver(m2m_changed, sender=User.groups.through)
def enforce_three_admin_separation(sender, instance, action, pk_set, reverse, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(...)
        group = instance
        for user in User.objects.filter(pk__in=pk_set):
            names = set(user.groups.values_list("name", flat=True)) | {group.name}
            roles.check_separation(user, names)
        return
    names = set(instance.groups.values_list("name", flat=True))
    names |= set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    roles.check_separation(instance, names)
    instance.__dict__.pop("_gongkai_roles", None)


@receiver(pre_save, sender=User)
def three_admins_are_not_superusers(sender, instance, **kwargs):
    if instance.pk and instance.is_superuser:
        names = set(instance.groups.values_list("name", flat=True))
        roles.check_separation(instance, names)


@receiver(post_migrate)
def create_role_groups(sender, app_config=None, **kwargs):
    """After each app migrates, grant the roles what every app's permissions.py lists: an app's permissions exist
    only once auth's receiver ran for it, which comes after this one, so the apps after ours complete the set.
    Idempotent."""
    if app_config is None:
        return
    from .setup import ensure_role_permissions

    ensure_role_permissions()
