"""Admin: the staff account pages (second factor, password change, locked accounts) and their menu entries."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.core import roles


@hooks.register("register_admin_urls")
def security_urls():
    from . import views

    return [
        path("security/totp/setup/", views.totp_setup, name="security_totp_setup"),
        path("security/totp/verify/", views.totp_verify, name="security_totp_verify"),
        path("security/password/", views.password_change, name="security_password"),
        path("security/locked/", views.locked_accounts, name="security_locked"),
    ]


@hooks.register("register_admin_menu_item")
def totp_menu_item():
    return MenuItem(
        "动态口令", reverse("security_totp_setup"), name="security-totp", icon_name="lock", order=995
    )


@hooks.register("register_admin_menu_item")
def password_menu_item():
    return MenuItem(
        "修改密码", reverse("security_password"), name="security-password", icon_name="key", order=994
    )


@hooks.register("register_admin_menu_item")
def locked_menu_item():
    return MenuItem(
        "登录锁定与动态口令", reverse("security_locked"), name="security-locked", icon_name="lock", order=996
    )


@hooks.register("construct_main_menu")
def locked_only_for_the_system_administrator(request, menu_items):
    if not roles.has_role(request.user, roles.SYSADMIN):
        menu_items[:] = [item for item in menu_items if item.name != "security-locked"]
