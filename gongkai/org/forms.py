"""Forms of the 机构与人员 screens: a department, a new staff account, a changed one, a temporary password. They
validate; the views hand the result to the audited actions (actions.py)."""

import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError

from gongkai.core import identity, roles

from .models import Department

User = get_user_model()

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,29}$")


def org_code_error(code):
    """GB 11714 组织机构代码: 8 digits or capital letters and a check character (0–9 or X)."""
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        return "组织机构代码应为 8 位数字或大写字母加 1 位校验码。"
    total = sum(
        w * (int(c) if c.isdigit() else ord(c) - 55) for w, c in zip(ORG_CODE_WEIGHTS, code[:8], strict=True)
    )
    check = 11 - total % 11
    expected = "X" if check == 10 else "0" if check == 11 else str(check)
    if code[8] != expected:
        return "组织机构代码校验位不正确，请核对后重新填写。"
    return None


def role_choices():
    return [(name, f"{name}（{roles.ROLE_DESCRIPTIONS[name]}）") for name in roles.ALL_ROLES]


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "short_name", "code", "kind", "doc_prefix", "phone", "address", "sort_order", "active",
                  "site"]  # fmt: skip

    def __init__(self, *args, site_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = site_queryset
        self.fields["site"].empty_label = None
        self.fields["site"].required = True
        if self.instance.pk is None and site_queryset.count() == 1:
            self.initial.setdefault("site", site_queryset.first().pk)

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if self.instance.pk is not None and code == self.instance.code:
            return code  # unchanged: kept as it was entered
        error = identity.uscc_error(code) if len(code) != 9 else org_code_error(code)
        if error:
            raise ValidationError(error)
        return code


class StaffFields(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False, help_text="接收到期提醒、督办等通知",
                             error_messages={"invalid": "请填写有效的电子邮箱地址。"})  # fmt: skip
    title = forms.CharField(label="职务", max_length=60, required=False)
    department = forms.ModelChoiceField(
        label="所在部门",
        queryset=Department.objects.none(),
        required=False,
        help_text="三员和全平台的政务公开办账号可不选部门",
    )
    roles = forms.MultipleChoiceField(label="角色", choices=role_choices, widget=forms.CheckboxSelectMultiple,
                                      required=False)  # fmt: skip

    def __init__(self, *args, departments, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.account = user

    def clean(self):
        data = super().clean()
        chosen = data.get("roles") or []
        try:
            roles.check_separation(self.account or User(username=data.get("username", "")), chosen)
        except ValidationError as exc:
            self.add_error("roles", exc)
        if set(chosen) & set(roles.DEPARTMENT_ROLES) and not data.get("department"):
            self.add_error("department", "信息员和审核角色须选择所在部门。")
        return data


class StaffCreateForm(StaffFields):
    field_order = ["username", "full_name", "email", "title", "department", "roles", "password1", "password2"]

    username = forms.CharField(
        label="登录账号", max_length=30, help_text="字母开头，3–30 位字母、数字或 _ . -"
    )
    password1 = forms.CharField(label="初始密码", widget=forms.PasswordInput(render_value=False), strip=False)
    password2 = forms.CharField(label="再次输入初始密码", widget=forms.PasswordInput, strip=False)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if not USERNAME.match(name):
            raise ValidationError("登录账号须以字母开头，由 3–30 位字母、数字或 _ . - 组成。")
        if User.objects.filter(username__iexact=name).exists():
            raise ValidationError("该登录账号已被使用。")
        return name

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致。")
        elif p1:
            candidate = User(username=data.get("username", ""), first_name=data.get("full_name", ""),
                             email=data.get("email", ""))  # fmt: skip
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class StaffEditForm(StaffFields):
    active = forms.BooleanField(
        label="允许登录", required=False, help_text="调离或离职的人员停用账号，记录保留"
    )


class PasswordResetForm(forms.Form):
    password1 = forms.CharField(label="临时密码", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="再次输入临时密码", widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "两次输入的密码不一致。")
        return data
