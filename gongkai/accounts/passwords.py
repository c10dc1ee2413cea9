"""Staff password policy (等保 2.0 三级 身份鉴别: complexity, and periodic change).

`CharacterClassValidator` joins Django's length / common-password / numeric / similarity validators: a password
must mix at least three of upper-case letters, lower-case letters, digits and symbols. Its `password_changed` hook
(Django calls it whenever a password is saved) stamps the change time that the expiry check reads.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import timezone

CLASSES = [
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
    ("符号", lambda c: not c.isalnum()),
]


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule with its message in Chinese: Django 5.2 changed the message's msgid and its zh-hans
    catalogue still has the old one, so staff would read "This password is too short"."""

    def get_error_message(self):
        return f"密码长度太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


class CharacterClassValidator:
    def __init__(self, classes=3):
        self.classes = classes

    def validate(self, password, user=None):
        found = sum(1 for _, test in CLASSES if any(test(c) for c in password))
        if found < self.classes:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。",
                code="password_too_simple",
                params={"n": self.classes},
            )

    def get_help_text(self):
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.classes} 类。"

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            stamp_password_change(user)


def stamp_password_change(user, when=None):
    from .models import AccountSecurity

    AccountSecurity.objects.update_or_create(
        user=user, defaults={"password_changed_at": when or timezone.now()}
    )


def max_age():
    days = getattr(settings, "GONGKAI_PASSWORD_MAX_AGE_DAYS", 90)
    return timedelta(days=days) if days > 0 else None


def expires_at(user):
    """When the account's password expires (None: no expiry, or no usable password). An account whose change time
    was never recorded counts from when it joined."""
    from .models import AccountSecurity

    age = max_age()
    if age is None or not user.has_usable_password():
        return None
    changed = (
        AccountSecurity.objects.filter(user=user).values_list("password_changed_at", flat=True).first()
        or user.date_joined
    )
    return changed + age


def password_expired(user, now=None):
    until = expires_at(user)
    return until is not None and (now or timezone.now()) >= until
