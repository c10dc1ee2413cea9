from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class OrgConfig(AppConfig):
    default = True  # the config of "gongkai.org" (this module holds another one, for wagtail.users)
    name = "gongkai.org"
    label = "org"
    verbose_name = "组织机构与角色"

    def ready(self):
        from . import signals  # noqa: F401


class UsersConfig(WagtailUsersAppConfig):
    """`wagtail.users` with its user and group screens leading to 机构与人员 (wagtail_users.py); INSTALLED_APPS names
    this class instead of "wagtail.users"."""

    user_viewset = "gongkai.org.wagtail_users.StaffUserViewSet"
    group_viewset = "gongkai.org.wagtail_users.RoleGroupViewSet"
