"""机构与人员: the system administrator keeps departments and staff accounts in the admin. A new department gets its
catalog; a renamed one keeps its staff's permissions; accounts are created, moved, given roles (三员分立 refused),
deactivated and given a temporary password — each one audited action; bad input is refused in Chinese and stores
nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.accounts.models import AccountSecurity
from gongkai.accounts.passwords import password_expired
from gongkai.core import roles
from gongkai.core.models import AuditRecord
from gongkai.disclosure.models import DepartmentCatalogPage
from gongkai.org.forms import org_code_error
from gongkai.org.models import Department
from tests.security.helpers import sign_in

User = get_user_model()
NEW_CODE = "11422801MB1234567"  # first 17 characters; the check character is computed below


@pytest.fixture
def sysadmin(make_staff):
    return make_staff(None, roles.SYSADMIN, username="sysadmin")


@pytest.fixture
def admin_client(client, sysadmin):
    sign_in(client, sysadmin)
    return client


def _valid_uscc():
    from gongkai.core.identity import uscc_check_char

    return NEW_CODE + uscc_check_char(NEW_CODE)


def department_post(**overrides):
    data = {
        "name": "恩施市退役军人事务局",
        "short_name": "市退役军人局",
        "code": _valid_uscc(),
        "kind": "city",
        "doc_prefix": "恩市退役军人发",
        "phone": "0718-8221234",
        "address": "恩施市金桂大道 88 号",
        "sort_order": "30",
        "active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("123456789", "组织机构代码校验位不正确"),  # GB 11714: the check character of 12345678 is 8
        ("1234567", "统一社会信用代码应为 18 位"),
        ("WRONG-CHECK", "统一社会信用代码校验位不正确"),
        ("11422801MB1234567I", "只能包含数字和除 I、O、S、V、Z 以外的大写字母"),
    ],
)
def test_a_department_code_is_checked(admin_client, catalog, code, error):
    assert admin_client.get(reverse("org_department_add")).status_code == 200
    if code == "WRONG-CHECK":
        valid = _valid_uscc()
        code = valid[:17] + ("1" if valid[17] != "1" else "2")
    response = admin_client.post(
        reverse("org_department_add"), department_post(code=code, site=_default_site_pk())
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Department.objects.filter(name="恩施市退役军人事务局").exists()


def test_org_code_check_character():
    assert org_code_error("D2143569X") is None  # GB 11714's worked example
    assert "校验位不正确" in org_code_error("D21435691")


def _default_site_pk():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).pk


def test_a_new_department_gets_its_catalog_and_a_rename_keeps_permissions(admin_client, catalog, sysadmin):
    response = admin_client.post(reverse("org_department_add"), department_post(site=_default_site_pk()))
    assert response.status_code == 302
    dept = Department.objects.get(name="恩施市退役军人事务局")
    catalog_page = DepartmentCatalogPage.objects.get(department=dept)
    assert catalog_page.get_parent().pk == catalog["root"].pk and catalog_page.live
    assert catalog_page.get_children().live().filter(title="法定主动公开内容").exists()
    record = AuditRecord.objects.get(action="department.create")
    assert record.after["name"] == "恩施市退役军人事务局" and record.actor_id == sysadmin.pk

    group_pk = dept.staff_group().pk
    response = admin_client.post(
        reverse("org_department_edit", args=[dept.pk]),
        department_post(name="恩施市退役军人事务管理局", site=_default_site_pk()),
    )
    assert response.status_code == 302
    dept.refresh_from_db()
    assert dept.staff_group().pk == group_pk  # the same group, renamed: its page permissions stay
    change = AuditRecord.objects.get(action="department.change")
    assert change.before == {"name": "恩施市退役军人事务局"} and change.after == {
        "name": "恩施市退役军人事务管理局"
    }


def staff_post(dept, **overrides):
    data = {
        "username": "tyjrj_editor",
        "full_name": "向红梅",
        "email": "xianghm@enshi.gov.cn",
        "title": "办公室科员",
        "department": dept.pk,
        "roles": [roles.EDITOR],
        "password1": "Qing$Shan2026lu",
        "password2": "Qing$Shan2026lu",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"username": "1abc"}, "登录账号须以字母开头"),
        ({"username": "jyj_editor"}, "该登录账号已被使用"),
        ({"password2": "Qing$Shan2026lU"}, "两次输入的密码不一致"),
        ({"password1": "enshi2026", "password2": "enshi2026"}, "密码长度太短"),
        ({"roles": [roles.SYSADMIN, roles.AUDITOR]}, "三员分立"),
        ({"roles": [roles.SYSADMIN, roles.EDITOR]}, "不能同时承担业务角色"),
        ({"department": "", "roles": [roles.EDITOR]}, "须选择所在部门"),
        ({"email": "xianghm@"}, "请填写有效的电子邮箱地址"),
    ],
)
def test_bad_staff_input_is_refused_and_stores_nothing(admin_client, edu, edu_editor, overrides, error):
    before = User.objects.count()
    response = admin_client.post(reverse("org_staff_add"), staff_post(edu, **overrides))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert User.objects.count() == before


def test_create_move_deactivate_and_reset_an_account(admin_client, catalog, edu, hrss, sysadmin):
    response = admin_client.post(reverse("org_staff_add"), staff_post(edu))
    assert response.status_code == 302
    user = User.objects.get(username="tyjrj_editor")
    assert user.staff.department == edu and roles.has_role(user, roles.EDITOR)
    assert user.groups.filter(name=edu.group_name).exists()
    listing = admin_client.get(reverse("org_staff") + f"?department={edu.pk}").content.decode()
    assert "tyjrj_editor" in listing and "向红梅" in listing

    # moved to 市人社局 as its section reviewer: the department group follows, the roles change
    response = admin_client.post(
        reverse("org_staff_edit", args=[user.pk]),
        {
            "full_name": "向红梅",
            "email": "xianghm@enshi.gov.cn",
            "title": "法规科科长",
            "department": hrss.pk,
            "roles": [roles.REVIEWER_SECTION],
            "active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.staff.department == hrss and user.staff.title == "法规科科长"
    assert set(user.groups.values_list("name", flat=True)) == {hrss.group_name, roles.REVIEWER_SECTION}
    change = AuditRecord.objects.get(action="staff.change")
    assert (
        change.before["department"] == "恩施市教育局"
        and change.after["department"] == "恩施市人力资源和社会保障局"
    )
    assert AuditRecord.objects.filter(action="staff.set_roles", object_id=str(user.pk)).exists()

    # a temporary password: valid, and expired at once
    response = admin_client.post(
        reverse("org_staff_password", args=[user.pk]),
        {"password1": "Linshi@2026mm", "password2": "Linshi@2026mm"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Linshi@2026mm") and password_expired(user)
    assert AccountSecurity.objects.get(user=user).password_changed_at.year == 2000
    assert AuditRecord.objects.filter(action="staff.password_reset").count() == 1
    weak = admin_client.post(
        reverse("org_staff_password", args=[user.pk]), {"password1": "12345678", "password2": "12345678"},
        follow=True,
    )  # fmt: skip
    assert "密码长度太短" in weak.content.decode() and user.check_password("Linshi@2026mm")

    # deactivated: can no longer sign in, history kept
    admin_client.post(
        reverse("org_staff_edit", args=[user.pk]),
        {
            "full_name": "向红梅",
            "email": "",
            "title": "",
            "department": hrss.pk,
            "roles": [roles.REVIEWER_SECTION],
        },
    )
    user.refresh_from_db()
    assert not user.is_active

    # the administrator cannot lock themselves out
    response = admin_client.post(
        reverse("org_staff_edit", args=[sysadmin.pk]),
        {"full_name": "系统管理员", "email": "", "title": "", "department": "", "roles": [roles.SYSADMIN]},
    )
    assert response.status_code == 400 and "不能停用自己的账号" in response.content.decode()
    sysadmin.refresh_from_db()
    assert sysadmin.is_active


def test_only_the_system_administrator_keeps_accounts(client, edu_editor, office_user):
    for user in (edu_editor, office_user):
        sign_in(client, user)
        for name in ("org_departments", "org_staff", "org_staff_add", "org_department_add"):
            assert client.get(reverse(name)).status_code in (302, 403), (user, name)


def test_department_list_query_count(
    admin_client, catalog, edu, hrss, edu_editor, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        html = admin_client.get(reverse("org_departments")).content.decode()
    assert "恩施市教育局" in html and "恩施市人力资源和社会保障局" in html
