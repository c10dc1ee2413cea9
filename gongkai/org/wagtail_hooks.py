"""Admin: 机构与人员 — departments and staff accounts, kept by the system administrator (admin_views.py)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views as views
from . import wagtail_users


class OrgMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_manage(request.user)


@hooks.register("register_admin_urls")
def org_urls():
    return [
        path("org/departments/", views.department_list, name="org_departments"),
        path("org/departments/new/", views.department_edit, name="org_department_add"),
        path("org/departments/<int:pk>/", views.department_edit, name="org_department_edit"),
        path("org/staff/", views.staff_list, name="org_staff"),
        path("org/staff/new/", views.staff_create, name="org_staff_add"),
        path("org/staff/<int:pk>/", views.staff_edit, name="org_staff_edit"),
        path("org/staff/<int:pk>/password/", views.staff_password, name="org_staff_password"),
    ]


@hooks.register("register_admin_menu_item")
def departments_menu():
    return OrgMenuItem("部门管理", reverse("org_departments"), icon_name="group", order=980)


@hooks.register("register_admin_menu_item")
def staff_menu():
    return OrgMenuItem("工作人员账号", reverse("org_staff"), icon_name="user", order=981)


# Wagtail's bulk actions on users (分配角色, 启用/停用, 删除) would change memberships and accounts past 三员分立 and
# the audit trail: registered after Wagtail's under the same names, these answer with 工作人员账号 instead.
for _action in wagtail_users.closed_bulk_actions():
    hooks.register("register_bulk_action", _action, order=100)
