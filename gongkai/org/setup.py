"""Groups and their permissions. Each app may add the permissions of its own models for a role by listing them in
`ROLE_PERMISSIONS` of a module `<app>/permissions.py`; this runs after every migrate and is idempotent."""

from django.contrib.auth.models import Permission
from django.db.models import Q

from gongkai.core import roles
from gongkai.core.discovery import app_modules

WAGTAIL_ADMIN = ("wagtailadmin", "access_admin")
WORDLIST_PERMISSIONS = [
    ("core", f"{verb}_{model}")
    for verb in ("add", "change", "delete", "view")
    for model in ("sensitiveword", "wordingcorrection")
]

BASE_PERMISSIONS = {
    roles.EDITOR: [WAGTAIL_ADMIN],
    roles.REVIEWER_SECTION: [WAGTAIL_ADMIN],
    roles.REVIEWER_SECRECY: [WAGTAIL_ADMIN],
    roles.REVIEWER_LEADER: [WAGTAIL_ADMIN],
    roles.OFFICE: [
        WAGTAIL_ADMIN,
        ("org", "view_department"),
        ("org", "view_staffprofile"),
        ("core", "add_calendarday"),
        ("core", "change_calendarday"),
        ("core", "delete_calendarday"),
        ("core", "view_calendarday"),
        ("core", "add_calendaryear"),
        ("core", "view_calendaryear"),
        *WORDLIST_PERMISSIONS,
    ],
    roles.OFFICE_HEAD: [WAGTAIL_ADMIN, ("org", "view_department")],
    # no role holds Django's own account permissions (auth.*): they open Wagtail's and Django's generic user and
    # group screens, which know nothing of 三员分立 and audit nothing; 机构与人员 checks the 系统管理员 role instead
    roles.SYSADMIN: [
        WAGTAIL_ADMIN,
        ("org", "add_department"),
        ("org", "change_department"),
        ("org", "view_department"),
        ("org", "add_staffprofile"),
        ("org", "change_staffprofile"),
        ("org", "view_staffprofile"),
    ],
    roles.SECADMIN: [WAGTAIL_ADMIN, *WORDLIST_PERMISSIONS],
    roles.AUDITOR: [WAGTAIL_ADMIN, ("core", "view_auditrecord")],
}


def collected_permissions():
    result = {name: list(perms) for name, perms in BASE_PERMISSIONS.items()}
    for _label, module in app_modules("permissions"):
        for role, perms in getattr(module, "ROLE_PERMISSIONS", {}).items():
            result.setdefault(role, []).extend(perms)
    return result


def ensure_role_permissions():
    groups = roles.ensure_groups()
    for name, perms in collected_permissions().items():
        if not perms:
            continue
        query = Q()
        for app_label, codename in perms:
            query |= Q(content_type__app_label=app_label, codename=codename)
        found = list(Permission.objects.filter(query))
        groups[name].permissions.add(*found)
    for group in groups.values():  # granted by an earlier version: taken back
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="auth"))
