"""三员分立 and department isolation."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import roles
from gongkai.core.models import AuditRecord
from gongkai.org.actions import create_staff, set_roles
from gongkai.org.models import Department, DepartmentOwned, StaffProfile


@pytest.mark.parametrize(
    ("first", "second"),
    [(roles.SYSADMIN, roles.AUDITOR), (roles.SECADMIN, roles.AUDITOR), (roles.SYSADMIN, roles.SECADMIN)],
)
def test_no_account_holds_two_of_the_three_administrator_roles(db, make_staff, first, second):
    user = make_staff(None, first)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        user.groups.add(Group.objects.get(name=second))
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        Group.objects.get(name=second).user_set.add(user)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        set_roles(None, user, [first, second])
    assert set(user.groups.values_list("name", flat=True)) == {first}


def test_create_staff_refuses_two_administrator_roles_and_stores_nothing(db):
    with pytest.raises(ValidationError):
        create_staff(
            None,
            username="both",
            full_name="兼任者",
            password="Xx-123456789",
            role_list=[roles.SYSADMIN, roles.AUDITOR],
        )
    assert not StaffProfile.objects.filter(user__username="both").exists()


def test_an_administrator_cannot_be_made_superuser(db, make_staff):
    user = make_staff(None, roles.AUDITOR)
    user.is_superuser = True
    with pytest.raises(ValidationError, match="超级用户"), transaction.atomic():
        user.save()


@pytest.mark.parametrize("admin", roles.THREE_ADMINS)
@pytest.mark.parametrize("business", [roles.EDITOR, roles.REVIEWER_SECRECY, roles.OFFICE, roles.OFFICE_HEAD])
def test_an_administrator_role_never_goes_with_a_business_role(db, make_staff, edu, admin, business):
    """三员分立 also separates administration from business: the security administrator does not also edit or
    review items, the auditor does not audit his own casework."""
    with pytest.raises(ValidationError, match="不能同时承担业务角色"):
        make_staff(edu, business, admin)
    user = make_staff(edu, business)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        user.groups.add(Group.objects.get(name=admin))
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        set_roles(None, user, [business, admin])
    admin_user = make_staff(None, admin)
    with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
        Group.objects.get(name=business).user_set.add(admin_user)
    assert roles.role_names(admin_user) == {admin}


def test_a_superuser_holds_no_business_role(db, make_staff, edu):
    user = make_staff(edu, roles.EDITOR)
    user.is_superuser = True
    with pytest.raises(ValidationError, match="超级用户"), transaction.atomic():
        user.save()


def test_role_changes_are_audited(db, make_staff, edu):
    user = make_staff(edu, roles.EDITOR)
    set_roles(None, user, [roles.REVIEWER_SECTION])
    rec = AuditRecord.objects.filter(action="staff.set_roles").get()
    assert rec.before == {"roles": [roles.EDITOR]}
    assert rec.after == {"roles": [roles.REVIEWER_SECTION]}


def test_only_the_auditor_may_read_the_audit_trail(db, make_staff, edu, office_dept):
    auditor = make_staff(None, roles.AUDITOR)
    others = [
        make_staff(None, roles.SYSADMIN),
        make_staff(None, roles.SECADMIN),
        make_staff(edu, roles.EDITOR),
        make_staff(office_dept, roles.OFFICE, roles.OFFICE_HEAD),
    ]
    assert auditor.has_perm("core.view_auditrecord")
    for user in others:
        assert not user.has_perm("core.view_auditrecord"), user.username


def test_department_scoped_queryset_sees_only_its_own_department(db, make_staff, edu, hrss, office_dept):
    editor = make_staff(edu, roles.EDITOR)
    office = make_staff(office_dept, roles.OFFICE)
    outsider = make_staff(None, roles.SECADMIN)
    scoped = Department.objects.all()
    # Department itself is not DepartmentOwned; check the generic scoping on a queryset class built on it
    from gongkai.org.models import DepartmentScopedQuerySet

    class DeptQS(DepartmentScopedQuerySet):
        department_field = "pk"

    qs = DeptQS(model=Department)
    assert list(qs.for_user(editor)) == [edu]
    assert set(qs.for_user(office)) == set(scoped)
    assert list(qs.for_user(outsider)) == []


def test_every_department_owned_model_is_scoped_in_its_manager():
    owned = [m for m in apps.get_models() if issubclass(m, DepartmentOwned)]
    for model in owned:
        assert hasattr(model._default_manager, "for_user"), model
