"""Public forms: a message, a site-error report, a query and a rating. Field rules are those of `intake.py` (the
same as the API), so a form and the API refuse the same input with the same Chinese message."""

from django import forms

from gongkai.core import siteurl
from gongkai.core.forms import CaptchaFormMixin

from . import intake
from .models import Channel, Rating


class _IntakeForm(CaptchaFormMixin, forms.Form):
    """`site`: the site the form is on (集约化) — its categories only, and the case is filed there."""

    validator = None

    def __init__(self, *args, site=None, **kwargs):
        self.site = site
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        data = {name: self.data.get(name, "") for name in self.fields}
        if "public" in self.fields:
            data["public"] = bool(self.cleaned_data.get("public"))
        values, errors = type(self).validator(data, site=self.site)
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)
        upload = self.files.get("attachment")
        if "attachment" in self.fields and upload is not None:
            message = intake.check_attachment(upload)
            if message:
                self.add_error("attachment", message)
        self.intake = values
        return cleaned


class MessageForm(_IntakeForm):
    validator = staticmethod(intake.validate_message)

    name = forms.CharField(label="姓名", required=False, max_length=60)
    phone = forms.CharField(
        label="联系电话",
        required=False,
        max_length=30,
        help_text="手机号码或带区号的固定电话，与电子邮箱至少填一项；不会公开。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label="电子邮箱",
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    category = forms.ChoiceField(label="留言类别", required=False)
    title = forms.CharField(label="标题", required=False, max_length=120)
    content = forms.CharField(
        label="留言内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="请写明事情经过和诉求；请勿填写身份证号等个人信息。",
    )
    public = forms.BooleanField(label="同意在留言板公开（不公开姓名和联系方式）", required=False)
    attachment = forms.FileField(
        label="附件（可选）", required=False, help_text="PDF、PNG 或 JPG，不超过 5 MB。"
    )

    field_order = ["name", "phone", "email", "category", "title", "content", "public", "attachment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "请选择")] + [
            (c.name, c.name) for c in intake.categories(Channel.MESSAGE, self.site)
        ]


class SiteErrorForm(_IntakeForm):
    validator = staticmethod(intake.validate_site_error)

    page_url = forms.CharField(
        label="出错页面地址",
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"type": "url"}),
    )
    category = forms.ChoiceField(label="问题类型", required=False)
    description = forms.CharField(label="问题描述", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名（可选）", required=False, max_length=60)
    phone = forms.CharField(
        label="联系电话",
        required=False,
        max_length=30,
        help_text="与电子邮箱至少填一项，用于告知处理结果。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label="电子邮箱",
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the example is this site's own address (a town's site is not the city's)
        self.fields["page_url"].help_text = f"从浏览器地址栏复制，如 {siteurl.base_url(self.site)}/…"
        self.fields["category"].choices = [("", "请选择")] + [
            (c.name, c.name) for c in intake.categories(Channel.SITE_ERROR, self.site)
        ]


class QueryForm(forms.Form):
    """POSTed: the secret never travels in a URL (gongkai.core.tracking)."""

    code = forms.CharField(label="查询码", max_length=20)
    secret = forms.CharField(
        label="查询密码",
        max_length=40,
        help_text="如 K7QM-3HXP-9RTD，不区分大小写，可不输入短横线。",
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class RatingForm(forms.Form):
    """The code only: the case was looked up with its secret in this browser (tracking.TRACKED_KEY)."""

    code = forms.CharField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label="评价",
        coerce=int,
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择评价等级。"},
    )
    comment = forms.CharField(
        label="评价意见（可选）", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
