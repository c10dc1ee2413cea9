"""Staff account pages in the admin: the TOTP second factor (enrolment, the code after the password) and the
password change that an expired password leads to. See `accounts.py` for when they are required."""

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

from . import accounts, audit, totp
from .models import AccountSecurity
from .protection import client_address

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
    state = accounts.second_factor_state(request)
    if state == "verify":
        return redirect(f"{reverse('security_totp_verify')}?next={_next(request)}")
    # the first binding uses the secret kept with the account (the one `gongkai account totp-code` gives codes
    # for); replacing a bound authenticator, a new secret kept in this session until it is confirmed
    secret = accounts.start_totp_binding(request.user, request.user)
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
            accounts.mark_verified(request)
            messages.success(request, "已绑定动态口令。今后登录时，输入密码后还需输入验证器显示的口令。")
            return redirect(_next(request))
    uri = totp.provisioning_uri(secret, request.user.get_username(), settings.GONGKAI_TOTP_ISSUER)
    return TemplateResponse(
        request,
        "core/security/totp_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr": totp.qr_svg(uri),
            "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": accounts.totp_required(request.user),
            "next": _next(request),
        },
    )


def totp_verify(request):
    """The second step of signing in. Wrong codes count as failed logins (same lockout), so six digits cannot be
    tried through."""
    if accounts.second_factor_state(request) != "verify":
        return redirect(_next(request))
    username = request.user.get_username()
    address = client_address(request)
    wait = accounts.locked_for(username, address)
    if wait:
        logout(request)
        messages.error(request, accounts.lockout_message(wait))
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
            accounts.mark_verified(request)
            return redirect(_next(request))
        wait = accounts.record_failure(username, address)
        if wait:
            logout(request)
            messages.error(request, accounts.lockout_message(wait))
            return redirect("wagtailadmin_login")
        form.add_error("code", "动态口令不正确或已使用过，请输入验证器当前显示的 6 位数字。")
    return TemplateResponse(request, "core/security/totp_verify.html", {"form": form, "next": _next(request)})


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
        request.session.pop(accounts.SESSION_PASSWORD_UNTIL, None)
        messages.success(request, "密码已修改。")
        return redirect(_next(request))
    return TemplateResponse(
        request,
        "core/security/password_change.html",
        {
            "form": form,
            "expired": password_expired(request.user),
            "max_age": settings.GONGKAI_PASSWORD_MAX_AGE_DAYS,
            "next": _next(request),
        },
    )


class AuditExportForm(forms.Form):
    start = forms.DateField(label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label="截止日期（含）", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    format = forms.ChoiceField(label="格式", choices=[("xlsx", "Excel（xlsx）"), ("csv", "CSV（UTF-8）")])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return cleaned


def audit_export(request):
    """The audit administrator downloads the trail of a period (the export itself is audited)."""
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from . import audit_retention

    if not request.user.has_perm("core.view_auditrecord"):
        raise PermissionDenied
    form = AuditExportForm(request.GET or None)
    if request.GET and form.is_valid():
        start, end, kind = form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["format"]
        rows = audit_retention.records(start, end)
        span = f"{start or '最早'}至{end or '今'}"
        with transaction.atomic():
            audit.record(
                request.user,
                "audit.export",
                object_type="core.auditrecord",
                object_id="export",
                object_repr=f"导出审计日志（{span}）",
                after={"format": kind},
            )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        if kind == "xlsx":
            response = HttpResponse(
                audit_retention.xlsx_bytes(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            import io

            buffer = io.StringIO()
            audit_retention.write_csv(buffer, rows)
            response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{kind}"'
        return response
    return TemplateResponse(
        request,
        "core/security/audit_export.html",
        {"form": form, "retention_days": audit_retention.retention_days()},
    )


def locked_accounts(request):
    """The system administrator sees the account names and addresses currently locked out, and lifts a lock; and
    resets the authenticator of an account whose phone was lost (never their own: that takes a second
    administrator). Both are audited actions (accounts.unlock, accounts.reset_totp)."""
    from django.core.exceptions import PermissionDenied

    from gongkai.core import roles

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
            elif accounts.reset_totp(request.user, user):
                messages.success(request, f"已重置账号 {name} 的动态口令；该账号下次登录时重新绑定验证器。")
            else:
                messages.warning(request, f"账号 {name} 尚未绑定动态口令，无需重置。")
        elif name:
            accounts.unlock(request.user, name)
            messages.success(request, f"已解除账号 {name} 的登录锁定。")
        return redirect("security_locked")
    return TemplateResponse(request, "core/security/locked.html", {"locked": accounts.current_locks()})
