"""Wagtail admin: the 互动交流 menu (queues, dashboard, 12345 import/export, tokens) and the editable data
(categories with their deadlines, keyword rules)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.core import roles

from . import admin_views
from .models import Category, IntegrationToken, KeywordRule


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "list-ul"
    menu_label = "留言类别与时限"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "name",
        "channel",
        "department",
        "reply_days",
        "first_action_hours",
        "supervision_days",
        "active",
    ]
    list_filter = ["channel", "active"]
    search_fields = ["name"]
    form_fields = [
        "channel",
        "name",
        "department",
        "reply_days",
        "first_action_hours",
        "supervision_days",
        "sort_order",
        "active",
    ]


class KeywordRuleViewSet(ModelViewSet):
    model = KeywordRule
    icon = "tag"
    menu_label = "12345工单识别关键词"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["keyword", "kind", "active"]
    list_filter = ["kind", "active"]
    form_fields = ["kind", "keyword", "active"]


class TokenViewSet(ModelViewSet):
    model = IntegrationToken
    icon = "key"
    menu_label = "12345接口令牌"
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["name", "prefix", "active", "created_at", "last_used_at"]
    form_fields = ["name", "active"]


category_viewset = CategoryViewSet("interaction_categories")
keyword_viewset = KeywordRuleViewSet("interaction_keywords")
token_viewset = TokenViewSet("interaction_tokens")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [category_viewset, keyword_viewset, token_viewset]


@hooks.register("register_admin_urls")
def urls():
    return [
        path("hudong/", admin_views.case_list, name="interaction_cases"),
        path("hudong/<int:pk>/", admin_views.case_detail, name="interaction_case"),
        path("hudong/<int:pk>/fujian/", admin_views.case_attachment, name="interaction_attachment"),
        path("hudong/dashboard/", admin_views.dashboard, name="interaction_dashboard"),
        path("hudong/12345/import/", admin_views.hotline_import, name="interaction_import"),
        path("hudong/12345/export/", admin_views.hotline_export, name="interaction_export"),
        path("hudong/12345/token/", admin_views.token_new, name="interaction_token_new"),
    ]


class StaffItem(MenuItem):
    def is_shown(self, request):
        return roles.sees_all_departments(request.user) or roles.user_department(request.user) is not None


class OfficeItem(MenuItem):
    def is_shown(self, request):
        return roles.is_office(request.user)


@hooks.register("register_admin_menu_item")
def menu():
    items = [
        StaffItem("办理队列", reverse("interaction_cases"), icon_name="tasks", order=1),
        StaffItem("督办", reverse("interaction_cases") + "?queue=supervising", icon_name="warning", order=2),
        StaffItem("统计与告警", reverse("interaction_dashboard"), icon_name="table", order=3),
        OfficeItem("12345工单导入", reverse("interaction_import"), icon_name="upload", order=4),
        OfficeItem("导出办理结果（12345）", reverse("interaction_export"), icon_name="download", order=5),
        OfficeItem(
            "类别与时限", reverse(category_viewset.get_url_name("index")), icon_name="list-ul", order=6
        ),
        OfficeItem(
            "工单识别关键词", reverse(keyword_viewset.get_url_name("index")), icon_name="tag", order=7
        ),
        OfficeItem("新建接口令牌", reverse("interaction_token_new"), icon_name="key", order=8),
    ]
    return SubmenuMenuItem("互动交流", Menu(items=items), icon_name="comment", order=300)
