from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "账号安全：登录锁定、动态口令、密码期限"

    def ready(self):
        from . import signin  # noqa: F401 — the login signal receivers
