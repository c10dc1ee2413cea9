"""Audited changes to departments and staff."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.core import audit

from . import roles, sites
from .models import StaffProfile

User = get_user_model()


@transaction.atomic
def create_staff(actor, *, username, full_name, password, department=None, role_list=(), title="", email=""):
    """Create a staff account bound to a department, with its roles (三员分立 checked before anything is saved)."""
    roles.check_separation(User(username=username), role_list)
    user = User(username=username, email=email, first_name=full_name, is_staff=True)
    user.set_password(password)
    user.save()
    StaffProfile.objects.create(user=user, department=department, title=title)
    groups = list(Group.objects.filter(name__in=role_list))
    if department is not None:
        groups.append(department.staff_group())
    if groups:
        user.groups.set(groups)
    sites.sync_office_groups(user)
    audit.record(
        actor,
        "staff.create",
        user,
        after={"department": department.name if department else None, "roles": sorted(role_list)},
    )
    return user


@transaction.atomic
def set_roles(actor, user, role_list):
    before = sorted(
        n
        for n in user.groups.values_list("name", flat=True)
        if not n.startswith(("部门：", sites.OFFICE_GROUP_PREFIX))
    )
    roles.check_separation(user, role_list)
    keep = [g for g in user.groups.all() if g.name.startswith("部门：")]
    user.groups.set([*Group.objects.filter(name__in=role_list), *keep])
    user.__dict__.pop("_gongkai_roles", None)
    sites.sync_office_groups(user)
    audit.record(actor, "staff.set_roles", user, before={"roles": before}, after={"roles": sorted(role_list)})
