"""Admin: the audit administrator's export of the audit trail."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def audit_export_urls():
    from . import views

    return [path("audit-export/", views.audit_export, name="audit_export")]


@hooks.register("register_admin_menu_item")
def audit_export_menu_item():
    return MenuItem(
        "导出审计日志", reverse("audit_export"), name="audit-export", icon_name="download", order=991
    )


@hooks.register("construct_main_menu")
def audit_export_only_for_auditors(request, menu_items):
    if not request.user.has_perm("core.view_auditrecord"):
        menu_items[:] = [item for item in menu_items if item.name != "audit-export"]
