"""Staff sign-in security: lockout after repeated failures, the TOTP second factor, password expiry and the
inactivity timeout (OWASP ASVS 2.2, 3.3; 等保 2.0 三级 身份鉴别 a–d).

- **Lockout.** `LockoutBackend` (Django's ModelBackend plus a check) refuses every password check for an account
  with `GONGKAI_LOGIN_MAX_FAILURES` failures, or an address with `GONGKAI_LOGIN_IP_MAX_FAILURES` failures, within
  `GONGKAI_LOGIN_FAILURE_WINDOW` seconds, until `GONGKAI_LOGIN_LOCKOUT_SECONDS` after the last failure. Failures are
  rows of `LoginFailure`; the login that reaches the limit writes an `account.locked` audit record, every failure an
  `account.login_failed` record. The Wagtail login form (`WAGTAILADMIN_USER_LOGIN_FORM`) shows the wait in Chinese.
- **Second factor.** After the password, a staff member who enrolled a TOTP authenticator — and every one of the
  three administrators, enrolled or not — has a session that is *pending*: `StaffSecurityMiddleware` sends every
  request to the code page (or to enrolment) until the code is given.
- **Password expiry**: an expired password sends the user to the change page before anything else.
- **Inactivity**: a staff session idle longer than `GONGKAI_SESSION_IDLE_SECONDS` is logged out.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from gongkai.core import audit, roles
from gongkai.core.protection import client_address

from . import totp

SESSION_VERIFIED = "gongkai_2fa"  # the user id whose second factor this session passed
SESSION_LAST_SEEN = "gongkai_last_seen"
SESSION_PASSWORD_UNTIL = "gongkai_password_until"  # noqa: S105 — a session key name


# --- lockout -------------------------------------------------------------------------------------------------
def _settings():
    return (
        getattr(settings, "GONGKAI_LOGIN_MAX_FAILURES", 5),
        getattr(settings, "GONGKAI_LOGIN_IP_MAX_FAILURES", 20),
        timedelta(seconds=getattr(settings, "GONGKAI_LOGIN_FAILURE_WINDOW", 900)),
        timedelta(seconds=getattr(settings, "GONGKAI_LOGIN_LOCKOUT_SECONDS", 1800)),
    )


def _normal(username):
    return (username or "").strip().lower()[:150]


def locked_for(username, address, now=None):
    """Seconds until this account name or this address may try again (0 if not locked)."""
    from .models import LoginFailure

    now = now or timezone.now()
    max_user, max_ip, window, lock = _settings()
    wait = 0
    for field, value, limit in (("username", _normal(username), max_user), ("address", address, max_ip)):
        if not value or limit <= 0:
            continue
        recent = list(
            LoginFailure.objects.filter(**{field: value}, at__gt=now - window)
            .order_by("-at")
            .values_list("at", flat=True)[:limit]
        )
        if len(recent) >= limit:
            until = recent[0] + lock
            wait = max(wait, math.ceil((until - now).total_seconds()))
    return max(0, wait)


def wait_text(seconds):
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} 分钟"


def lockout_message(seconds):
    return f"登录失败次数过多，账号或来源地址已被暂时锁定，请 {wait_text(seconds)}后再试。如需立即解锁，请联系系统管理员。"


def record_failure(username, address, now=None):
    """Store one failed attempt and audit it; audit the lock when this failure reaches the limit."""
    from .models import LoginFailure

    now = now or timezone.now()
    name = _normal(username)
    with transaction.atomic():
        LoginFailure.objects.create(username=name, address=address[:45], at=now)
        audit.record(
            None,
            "account.login_failed",
            object_type="auth.user",
            object_id=name[:64],
            object_repr=name,
            note=f"来源地址 {address}",
        )
        wait = locked_for(name, address, now)
        if wait:
            audit.record(
                None,
                "account.locked",
                object_type="auth.user",
                object_id=name[:64],
                object_repr=name,
                after={"seconds": wait},
                note=f"连续登录失败，锁定 {wait_text(wait)}；来源地址 {address}",
            )
    return wait


@transaction.atomic
def unlock(actor, username):
    """The system administrator lifts a lock: the account's failures are forgotten (audited)."""
    from .models import LoginFailure

    name = _normal(username)
    count, _ = LoginFailure.objects.filter(username=name).delete()
    audit.record(
        actor,
        "account.unlocked",
        object_type="auth.user",
        object_id=name[:64],
        object_repr=name,
        before={"failures": count},
    )
    return count


