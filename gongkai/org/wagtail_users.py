"""Wagtail's own 用户 and 组 screens, closed: accounts and roles are kept only in 机构与人员 (admin_views.py).

Wagtail's user screens (`/admin/users/…`) let whoever may change users tick any group — the system administrator
could put himself in 信息员 or a department's staff group, give one account the whole review chain, tick 审计管理员
next to a business role (answered by a server error from the separation check), all without an audit record; its
group screens edit the roles' permissions. So the app config of `wagtail.users` (apps.UsersConfig in settings.INSTALLED_APPS) installs
these view sets instead: the same URL names (links elsewhere in Wagtail keep working), every URL answered — GET or
POST, for anyone, superusers included — by a redirect to the matching 机构与人员 screen, which checks the 系统管理员
role, 三员分立 and the review chain, and audits each change. No menu item and no admin search area point here; the
bulk actions on users (wagtail_hooks.py) and Django's account admin (admin.py) are closed the same way.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path
from wagtail.users.views.groups import GroupViewSet
from wagtail.users.views.users import UserViewSet

USERS_MESSAGE = (
    "账号和角色只在“工作人员账号”中管理：那里检查三员分立和审核流程的分工，每次修改都记入审计日志。"
    "请在“工作人员账号”中修改账号和角色。"
)
GROUPS_MESSAGE = (
    "角色及其权限由系统按职责设定，不在此修改；为人员分配角色请在“工作人员账号”中进行。"
    "请在“工作人员账号”中修改账号和角色。"
)


def user_screen(request, pk=None, *, target):
    """Nothing is read from the request and nothing is stored: the matching 机构与人员 screen instead (an
    account's own page when 机构与人员 keeps it — superusers it does not)."""
    messages.info(request, USERS_MESSAGE)
    if pk is not None and get_user_model().objects.filter(pk=pk, is_staff=True, is_superuser=False).exists():
        return redirect("org_staff_edit", pk=pk)
    return redirect(target)


def group_screen(request, pk=None):
    messages.info(request, GROUPS_MESSAGE)
    return redirect("org_staff")


# the URL names and routes of Wagtail's ModelViewSet for users and groups
ROUTES = [
    ("index", ""),
    ("index_results", "results/"),
    ("add", "new/"),
    ("edit", "edit/<pk>/"),
    ("delete", "delete/<pk>/"),  # an account is deactivated in 机构与人员, never deleted
    ("history", "history/<pk>/"),
    ("history_results", "history-results/<pk>/"),
    ("usage", "usage/<pk>/"),
]


def _routes(viewset):
    return [(name, route.replace("<pk>", f"<{viewset.pk_path_converter}:pk>")) for name, route in ROUTES]


class StaffUserViewSet(UserViewSet):
    add_to_settings_menu = False

    def get_urlpatterns(self):
        return [
            path(route, user_screen, {"target": "org_staff_add" if name == "add" else "org_staff"}, name=name)
            for name, route in _routes(self)
        ]

    def register_search_area(self):
        pass  # no 用户 entry in the admin search


class RoleGroupViewSet(GroupViewSet):
    add_to_settings_menu = False

    def get_urlpatterns(self):
        return [path(route, group_screen, name=name) for name, route in _routes(self)]


def closed_bulk_actions():
    """Wagtail's bulk actions on users, each answering — before reading or storing anything — with 工作人员账号."""
    from wagtail.users.views.bulk_actions import (
        AssignRoleBulkAction,
        DeleteBulkAction,
        SetActiveStateBulkAction,
    )

    def dispatch(self, request, *args, **kwargs):
        return user_screen(request, target="org_staff")

    return [
        type(f"Closed{base.__name__}", (base,), {"dispatch": dispatch, "__module__": __name__})
        for base in (AssignRoleBulkAction, SetActiveStateBulkAction, DeleteBulkAction)
    ]
