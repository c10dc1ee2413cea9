"""Per-account security state of staff (password age, TOTP second factor) and failed logins (lockout).

Both models were born in core and moved here with their tables: `db_table` keeps the names core_accountsecurity and
core_loginfailure, and the migrations move only Django's state (accounts 0001, core 0010), so an existing database and
an old backup (which names tables) keep working."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField


class AccountSecurity(models.Model):
    """One row per account, created on first need. The TOTP secret is encrypted like personal data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security", verbose_name=_("账号")
    )
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    totp_secret = EncryptedTextField(_("动态口令密钥"), blank=True)
    totp_confirmed_at = models.DateTimeField(_("动态口令启用时间"), null=True, blank=True)
    totp_last_step = models.BigIntegerField(_("最近使用的口令时间片"), default=0)

    class Meta:
        verbose_name = _("账号安全状态")
        verbose_name_plural = _("账号安全状态")
        default_permissions = ()
        db_table = "core_accountsecurity"

    def __str__(self):
        return f"{self.user}"

    @property
    def totp_enabled(self):
        return bool(self.totp_secret and self.totp_confirmed_at)


class LoginFailure(models.Model):
    """One failed password check: counted per account name and per client address for the lockout. Kept in the
    database so every app server and worker sees the same count (the embedded mode has no shared cache)."""

    username = models.CharField(_("账号"), max_length=150)
    address = models.CharField(_("来源地址"), max_length=45)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")
        default_permissions = ()
        db_table = "core_loginfailure"
        indexes = [
            models.Index(fields=["username", "at"], name="core_loginfail_user_at"),
            models.Index(fields=["address", "at"], name="core_loginfail_addr_at"),
        ]

    def __str__(self):
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
