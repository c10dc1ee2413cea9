"""三员分立 holds on every path that changes accounts and roles, not only on 机构与人员: Wagtail's own 用户/组 screens
(`/admin/users/`, `/admin/groups/`, the bulk 分配角色 action) and Django's `/django-admin/` account screens answer
every account change with the project's staff screen instead, so no account gets conflicting roles, the system
administrator grants himself nothing, and every membership change is the audited action of 机构与人员."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from gongkai.core import roles
from gongkai.core.models import AuditRecord
from tests.security.helpers import sign_in

User = get_user_model()


@pytest.fixture
def sysadmin(make_staff):
    return make_staff(None, roles.SYSADMIN, username="sysadmin")


@pytest.fixture
def sysadmin_client(client, sysadmin):
    sign_in(client, sysadmin)
    return client


def group_ids(*names):
    return [str(Group.objects.get(name=n).pk) for n in names]


def wagtail_user_post(user, groups, **extra):
    """What Wagtail's user edit form posts for `user` with the group boxes `groups` ticked."""
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@enshi.gov.cn",
        "first_name": user.first_name,
        "last_name": "谭",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": group_ids(*groups),
        **extra,
    }


def roles_of(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_the_system_administrator_cannot_give_himself_content_roles_in_wagtails_user_screen(
    sysadmin_client, sysadmin, edu
):
    edu.staff_group()
    before = roles_of(sysadmin)
    response = sysadmin_client.post(
        f"/admin/users/edit/{sysadmin.pk}/",
        wagtail_user_post(sysadmin, [roles.SYSADMIN, roles.EDITOR, roles.REVIEWER_LEADER, edu.group_name]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("org_staff_edit", args=[sysadmin.pk])
    assert roles_of(sysadmin) == before == {roles.SYSADMIN}
    assert (
        not AuditRecord.objects.filter(action__startswith="staff.", object_id=str(sysadmin.pk))
        .exclude(action="staff.create")
        .exists()
    )


def test_one_account_is_not_given_the_whole_review_chain_in_wagtails_user_screen(
    sysadmin_client, make_staff, edu
):
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    chain = [
        roles.EDITOR,
        roles.REVIEWER_SECTION,
        roles.REVIEWER_SECRECY,
        roles.REVIEWER_LEADER,
        edu.group_name,
    ]
    response = sysadmin_client.post(f"/admin/users/edit/{editor.pk}/", wagtail_user_post(editor, chain))
    assert response.status_code == 302
    assert roles_of(editor) == {roles.EDITOR, edu.group_name}


def test_ticking_the_auditor_role_in_wagtails_user_screen_is_no_server_error(
    sysadmin_client, make_staff, edu
):
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    response = sysadmin_client.post(
        f"/admin/users/edit/{editor.pk}/",
        wagtail_user_post(editor, [roles.EDITOR, roles.AUDITOR, edu.group_name]),
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("org_staff_edit", args=[editor.pk])
    assert "请在“工作人员账号”中修改账号和角色" in response.content.decode()
    assert roles_of(editor) == {roles.EDITOR, edu.group_name}


def test_wagtails_user_list_and_new_user_screens_lead_to_the_staff_screens(sysadmin_client):
    assert sysadmin_client.get("/admin/users/")["Location"] == reverse("org_staff")
    response = sysadmin_client.post(
        "/admin/users/new/",
        {
            "username": "wangwu",
            "email": "wangwu@enshi.gov.cn",
            "first_name": "王五",
            "last_name": "王",
            "password1": "Wang@2026enshi",
            "password2": "Wang@2026enshi",
            "groups": group_ids(roles.AUDITOR),
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("org_staff_add")
    assert not User.objects.filter(username="wangwu").exists()


def test_wagtails_group_screens_change_no_membership_or_permission(sysadmin_client, sysadmin):
    group = Group.objects.get(name=roles.AUDITOR)
    permissions = set(group.permissions.values_list("pk", flat=True))
    for url in ("/admin/groups/", f"/admin/groups/edit/{group.pk}/", "/admin/groups/new/"):
        response = sysadmin_client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("org_staff"), url
    response = sysadmin_client.post(f"/admin/groups/edit/{group.pk}/", {"name": "审计管理员（改）"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == roles.AUDITOR
    assert set(group.permissions.values_list("pk", flat=True)) == permissions
    assert not Group.objects.get(name=roles.AUDITOR).user_set.filter(pk=sysadmin.pk).exists()


def test_the_bulk_assign_role_action_of_wagtails_user_list_assigns_nothing(
    sysadmin_client, sysadmin, make_staff
):
    auditor = make_staff(None, roles.AUDITOR, username="auditor")
    group = Group.objects.get(name=roles.EDITOR)
    url = f"/admin/bulk/auth/user/assign_role/?id={sysadmin.pk}&id={auditor.pk}"
    response = sysadmin_client.post(url, {"role": str(group.pk)})
    assert response.status_code in (302, 403, 404)
    assert roles_of(sysadmin) == {roles.SYSADMIN}
    assert roles_of(auditor) == {roles.AUDITOR}
    for action in ("set_active_state", "delete"):
        sysadmin_client.post(f"/admin/bulk/auth/user/{action}/?id={auditor.pk}", {"mark_as_active": ""})
    assert User.objects.get(pk=auditor.pk).is_active


def test_djangos_account_admin_is_closed_to_the_system_administrator(sysadmin_client, sysadmin):
    """Django's admin would let him tick is_superuser or give himself any single permission (审计日志 included)."""
    from django.contrib.auth.models import Permission

    view_audit = Permission.objects.get(content_type__app_label="core", codename="view_auditrecord")
    form = {"first_name": sysadmin.first_name, "last_name": "", "email": "", "is_active": "on", "is_staff": "on",
            "date_joined_0": "2026-12-01", "date_joined_1": "09:00:00", "initial-date_joined_0": "2026-12-01",
            "initial-date_joined_1": "09:00:00"}  # fmt: skip
    response = sysadmin_client.post(
        f"/django-admin/auth/user/{sysadmin.pk}/change/",
        {
            **form,
            "username": "sysadmin",
            "groups": group_ids(roles.SYSADMIN),
            "user_permissions": [str(view_audit.pk)],
        },
    )
    assert response.status_code in (302, 403, 404)
    sysadmin = User.objects.get(pk=sysadmin.pk)
    assert not sysadmin.user_permissions.exists()
    assert not sysadmin.has_perm("core.view_auditrecord")
    # nor make a new account a superuser (which would hold all three administrator roles at once)
    sysadmin_client.post("/django-admin/auth/user/add/",
                         {"username": "zhangsan", "password1": "Zhang@2026enshi", "password2": "Zhang@2026enshi",
                          "usable_password": "true"})  # fmt: skip
    spare = User.objects.filter(username="zhangsan").first()
    if spare is not None:
        sysadmin_client.post(
            f"/django-admin/auth/user/{spare.pk}/change/",
            {**form, "username": "zhangsan", "is_superuser": "on"},
        )
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_system_administrator_holds_no_raw_account_permission(sysadmin):
    """His one job is done in 机构与人员, which checks his role: raw auth permissions would open Django's and
    Wagtail's generic account screens, which do not know 三员分立."""
    assert not [p for p in sysadmin.get_all_permissions() if p.startswith("auth.")]


def test_an_older_database_loses_the_raw_account_permissions_at_the_next_migrate(sysadmin):
    from django.contrib.auth.models import Permission

    from gongkai.org.setup import ensure_role_permissions

    group = Group.objects.get(name=roles.SYSADMIN)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__endswith="_user")
    )
    ensure_role_permissions()  # what post_migrate runs
    assert not group.permissions.filter(content_type__app_label="auth").exists()
    assert group.permissions.filter(codename="change_department").exists()


def test_the_admin_menu_has_no_raw_user_or_group_entries(sysadmin_client):
    html = sysadmin_client.get("/admin/").content.decode()
    assert '"/admin/users/"' not in html and '"/admin/groups/"' not in html
    assert reverse("org_staff") in html  # 工作人员账号 is there instead


def test_a_superuser_is_led_to_the_staff_screens_as_well(client, make_staff):
    auditor = make_staff(None, roles.AUDITOR, username="auditor")
    root = User.objects.create_superuser("root", "root@enshi.gov.cn", "Root@2026enshi")
    sign_in(client, root)
    assert client.get("/admin/users/")["Location"] == reverse("org_staff")
    assert client.get("/admin/groups/")["Location"] == reverse("org_staff")
    html = client.get("/admin/").content.decode()
    assert '"/admin/users/"' not in html and '"/admin/groups/"' not in html
    client.post(f"/admin/users/edit/{auditor.pk}/", wagtail_user_post(auditor, [roles.AUDITOR, roles.OFFICE]))
    editor_group = Group.objects.get(name=roles.EDITOR)
    client.post(f"/admin/bulk/auth/user/assign_role/?id={auditor.pk}", {"role": str(editor_group.pk)})
    client.post(f"/admin/bulk/auth/user/delete/?id={auditor.pk}")
    assert roles_of(auditor) == {roles.AUDITOR}
    assert client.get(f"/django-admin/auth/user/{auditor.pk}/change/").status_code == 404


# --- the same rules in 机构与人员 itself --------------------------------------------------------------------------


def staff_form(user, department, role_list):
    return {
        "full_name": user.first_name,
        "email": user.email,
        "title": "",
        "department": department.pk if department else "",
        "roles": role_list,
        "active": "on",
    }


@pytest.mark.parametrize(
    "chain",
    [
        [roles.EDITOR, roles.REVIEWER_SECTION, roles.REVIEWER_SECRECY, roles.REVIEWER_LEADER],
        [roles.EDITOR, roles.REVIEWER_LEADER],
        [roles.REVIEWER_SECTION, roles.REVIEWER_SECRECY],
    ],
)
def test_the_staff_screen_refuses_one_person_for_two_steps_of_the_review_chain(
    sysadmin_client, make_staff, edu, chain
):
    """先审查后发布: whoever drafts does not approve, and 初审, 保密审查 and 终审 are three people."""
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    response = sysadmin_client.post(
        reverse("org_staff_edit", args=[editor.pk]), staff_form(editor, edu, chain)
    )
    assert response.status_code == 400
    assert "先审查后发布：起草、初审、保密审查、终审须由不同人员承担" in response.content.decode()
    assert roles_of(editor) == {roles.EDITOR, edu.group_name}
    assert not AuditRecord.objects.filter(action="staff.set_roles").exists()
    new = sysadmin_client.post(
        reverse("org_staff_add"),
        {**staff_form(editor, edu, chain), "username": "jyj_quanneng", "full_name": "万能",
         "password1": "Qing$Shan2026lu", "password2": "Qing$Shan2026lu"},
    )  # fmt: skip
    assert new.status_code == 400 and not User.objects.filter(username="jyj_quanneng").exists()


def test_an_administrator_bound_to_a_department_gets_none_of_its_page_permissions(
    sysadmin_client, sysadmin, make_staff, catalog, edu
):
    """A system administrator may work on one department's site, but the department's staff group carries the
    page permissions on its catalog: he is not put in it — neither by himself nor by anyone."""
    from wagtail.models import Page

    response = sysadmin_client.post(
        reverse("org_staff_edit", args=[sysadmin.pk]), staff_form(sysadmin, edu, [roles.SYSADMIN])
    )
    assert response.status_code == 302
    sysadmin = User.objects.get(pk=sysadmin.pk)
    assert sysadmin.staff.department == edu and roles_of(sysadmin) == {roles.SYSADMIN}
    edu_catalog = Page.objects.get(pk=catalog["edu"].pk)
    assert not edu_catalog.permissions_for_user(sysadmin).can_add_subpage()
    assert not edu_catalog.permissions_for_user(sysadmin).can_edit()

    # an editor made the department's auditor leaves the staff group; made editor again, is back in it
    editor = make_staff(edu, roles.EDITOR, username="jyj_editor")
    sysadmin_client.post(
        reverse("org_staff_edit", args=[editor.pk]), staff_form(editor, edu, [roles.AUDITOR])
    )
    assert roles_of(editor) == {roles.AUDITOR}
    sysadmin_client.post(reverse("org_staff_edit", args=[editor.pk]), staff_form(editor, edu, [roles.EDITOR]))
    assert roles_of(editor) == {roles.EDITOR, edu.group_name}
    with pytest.raises(ValidationError, match="不能加入部门工作组"), transaction.atomic():
        User.objects.get(pk=sysadmin.pk).groups.add(edu.staff_group())


# --- each of the three administrators does his one job and none of the others' -------------------------------

SCREENS = {
    roles.SYSADMIN: ["org_staff", "org_staff_add", "org_departments", "security_locked"],
    roles.SECADMIN: ["sensitive_words:index", "wording_corrections:index"],
    roles.AUDITOR: ["audit:index", "audit_export"],
}


@pytest.mark.parametrize("role", roles.THREE_ADMINS)
def test_each_of_the_three_administrators_does_his_own_job_only(client, make_staff, role):
    user = make_staff(None, role)
    sign_in(client, user)
    for own, names in SCREENS.items():
        for name in names:
            status = client.get(reverse(name)).status_code
            if own == role:
                assert status == 200, (role, name)
            else:
                assert status in (302, 403), (role, name, status)
    # Wagtail's account screens lead to 机构与人员, which only the system administrator may open
    followed = client.get("/admin/users/", follow=True)
    reached = followed.redirect_chain[-1][0]
    assert (reached == reverse("org_staff")) == (role == roles.SYSADMIN), reached
