"""The 政务新媒体 menu of the Wagtail admin: 监测, 台账, 申请, 发文记录, 专项推送."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_use(request.user)


@hooks.register("register_admin_urls")
def newmedia_urls():
    v = admin_views
    return [
        path("newmedia/", v.dashboard, name="newmedia_dashboard"),
        path("newmedia/accounts/", v.account_list, name="newmedia_accounts"),
        path("newmedia/accounts/<int:pk>/", v.account_detail, name="newmedia_account"),
        path("newmedia/applications/", v.application_list, name="newmedia_applications"),
        path("newmedia/applications/new/<str:kind>/", v.application_new, name="newmedia_application_new"),
        path("newmedia/applications/<int:pk>/", v.application_detail, name="newmedia_application"),
        path("newmedia/posts/", v.post_list, name="newmedia_posts"),
        path("newmedia/pushes/", v.push_list, name="newmedia_pushes"),
        path("newmedia/pushes/new/", v.push_new, name="newmedia_push_new"),
        path("newmedia/pushes/<int:pk>/", v.push_detail, name="newmedia_push"),
    ]


@hooks.register("register_admin_menu_item")
def newmedia_menu():
    menu = Menu(
        items=[
            StaffMenuItem(
                "更新监测",
                name="newmedia-dashboard",
                url=reverse("newmedia_dashboard"),
                icon_name="warning",
                order=10,
            ),
            StaffMenuItem(
                "账号台账",
                name="newmedia-accounts",
                url=reverse("newmedia_accounts"),
                icon_name="list-ul",
                order=20,
            ),
            StaffMenuItem(
                "开设变更关停",
                name="newmedia-applications",
                url=reverse("newmedia_applications"),
                icon_name="form",
                order=30,
            ),
            StaffMenuItem(
                "发文记录",
                name="newmedia-posts",
                url=reverse("newmedia_posts"),
                icon_name="doc-full",
                order=40,
            ),
            StaffMenuItem(
                "专项信息推送",
                name="newmedia-pushes",
                url=reverse("newmedia_pushes"),
                icon_name="mail",
                order=50,
            ),
        ]
    )
    return SubmenuMenuItem("政务新媒体", menu, name="newmedia", icon_name="mail", order=400)