class LockoutBackend(ModelBackend):
    """ModelBackend that refuses to check any password while the account name or the address is locked, so a
    locked account cannot be guessed at through any login form (Wagtail's, Django admin's)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else ""
        wait = locked_for(username, address)
        if wait:
            if request is not None:
                request.gongkai_locked_seconds = wait
            raise PermissionDenied(lockout_message(wait))
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    if request is None or getattr(request, "gongkai_locked_seconds", 0):
        return  # a refused attempt while locked tests no password: it does not prolong the lock
    wait = record_failure(credentials.get("username", ""), client_address(request))
    if wait:
        request.gongkai_locked_seconds = wait


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from .models import LoginFailure

    LoginFailure.objects.filter(username=_normal(user.get_username())).delete()
    if request is not None:
        request.session.pop(SESSION_VERIFIED, None)
        request.session[SESSION_LAST_SEEN] = int(timezone.now().timestamp())
    with transaction.atomic():
        audit.record(
            user, "account.login", user, note=f"来源地址 {client_address(request) if request else ''}"
        )


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with the lockout message (WAGTAILADMIN_USER_LOGIN_FORM)."""

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": "账号或密码不正确。连续失败多次后账号将被暂时锁定。",
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            wait = getattr(self.request, "gongkai_locked_seconds", 0) if self.request else 0
            if wait:
                raise ValidationError(lockout_message(wait), code="locked") from None
            raise


# --- second factor, password expiry, inactivity --------------------------------------------------------------
def totp_required(user):
    """The three administrators must use the second factor (等保 三级: 双因素 for privileged accounts)."""
    return user.is_superuser or roles.has_role(user, *roles.THREE_ADMINS)


def security_of(user):
    from .models import AccountSecurity

    return AccountSecurity.objects.filter(user=user).first()


def second_factor_state(request):
    """'ok', 'verify' (enrolled, code not yet given) or 'enrol' (an administrator without an authenticator).
    Once 'ok', the session remembers it, so a signed-in request costs no query here."""
    user = request.user
    if request.session.get(SESSION_VERIFIED) == user.pk:
        return "ok"
    security = security_of(user)
    if security is not None and security.totp_enabled:
        return "verify"
    if totp_required(user):
        return "enrol"
    request.session[SESSION_VERIFIED] = user.pk  # no second factor for this account
    return "ok"


def mark_verified(request):
    request.session.cycle_key()  # a new session id once fully signed in (session fixation)
    request.session[SESSION_VERIFIED] = request.user.pk


EXEMPT_PREFIXES = ("/static/", "/media/", "/favicon")
# Wagtail's admin pages load these by script: the icon sprite (fetched and inserted into the page — redirected, it
# would insert a second copy of the code page into itself) and the JavaScript translations. Neither needs a login
# (Wagtail serves them to anyone) nor shows anything of the account, so they are never sent to the code page.
ADMIN_ASSET_URL_NAMES = ("wagtailadmin_sprite", "wagtailadmin_javascript_catalog")


def _admin_assets():
    return {reverse(name) for name in ADMIN_ASSET_URL_NAMES}


STAFF_PREFIXES = ("/admin/", "/django-admin/")


