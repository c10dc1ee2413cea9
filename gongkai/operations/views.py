"""The audit administrator's export of the audit trail (`gongkai audit export` does the same on the command line)."""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.core import audit

from . import audit_retention


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
            buffer = io.StringIO()
            audit_retention.write_csv(buffer, rows)
            response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.{kind}"'
        return response
    return TemplateResponse(
        request,
        "operations/audit_export.html",
        {"form": form, "retention_days": audit_retention.retention_days()},
    )
