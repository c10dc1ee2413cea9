"""Admin registration: the catalog, themes, Q&A, data tables and guides (snippet with workflow), import/export."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from . import admin_views


class ServicesGroup(ViewSetGroup):
    menu_label = "主题服务"
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        admin_views.ServiceItemViewSet("services_items"),
        admin_views.ThemeViewSet("services_themes"),
        admin_views.QuestionViewSet("services_questions"),
        admin_views.DataTableViewSet("services_tables"),
        admin_views.ImportRunViewSet("services_imports"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ServicesGroup()


register_snippet(admin_views.GuideViewSet)


@hooks.register("register_admin_urls")
def services_admin_urls():
    return [
        path("services-items/<int:pk>/status/", admin_views.item_status_view, name="services_item_status"),
        path("services-import/", admin_views.import_view, name="services_import"),
        path(
            "services-import/report/<str:token>.xlsx",
            admin_views.error_report_view,
            name="services_import_report",
        ),
        path(
            "services-import/template/<slug:list_slug>/", admin_views.template_view, name="services_template"
        ),
        path("services-export/<slug:list_slug>/", admin_views.export_view, name="services_export"),
        path("services-incomplete/", admin_views.incomplete_view, name="services_incomplete"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        self.perm = perm
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        "导入导出清单",
        reverse("services_import"),
        icon_name="upload",
        order=305,
        perm="services.add_serviceitem",
    )


@hooks.register("register_admin_menu_item")
def incomplete_menu_item():
    return PermissionMenuItem(
        "办事指南要素检查",
        reverse("services_incomplete"),
        icon_name="warning",
        order=306,
        perm="services.view_serviceitem",
    )
