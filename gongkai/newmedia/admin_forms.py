"""Forms of the staff screens (Wagtail admin). They only translate input; the rules live in actions/rules."""

from django import forms
from django.utils import timezone

from . import rules
from .forms import AccountProposalForm
from .models import Account, AccountStatus, ApplicationKind


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class PostForm(forms.Form):
    title = forms.CharField(label="标题", max_length=300)
    published_at = LocalDateTimeField(label="发布时间")
    url = forms.URLField(label="链接", required=False, max_length=1000, assume_scheme="https")


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label="导出表格（CSV 或 XLSX）",
        help_text="第一行为表头：标题、发布时间、链接。任一行有错则整份不导入。",
    )


class ClosingNoticeForm(forms.Form):
    notice_url = forms.URLField(label="停更公告链接", max_length=500, assume_scheme="https")
    published_at = LocalDateTimeField(label="公告发布时间", required=False)


class ChecklistMixin:
    def add_checklist(self, kind):
        self.fields["checklist"] = forms.MultipleChoiceField(
            label="条件核对",
            choices=rules.conditions_for(kind),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="逐项核对；全部满足后公开办方可批准。",
        )


class OpenApplicationForm(ChecklistMixin, AccountProposalForm):
    reason = forms.CharField(label="开设理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_checklist(ApplicationKind.OPEN)


class ChangeApplicationForm(ChecklistMixin, AccountProposalForm):
    reason = forms.CharField(label="变更理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("platform")
        self.add_checklist(ApplicationKind.CHANGE)


class CloseApplicationForm(ChecklistMixin, forms.Form):
    reason = forms.CharField(label="关停理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_checklist(ApplicationKind.CLOSE)


class DecisionForm(forms.Form):
    note = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PushForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    summary = forms.CharField(label="摘要", widget=forms.Textarea(attrs={"rows": 3}))
    page_id = forms.IntegerField(label="关联政府信息（页面编号）", required=False)
    link_url = forms.CharField(label="信息链接", required=False, max_length=500)
    deadline = forms.DateField(label="转发截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    accounts = forms.ModelMultipleChoiceField(
        label="推送账号",
        queryset=Account.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = Account.objects.filter(status=AccountStatus.ACTIVE)
        if user is not None:  # 集约化: the office pushes to its own site's accounts
            accounts = accounts.for_user(user)
        self.fields["accounts"].queryset = accounts.select_related("department")
        self.fields["accounts"].label_from_instance = lambda a: (
            f"{a.department.short_name or a.department}·{a}"
        )

    def clean_page_id(self):
        from wagtail.models import Page

        pk = self.cleaned_data.get("page_id")
        if pk is None:
            return None
        page = Page.objects.filter(pk=pk).first()
        if page is None:
            raise forms.ValidationError("没有该页面。")
        return page


class ConfirmPushForm(forms.Form):
    post_url = forms.URLField(label="转发文章链接", max_length=1000, assume_scheme="https")


def default_local(moment=None):
    return timezone.localtime(moment or timezone.now()).replace(second=0, microsecond=0)


def default_push_deadline():
    """N working days from today on the official calendar (GONGKAI_NEWMEDIA_PUSH_WORKDAYS, default 3) [L]."""
    from django.conf import settings

    from gongkai.core import workdays

    days = getattr(settings, "GONGKAI_NEWMEDIA_PUSH_WORKDAYS", 3)
    return workdays.add_workdays(timezone.localdate(), days).due
