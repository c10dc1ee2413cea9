"""Wagtail admin hooks of the site health monitor (imported by assessment/wagtail_hooks.py): the office's
dashboard at /admin/site-health/ and its menu item."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core import roles

from . import views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("site-health/", views.dashboard, name="assessment_health"),
        path("site-health/run/", views.run_now, name="assessment_health_run_now"),
        path("site-health/<int:pk>/", views.run_detail, name="assessment_health_run"),
    ]


class OfficeItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or roles.is_office(request.user)


@hooks.register("register_admin_menu_item")
def menu():
    return OfficeItem("网站健康监测", reverse("assessment_health"), icon_name="pick", order=640)
