"""Audited changes to departments and staff."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit, roles

from . import sites
from .models import StaffProfile

User = get_user_model()


@transaction.atomic
def create_staff(actor, *, username, full_name, password, department=None, role_list=(), title="", email=""):
    """Create a staff account bound to a department, with its roles (三员分立 checked before anything is saved).
    The initial password goes through the platform's policy like every other password path
    (`AUTH_PASSWORD_VALIDATORS`, gongkai/accounts/passwords.py): nothing is saved if it fails."""
    from django.contrib.auth import password_validation

    roles.check_separation(User(username=username), role_list)
    user = User(username=username, email=email, first_name=full_name, is_staff=True)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError([f"初始密码不符合密码策略：{message}" for message in exc.messages]) from exc
    user.set_password(password)
    user.save()
    StaffProfile.objects.create(user=user, department=department, title=title)
    _set_groups(user, role_list)
    audit.record(
        actor,
        "staff.create",
        user,
        after={"department": department.name if department else None, "roles": sorted(role_list)},
    )
    return user


def _department_group(user, role_list):
    """The staff group of the account's department — it carries the page permissions on the department's catalog —
    for an account with a department and no administrator role (三员分立: none of the three edits content)."""
    profile = StaffProfile.objects.filter(user=user).select_related("department").first()
    if profile is None or profile.department is None or set(role_list) & set(roles.THREE_ADMINS):
        return None
    return profile.department.staff_group()


def _set_groups(user, role_list):
    """The account's groups: its roles, its department's staff group (see above), its site's office group."""
    group = _department_group(user, role_list)
    user.groups.set([*Group.objects.filter(name__in=role_list), *([group] if group else [])])
    user.__dict__.pop("_gongkai_roles", None)
    sites.sync_office_groups(user)


@transaction.atomic
def set_roles(actor, user, role_list):
    before = sorted(
        n
        for n in user.groups.values_list("name", flat=True)
        if not n.startswith((roles.DEPARTMENT_GROUP_PREFIX, sites.OFFICE_GROUP_PREFIX))
    )
    roles.check_separation(user, role_list)
    _set_groups(user, role_list)
    audit.record(actor, "staff.set_roles", user, before={"roles": before}, after={"roles": sorted(role_list)})


DEPARTMENT_FIELDS = ["name", "short_name", "code", "kind", "doc_prefix", "phone", "address", "sort_order", "active",
                     "site"]  # fmt: skip


def _department_state(department):
    return {
        f: (getattr(department, f"{f}_id") if f == "site" else getattr(department, f))
        for f in DEPARTMENT_FIELDS
    }


@transaction.atomic
def save_department(actor, department):
    """Create or change a department (the form has validated it). A new department gets its staff group and —
    through `department_created` — its catalog in the disclosure directory of its site; a renamed one keeps its
    staff group (and with it the page permissions on its catalog) under the new name."""
    from .signals import department_created

    adding = department._state.adding
    before = None
    if not adding:
        old = type(department).objects.select_for_update().get(pk=department.pk)
        before = _department_state(old)
        if old.name != department.name:
            Group.objects.filter(name=old.group_name).update(name=department.group_name)
    department.save()
    department.staff_group()
    if adding:
        department_created.send(sender=type(department), department=department)
    after = _department_state(department)
    audit.record(
        actor,
        "department.create" if adding else "department.change",
        department,
        before=None if adding else {k: v for k, v in before.items() if after[k] != v},
        after=after if adding else {k: v for k, v in after.items() if before[k] != v},
    )
    return department


@transaction.atomic
def update_staff(actor, user, *, full_name, email, title, department, active):
    """Change a staff account's name, e-mail, title, department and whether it may sign in. Moving to another
    department moves the account to that department's staff group (its page permissions); a deactivated account
    keeps its history and can be reactivated."""
    profile, _ = StaffProfile.objects.get_or_create(user=user)
    old_department = profile.department
    before = {"full_name": user.first_name, "email": user.email, "title": profile.title,
              "department": old_department.name if old_department else None, "active": user.is_active}  # fmt: skip
    user.first_name, user.email, user.is_active = full_name, email, active
    user.save(update_fields=["first_name", "email", "is_active"])
    profile.title, profile.department = title, department
    profile.save(update_fields=["title", "department"])
    if (old_department.pk if old_department else None) != (department.pk if department else None):
        user.groups.remove(*Group.objects.filter(name__startswith=roles.DEPARTMENT_GROUP_PREFIX))
        group = _department_group(user, user.groups.values_list("name", flat=True))
        if group is not None:
            user.groups.add(group)
        user.__dict__.pop("_gongkai_roles", None)
        user.__dict__.pop(sites._SCOPE_ATTR, None)
        sites.sync_office_groups(user)
    after = {"full_name": full_name, "email": email, "title": title,
             "department": department.name if department else None, "active": active}  # fmt: skip
    audit.record(
        actor,
        "staff.change",
        user,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return user


@transaction.atomic
def reset_password(actor, user, password):
    """The system administrator sets a temporary password (validated like any other); it counts as expired, so
    the user must choose their own at the next login."""
    from django.contrib.auth import password_validation

    from gongkai.accounts.passwords import stamp_password_change

    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    stamp_password_change(user, when=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    audit.record(actor, "staff.password_reset", user, note="系统管理员设置临时密码，下次登录须修改")
    return user