class StaffSecurityMiddleware:
    """After AuthenticationMiddleware: inactivity logout, then the second factor, then password expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(EXEMPT_PREFIXES):
            return None
        if request.path in _admin_assets():
            return None
        now = int(timezone.now().timestamp())
        idle = getattr(settings, "GONGKAI_SESSION_IDLE_SECONDS", 1800)
        last = request.session.get(SESSION_LAST_SEEN)
        if idle > 0 and last is not None and now - last > idle:
            with transaction.atomic():
                audit.record(user, "account.session_timeout", user, note=f"{idle // 60} 分钟未操作，自动退出")
            logout(request)
            if not request.path.startswith(STAFF_PREFIXES):
                return None  # a public page or the API: served as to anyone not signed in
            messages.info(request, f"您已 {idle // 60} 分钟未操作，为保护账号安全已自动退出，请重新登录。")
            return self._deny(request, reverse("wagtailadmin_login"))
        if last is None or now - last >= 30:  # write the session at most every 30 s
            request.session[SESSION_LAST_SEEN] = now

        allowed = {
            reverse("security_totp_verify"),
            reverse("security_totp_setup"),
            reverse("wagtailadmin_logout"),
        }
        if request.path in allowed:
            return None
        state = second_factor_state(request)
        if state == "verify":
            return self._deny(request, reverse("security_totp_verify"))
        if state == "enrol":
            return self._deny(request, reverse("security_totp_setup"))
        if (
            user.is_staff
            and request.path != reverse("security_password")
            and self._password_expired(request, now)
        ):
            return self._deny(request, reverse("security_password"))
        return None

    @staticmethod
    def _password_expired(request, now):
        """Checked once, then the session keeps the time the password expires (a change updates it)."""
        from .passwords import expires_at

        until = request.session.get(SESSION_PASSWORD_UNTIL)
        if until is not None and now < until:
            return False
        until = expires_at(request.user)
        if until is None:
            request.session[SESSION_PASSWORD_UNTIL] = now + 86400
            return False
        request.session[SESSION_PASSWORD_UNTIL] = int(until.timestamp())
        return now >= until.timestamp()

    @staticmethod
    def _deny(request, to):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"errors": {"auth": "请先完成登录验证（动态口令或修改过期密码）。"}}, status=403
            )
        if request.method == "GET":
            return redirect(
                f"{to}?next={request.get_full_path()}" if to != reverse("wagtailadmin_login") else to
            )
        return redirect(to)


@transaction.atomic
def start_totp_binding(actor, user, note="开始绑定动态口令"):
    """The secret the account's first authenticator is to be bound with: the one already started (on the binding
    page or by `gongkai account totp-code` in the demo), else a new one, stored encrypted and not yet confirmed —
    the binding page shows it and `totp-code` gives its current code, so both work before the first login. An
    account that has bound an authenticator gets None (re-binding starts in the session of the binding page)."""
    from .models import AccountSecurity

    security, _ = AccountSecurity.objects.select_for_update().get_or_create(user=user)
    if security.totp_enabled:
        return None
    if security.totp_secret:
        return security.totp_secret
    security.totp_secret = totp.new_secret()
    security.totp_last_step = 0
    security.save(update_fields=["totp_secret", "totp_last_step"])
    audit.record(actor, "account.totp_binding_started", user, note=note)
    return security.totp_secret


@transaction.atomic
def reset_totp(actor, user):
    """The system administrator removes a lost authenticator; the user binds a new one at the next login (the three
    administrators must, others may)."""
    from .models import AccountSecurity

    changed = (
        AccountSecurity.objects.filter(user=user)
        .exclude(totp_secret="")
        .update(totp_secret="", totp_confirmed_at=None, totp_last_step=0)
    )
    if changed:  # nothing bound, nothing reset: no record
        audit.record(actor, "account.totp_reset", user, note="重置动态口令（验证器丢失或更换）")
    return bool(changed)


def current_locks(now=None):
    """[(kind, value, seconds left)] for every account name and address locked now."""
    from django.db.models import Count, Max

    from .models import LoginFailure

    now = now or timezone.now()
    max_user, max_ip, window, lock = _settings()
    result = []
    for field, limit, kind in (("username", max_user, "账号"), ("address", max_ip, "来源地址")):
        rows = (
            LoginFailure.objects.filter(at__gt=now - window - lock)
            .values(field)
            .annotate(n=Count("id"), last=Max("at"))
            .filter(n__gte=limit)
        )
        for row in rows:
            wait = locked_for(row[field], "", now) if field == "username" else locked_for("", row[field], now)
            if wait:
                result.append((kind, row[field], wait_text(wait)))
    return result
