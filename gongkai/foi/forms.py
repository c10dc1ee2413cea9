"""The public application form (Art. 29) and the tracking form. Checking is `services.validate`, shared with the
API, so the form and the API give the same Chinese messages."""

import datetime

from django import forms

from gongkai.core.forms import CaptchaFormMixin

from . import rules, services


class ApplicationFields(forms.Form):
    """The Art. 29 fields, for the public form and for staff keying in an oral / in-person / postal application."""

    applicant_type = forms.ChoiceField(
        label="申请人类型", choices=rules.ApplicantType.choices, widget=forms.RadioSelect
    )
    organization_type = forms.ChoiceField(
        label="法人或其他组织的类别",
        choices=[("", "（自然人无需选择）"), *rules.OrganizationType.choices],
        required=False,
    )
    name = forms.CharField(label="姓名或名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=rules.IdType.choices)
    id_number = forms.CharField(
        label="证件号码", max_length=40, help_text="居民身份证号为 18 位，会核对校验位。"
    )
    phone = forms.CharField(label="联系电话", max_length=20)
    email = forms.CharField(label="电子邮箱（选填）", max_length=100, required=False)
    address = forms.CharField(label="通信地址（选择邮寄时必填）", max_length=200, required=False)
    description = forms.CharField(
        label="所需政府信息的描述",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明信息的名称、文号或便于查询的其他特征。无需说明用途。",
    )
    delivery_form = forms.ChoiceField(label="获取信息的形式", choices=rules.DeliveryForm.choices)
    delivery_way = forms.ChoiceField(label="获取信息的方式", choices=rules.DeliveryWay.choices)
    attachment = forms.FileField(
        label="身份证明或执照复印件（选填，PDF/JPG/PNG，不超过 5 MB）", required=False
    )

    def clean(self):
        cleaned = super().clean()
        files = []
        upload = self.files.get("attachment")
        if upload is not None:
            if upload.size > services.max_attachment_bytes():
                self.add_error("attachment", services.too_large_message(upload.name))
                return cleaned
            files.append((upload.name, upload.read()))
        data = {key: self.data.get(key, "") for key in services.FIELDS}
        checked, errors = services.validate(data, files)
        for key, message in errors.items():
            field = "attachment" if key == "attachments" else key
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        self.checked = checked
        self.checked_files = files
        return cleaned


class ApplicationForm(ApplicationFields, CaptchaFormMixin):
    """The public form: always with the captcha (picture or text question)."""


class StaffIntakeForm(ApplicationFields):
    """An application handed in at the window, by post or fax, or told orally (Art. 29: staff fill it in)."""

    channel = forms.ChoiceField(
        label="申请渠道",
        choices=[c for c in rules.Channel.choices if c[0] != rules.Channel.ONLINE],
    )
    received_on = forms.DateField(
        label="收到申请之日（当面/口头为当日；挂号信为签收日）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空为今天。平常信函和传真须另行与申请人确认后再点“确认收到”。",
    )


class TrackingForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=20)
    # POSTed, never in a URL; not written back into the page after the look-up (gongkai.core.tracking)
    secret = forms.CharField(
        label="查询密码",
        max_length=40,
        help_text="如 K7QM-3HXP-9RTD，不区分大小写，可不输入短横线。",
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


# --- the staff actions of the case page (issue 16 item 5) -----------------------------------------------------------
# One form per action, read by `admin_views.do_action`; each hands its action function the arguments. The fields
# read the posted values as the case page sends them; what the law or the procedure requires of them (a reason, a
# reply, the proof of service) the action function checks, with its own Chinese message.
class FlagField(forms.Field):
    """A tick box: ticked when anything is posted under its name."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return bool(value)


class NumberField(forms.Field):
    """A whole number, or `default` when left empty or not a number (the action then says what is wrong)."""

    def __init__(self, *, default=None, **kwargs):
        self.default = default
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            return int(value)
        except (TypeError, ValueError):
            return self.default


class IsoDateField(forms.Field):
    """A date as YYYY-MM-DD (the browser's date input); `required` is the message when it is left empty."""

    def __init__(self, *, required=None, **kwargs):
        self.missing = required
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        if not value:
            if self.missing:
                raise forms.ValidationError(self.missing)
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise forms.ValidationError("日期格式应为 YYYY-MM-DD。") from exc


class TextField(forms.CharField):
    """Free text passed on as typed (the action function strips and checks it)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, **kwargs)


class CaseActionForm(forms.Form):
    """A staff action on one case; `arguments()` gives the action function's arguments after the actor."""

    def __init__(self, data, *, user, app):
        self.user, self.app = user, app
        super().__init__(data)

    def arguments(self):
        return (self.app,), dict(self.cleaned_data)

    def first_error(self):
        return next(message for messages in self.errors.values() for message in messages)


class DepartmentChoice(NumberField):
    """A department the user works with, by its id; any other answers 404 (as the case page offers only those)."""

    def __init__(self, **kwargs):
        super().__init__(default=0, **kwargs)


def _department(form):
    from django.shortcuts import get_object_or_404

    from gongkai.org import sites

    return get_object_or_404(sites.departments_for_user(form.user), pk=form.cleaned_data["department"])


class ConfirmForm(CaseActionForm):
    pass


class CorrectionForm(CaseActionForm):
    items = TextField()
    period_days = NumberField()


class CorrectionReceivedForm(CaseActionForm):
    text = TextField()


class AssignForm(CaseActionForm):
    department = DepartmentChoice()

    def clean_department(self):
        return _department(self)

    def arguments(self):
        return (self.app, self.cleaned_data["department"]), {}


class TransferForm(CaseActionForm):
    department = DepartmentChoice()
    reason = TextField()

    def clean_department(self):
        return _department(self)

    def arguments(self):
        return (self.app, self.cleaned_data["department"]), {"reason": self.cleaned_data["reason"]}


class ConsultForm(CaseActionForm):
    party = TextField()


class ConsultAnswerForm(CaseActionForm):
    opinion = TextField()
    consent = FlagField()


class ExtensionForm(CaseActionForm):
    days = NumberField(default=0)
    reason = TextField()


class FeeForm(CaseActionForm):
    method = TextField()
    pages = NumberField()


class PaidForm(CaseActionForm):
    receipt_no = TextField()


class ReplyForm(CaseActionForm):
    outcome = TextField()
    reply_text = TextField()


class ReviewForm(CaseActionForm):
    decision = TextField()
    note = TextField()
    secrecy_checked = FlagField()

    def arguments(self):
        data = self.cleaned_data
        return (self.app,), {
            "approve": data["decision"] == "approve",
            "note": data["note"],
            "secrecy_checked": data["secrecy_checked"],
        }


class DeliverForm(CaseActionForm):
    method = TextField()
    proof = TextField()
    on = IsoDateField()


class CloseLapsedForm(CaseActionForm):
    pass


class ProactiveForm(CaseActionForm):
    reason = TextField()


class RemedyForm(CaseActionForm):
    filed_on = IsoDateField(required="请填写立案日期。")
    kind = TextField()
    body = TextField()


class RemedyDecideForm(CaseActionForm):
    remedy = NumberField(default=0)
    decided_on = IsoDateField(required="请填写审结日期。")
    result = TextField()

    def clean_remedy(self):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(self.app.remedies, pk=self.cleaned_data["remedy"])

    def arguments(self):
        data = self.cleaned_data
        return (data["remedy"],), {"result": data["result"], "decided_on": data["decided_on"]}
