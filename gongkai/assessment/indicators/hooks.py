"""Wagtail admin hooks of this part (imported by assessment/wagtail_hooks.py): the 常态化考评 menu and screens."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from gongkai.core import roles

from . import views


def _staff(user):
    return roles.sees_all_departments(user) or roles.user_department(user) is not None


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return _staff(request.user)


class AssessmentSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return _staff(request.user)


@hooks.register("register_admin_urls")
def urls():
    return [
        path("kaoping/", views.index, name="assessment_index"),
        path("kaoping/new/", views.run_create, name="assessment_run_create"),
        path("kaoping/zhibiao/", views.indicators, name="assessment_indicators"),
        path("kaoping/zhibiao/new/", views.indicator_edit, name="assessment_indicator_new"),
        path("kaoping/zhibiao/<int:pk>/", views.indicator_edit, name="assessment_indicator"),
        path("kaoping/zhibiao/lines/", views.thresholds_edit, name="assessment_thresholds"),
        path("kaoping/niandu/<int:year>/", views.annual, name="assessment_annual"),
        path("kaoping/score/<int:pk>/", views.manual_score, name="assessment_manual_score"),
        path("kaoping/note/<int:pk>/", views.result_note, name="assessment_result_note"),
        path("kaoping/<str:period>/", views.run_detail, name="assessment_run"),
        path("kaoping/<str:period>/do/<slug:action>/", views.run_action, name="assessment_run_action"),
        path("kaoping/<str:period>/export.<str:fmt>", views.export, name="assessment_export"),
        path("kaoping/<str:period>/<int:pk>/", views.result_detail, name="assessment_result"),
    ]


@hooks.register("register_admin_menu_item")
def menu():
    items = Menu(
        items=[
            StaffMenuItem("季度考评与红黄绿", reverse("assessment_index"), icon_name="pick", order=1),
            StaffMenuItem("考评指标体系", reverse("assessment_indicators"), icon_name="list-ol", order=2),
        ]
    )
    return AssessmentSubmenu("常态化考评", items, icon_name="pick", order=700)
