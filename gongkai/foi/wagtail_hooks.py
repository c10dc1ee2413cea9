"""The FOI workbench in the Wagtail admin: list, case page, actions, dwell summary, annual tables, intake."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_use(request.user)


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        from gongkai.core import roles

        return roles.sees_all_departments(request.user)


@hooks.register("register_admin_urls")
def foi_urls():
    return [
        path("foi/", admin_views.workbench, name="foi_workbench"),
        path("foi/new/", admin_views.intake, name="foi_intake"),
        path("foi/dwell/", admin_views.dwell, name="foi_dwell"),
        path("foi/tables/", admin_views.annual_tables, name="foi_tables"),
        path("foi/<int:pk>/", admin_views.case, name="foi_case"),
        path("foi/<int:pk>/do/<slug:action>/", admin_views.do_action, name="foi_action"),
        path("foi/<int:pk>/letter.<str:fmt>", admin_views.letter, name="foi_letter"),
        path("foi/<int:pk>/attachment/<int:attachment_id>/", admin_views.attachment, name="foi_attachment"),
        path("foi/<int:pk>/notice/<int:notice_id>.docx", admin_views.notice, name="foi_notice"),
        path("foi/<int:pk>/released/", admin_views.released_upload, name="foi_released_upload"),
        path("foi/<int:pk>/released/<int:file_id>/", admin_views.released_download, name="foi_released"),
        path(
            "foi/<int:pk>/released/<int:file_id>/remove/",
            admin_views.released_remove,
            name="foi_released_remove",
        ),
    ]


class FoiSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_views.can_use(request.user)


@hooks.register("register_admin_menu_item")
def foi_menu():
    menu = Menu(
        items=[
            StaffMenuItem("工作台", reverse("foi_workbench"), icon_name="list-ul", order=1),
            OfficeMenuItem("登记申请", reverse("foi_intake"), icon_name="plus", order=2),
            StaffMenuItem("各环节用时", reverse("foi_dwell"), icon_name="time", order=3),
            StaffMenuItem("年报表三、表四", reverse("foi_tables"), icon_name="table", order=4),
        ]
    )
    return FoiSubmenu("依申请公开", menu, icon_name="form", order=300)
