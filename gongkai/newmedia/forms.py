"""Validation of what staff file: the fields of an account in an opening or change application, a post, a push."""

from django import forms
from django.db import models

from .models import Account, FilingStatus, Platform

PROPOSAL_FIELDS = [
    "platform",
    "name",
    "account_id",
    "url",
    "operator",
    "contractor",
    "certified",
    "certification_subject",
    "filing_status",
    "filing_number",
    "has_interaction",
    "feed_url",
    "notify_email",
    "exception_reason",
]
CHANGEABLE_FIELDS = [f for f in PROPOSAL_FIELDS if f != "platform"]


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class AccountProposalForm(forms.ModelForm):
    """The account as proposed in an application; platform cannot change (another platform is another account)."""

    class Meta:
        model = Account
        fields = PROPOSAL_FIELDS
        formfield_callback = _formfield
        widgets = {"exception_reason": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("filing_status") == FilingStatus.FILED and not data.get("filing_number"):
            self.add_error("filing_number", "已备案的账号须填写备案编号。")
        if data.get("certified") and not data.get("certification_subject"):
            self.add_error("certification_subject", "已认证的账号须填写认证主体。")
        if not data.get("operator") and not data.get("contractor"):
            self.add_error("operator", "须明确运维人员或运维单位。")
        return data


def clean_proposal(data, *, change=False):
    """Return the cleaned, JSON-ready proposal, or raise ValidationError with one Chinese message per field."""
    from django.core.exceptions import ValidationError

    defaults = {}
    for name in PROPOSAL_FIELDS:
        field = Account._meta.get_field(name)
        if field.has_default():
            defaults[name] = field.get_default()
    form = AccountProposalForm(data={**defaults, **data})
    if change:
        for name in ("platform",):
            form.fields[name].required = False
    if not form.is_valid():
        raise ValidationError({k: v[0] for k, v in form.errors.items()})
    cleaned = {
        name: form.cleaned_data.get(name) for name in (CHANGEABLE_FIELDS if change else PROPOSAL_FIELDS)
    }
    return {k: ("" if v is None else v) for k, v in cleaned.items()}


def platform_label(value):
    return Platform(value).label if value in Platform.values else value
