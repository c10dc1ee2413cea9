"""Wagtail admin hooks of this part (imported by assessment/wagtail_hooks.py): 政府信息公开年报 screens."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

# the Wagtail hook the item editor asks whose generated page body it shows read-only (disclosure/forms.py names it
# GENERATED_BODY_HOOK): a hook is registered by its name, so assessment needs nothing of disclosure for it
GENERATED_BODY_HOOK = "gongkai_generated_page_body"


class AnnualMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_use(request.user)


@hooks.register("register_admin_urls")
def annual_urls():
    return [
        path("annual-reports/", views.report_list, name="annual_reports"),
        path("annual-reports/new/", views.report_create, name="annual_report_create"),
        path("annual-reports/<int:pk>/", views.report_detail, name="annual_report"),
        path("annual-reports/<int:pk>/report.docx", views.report_docx, name="annual_report_docx"),
    ]


@hooks.register("register_admin_menu_item")
def annual_menu():
    return AnnualMenuItem("政府信息公开年报", reverse("annual_reports"), icon_name="doc-full", order=420)


@hooks.register(GENERATED_BODY_HOOK)
def annual_report_body(page):
    """A report's page shows its body read-only: the tables live in the report, edited on the 年报 screen."""
    from .models import AnnualReport

    report = AnnualReport.objects.filter(page=page).only("pk").first()
    if report is None:
        return None
    return (
        "本页正文（含表二、表三、表四）由年度报告生成，不能在此编辑；请在“政府信息公开年报”中修改并重新提交，"
        "审核人员可在此审核或退回。",
        reverse("annual_report", args=[report.pk]),
    )
