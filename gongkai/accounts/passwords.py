"""Staff password policy (等保 2.0 三级 身份鉴别: complexity, and periodic change).

The validators of `AUTH_PASSWORD_VALIDATORS`, which every way of setting a staff password runs (the staff form, the
administrator's reset `org.actions.reset_password`, the account creation `org.actions.create_staff`, the change page, Django's `createsuperuser`/`changepassword`):
- Django's length / numeric / similarity rules;
- `CommonPasswordValidator`: Django's list of 20 000 common passwords, also against the password stripped of its
  symbols and of the digits and symbols tacked on at the end (Password@123 is "password");
- `KeyboardPatternValidator`: keyboard walks along a row or down a column (Qwer1234!@, 1qaz@WSX3edc);
- `LocalNameValidator`: the city's and site's names (Enshi@2026) and the username, also written with @ for a, 0
  for o and so on;
- `CharacterClassValidator`: at least three of upper-case letters, lower-case letters, digits and symbols. Its
  `password_changed` hook (Django calls it whenever a password is saved) stamps the change time that the expiry
  check reads.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
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


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list (its own file, `DEFAULT_PASSWORD_LIST_PATH`), and the same words dressed up with symbols or a
    year at the end."""

    def validate(self, password, user=None):
        lower = password.lower().strip()
        bare = re.sub(r"[\W_]+", "", lower)
        stem = re.sub(r"[\W\d_]+$", "", lower)
        if any(form in self.passwords for form in {lower, bare, stem if len(stem) >= 4 else lower}):
            raise ValidationError(
                "密码过于常见：它（或去掉符号、末尾数字后的部分）在常用密码列表中，请换一个不易猜到的密码。",
                code="password_too_common",
            )

    def get_help_text(self):
        return "密码不能是常用密码，也不能只是常用密码加上数字或符号。"


# the keys of a US/Chinese keyboard, shifted symbols read as their keys (! is 1, @ is 2 …)
KEY_ROWS = ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,./"]
SHIFTED = str.maketrans('!@#$%^&*()_+{}|:"<>?', "1234567890-=[]\\;',./")
_KEY_AT = {key: (row, col) for row, keys in enumerate(KEY_ROWS) for col, key in enumerate(keys)}


def _keyboard_step(a, b):
    """True if key b is next to key a on the same row, or right below/above it (1→q→a→z, the column walk)."""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    return (ra == rb and abs(ca - cb) == 1) or (abs(ra - rb) == 1 and ca == cb)


def keyboard_walk_share(password):
    """The share of the password's characters that lie on keyboard walks of three keys or more."""
    keys = password.lower().translate(SHIFTED)
    covered, run = 0, 1
    for i in range(1, len(keys) + 1):
        if i < len(keys) and _keyboard_step(keys[i - 1], keys[i]):
            run += 1
            continue
        if run >= 3:
            covered += run
        run = 1
    return covered / len(keys) if keys else 0


class KeyboardPatternValidator:
    """Refuses passwords made mostly of keyboard walks (qwer, 1234, asdf, 1qaz, 2wsx), which guessing tools try
    first whatever symbols and capitals are mixed in."""

    def __init__(self, max_share=0.5):
        self.max_share = max_share

    def validate(self, password, user=None):
        if keyboard_walk_share(password) >= self.max_share:
            raise ValidationError(
                "密码主要由键盘上相邻的按键组成（如 qwer、1234、1qaz），容易被猜中，请换一个。",
                code="password_keyboard_pattern",
            )

    def get_help_text(self):
        return "密码不能主要由键盘上相邻的按键组成（如 qwer、1234、1qaz）。"


LEET = str.maketrans("@4310$5!7", "aaeiossit")


def local_names():
    """The names a guesser tries first here: the city's, from the site's domain (www.enshi.gov.cn → enshi) and from
    the site's name in pinyin (恩施市人民政府 → enshi), plus `GONGKAI_PASSWORD_FORBIDDEN_WORDS`."""
    from pypinyin import lazy_pinyin

    names = set(getattr(settings, "GONGKAI_PASSWORD_FORBIDDEN_WORDS", ()))
    domain = getattr(settings, "GONGKAI_SITE_DOMAIN", "")
    names.update(
        label for label in domain.lower().split(".") if label not in {"www", "gov", "cn", "com", "org", "net"}
    )
    place = re.match(r"([\u4e00-\u9fff]{2,}?)(?:市|州|县|区|省)", getattr(settings, "WAGTAIL_SITE_NAME", ""))
    if place:
        names.add("".join(lazy_pinyin(place.group(1))))
        names.add(place.group(1))
    return {name.lower() for name in names if len(name) >= 2 if not name.isascii() or len(name) >= 3}


class LocalNameValidator:
    """Refuses passwords built on the city's or site's name (Enshi@2026) or the username (jyj_editor2026!)."""

    def validate(self, password, user=None):
        plain = password.lower()
        read = plain.translate(LEET)
        username = (getattr(user, "username", "") or "").lower() if user is not None else ""
        parts = {username, *re.split(r"[^a-z0-9]+", username)} - {""}
        for name in sorted(local_names()):
            if name in plain or name in read:
                raise ValidationError(
                    "密码不能包含本地地名或网站名称（如“%(name)s”），请换一个。",
                    code="password_local_name",
                    params={"name": name},
                )
        for part in sorted(parts, key=len, reverse=True):
            if len(part) >= 3 and (part in plain or part in read or part[::-1] in plain):
                raise ValidationError("密码不能包含登录账号名，请换一个。", code="password_contains_username")

    def get_help_text(self):
        return "密码不能包含本地地名、网站名称或登录账号名。"


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
