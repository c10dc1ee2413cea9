"""Staff account pages in the admin: the TOTP second factor (enrolment, the code after the password), the
password change that an expired password leads to, and the system administrator's page of locked accounts. See
`signin.py` for when they are required."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.core import audit, roles
from gongkai.core.protection import client_address

from . import signin, totp
from .models import AccountSecurity

PENDING_SECRET = "gongkai_totp_pending"  # noqa: S105 — a session key name


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态口令（6 位数字）",
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": ""}
        ),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def totp_setup(request):
    """Bind an authenticator app: the secret as QR code and as text, confirmed by one valid code. Re-binding needs
    a session that already passed the second factor (a stolen password alone cannot replace the authenticator)."""
    state = signin.second_factor_state(request)
    if state == "verify":
        return redirect(f"{reverse('security_totp_verify')}?next={_next(request)}")
    # the first binding uses the secret kept with the account (the one `gongkai account totp-code` gives codes
    # for); replacing a bound authenticator, a new secret kept in this session until it is confirmed
    secret = signin.start_totp_binding(request.user, request.user)
    if secret is None:
        secret = request.session.get(PENDING_SECRET)
        if not secret:
            secret = totp.new_secret()
            request.session[PENDING_SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = totp.match(secret, form.cleaned_data["code"])
        if step is None:
            form.add_error("code", "动态口令不正确：请确认手机时间准确，并输入验证器当前显示的 6 位数字。")
        else:
            with transaction.atomic():
                AccountSecurity.objects.update_or_create(
                    user=request.user,
                    defaults={
                        "totp_secret": secret,
                        "totp_confirmed_at": timezone.now(),
                        "totp_last_step": step,
                    },
                )
                audit.record(request.user, "account.totp_enrolled", request.user, note="绑定动态口令验证器")
            request.session.pop(PENDING_SECRET, None)
            signin.mark_verified(request)
            messages.success(request, "已绑定动态口令。今后登录时，输入密码后还需输入验证器显示的口令。")
            return redirect(_next(request))
    uri = totp.provisioning_uri(secret, request.user.get_username(), settings.GONGKAI_TOTP_ISSUER)
    return TemplateResponse(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr": totp.qr_svg(uri),
            "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": signin.totp_required(request.user),
            "next": _next(request),
        },
    )


def totp_verify(request):
    """The second step of signing in. Wrong codes count as failed logins (same lockout), so six digits cannot be
    tried through."""
    if signin.second_factor_state(request) != "verify":
        return redirect(_next(request))
    username = request.user.get_username()
    address = client_address(request)
    wait = signin.locked_for(username, address)
    if wait:
        logout(request)
        messages.error(request, signin.lockout_message(wait))
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            security = AccountSecurity.objects.select_for_update().get(user=request.user)
            step = totp.match(
                security.totp_secret, form.cleaned_data["code"], after_step=security.totp_last_step
            )
            if step is not None:
                security.totp_last_step = step
                security.save(update_fields=["totp_last_step"])
                audit.record(request.user, "account.totp_verified", request.user, note=f"来源地址 {address}")
        if step is not None:
            signin.mark_verified(request)
            return redirect(_next(request))
        wait = signin.record_failure(username, address)
        if wait:
            logout(request)
            messages.error(request, signin.lockout_message(wait))
            return redirect("wagtailadmin_login")
        form.add_error("code", "动态口令不正确或已使用过，请输入验证器当前显示的 6 位数字。")
    return TemplateResponse(request, "accounts/totp_verify.html", {"form": form, "next": _next(request)})


class ChangePasswordForm(PasswordChangeForm):
    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password1", "新密码不能与原密码相同。")
        return cleaned


def password_change(request):
    """Change the password (the page an expired password leads to)."""
    from .passwords import password_expired

    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit.record(request.user, "account.password_changed", request.user)
        update_session_auth_hash(request, form.user)
        request.session.pop(signin.SESSION_PASSWORD_UNTIL, None)
        messages.success(request, "密码已修改。")
        return redirect(_next(request))
    return TemplateResponse(
        request,
        "accounts/password_change.html",
        {
            "form": form,
            "expired": password_expired(request.user),
            "max_age": settings.GONGKAI_PASSWORD_MAX_AGE_DAYS,
            "next": _next(request),
        },
    )


def locked_accounts(request):
    """The system administrator sees the account names and addresses currently locked out, and lifts a lock; and
    resets the authenticator of an account whose phone was lost (never their own: that takes a second
    administrator). Both are audited actions (signin.unlock, signin.reset_totp)."""
    from django.core.exceptions import PermissionDenied

    if not roles.has_role(request.user, roles.SYSADMIN):
        raise PermissionDenied
    if request.method == "POST":
        name = request.POST.get("username", "").strip()
        if request.POST.get("action") == "reset-totp":
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(username=name).first() if name else None
            if user is None:
                messages.error(request, f"账号不存在：{name}" if name else "请填写要重置动态口令的账号。")
            elif user.pk == request.user.pk:
                messages.error(request, "不能重置自己的动态口令：请由另一名系统管理员操作。")
            elif signin.reset_totp(request.user, user):
                messages.success(request, f"已重置账号 {name} 的动态口令；该账号下次登录时重新绑定验证器。")
            else:
                messages.warning(request, f"账号 {name} 尚未绑定动态口令，无需重置。")
        elif name:
            signin.unlock(request.user, name)
            messages.success(request, f"已解除账号 {name} 的登录锁定。")
        return redirect("security_locked")
    return TemplateResponse(request, "accounts/locked.html", {"locked": signin.current_locks()})
