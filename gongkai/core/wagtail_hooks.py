"""Admin: the calendar (office edits it, imports a CSV), the audit trail (read-only, audit administrator), and the
script that keeps rich text typed just before a form is sent."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from . import actions, audit_vocabulary, calendar_io
from .models import AuditRecord, CalendarDay, SensitiveWord, WordingCorrection


class AuditedCreateView(generic.CreateView):
    def save_instance(self):
        return actions.save_reference_row(self.request.user, self.form)


class AuditedEditView(generic.EditView):
    def save_instance(self):
        return actions.save_reference_row(self.request.user, self.form)


class AuditedDeleteView(generic.DeleteView):
    def delete_action(self):
        actions.delete_reference_row(self.request.user, self.object)


class AuditedViewSet(ModelViewSet):
    """Reference data edited on the generic screens: each save and deletion is an audited action
    (core/actions.py), not the generic view's bare save."""

    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    delete_view_class = AuditedDeleteView
    copy_view_enabled = False


class CalendarDayViewSet(AuditedViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "法定日历"
    menu_order = 900
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind"]
    search_fields = ["name", "source"]
    form_fields = ["date", "kind", "name", "source"]
    list_per_page = 50


def action_display(record):
    """The auditor reads the Chinese label of the action; the raw name stays beside it, small, for searching and
    for names no longer declared (docs/audit.md)."""
    label = audit_vocabulary.label(record.action)
    if label == record.action:
        return format_html("<code>{}</code>", record.action)
    return format_html('{}<br><small class="help"><code>{}</code></small>', label, record.action)


class AuditRecordInspectView(InspectView):
    def get_action_display_value(self):
        return action_display(self.object)


class AuditRecordViewSet(ModelViewSet):
    model = AuditRecord
    icon = "history"
    menu_label = "审计日志"
    menu_order = 990
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = AuditRecordInspectView
    list_display = [
        "at",
        "actor_label",
        Column("action", label="操作", accessor=action_display),
        "object_type",
        "object_repr",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "action", "object_repr", "object_id"]
    inspect_view_fields = [
        "id",
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "before",
        "after",
        "note",
        "prev_hash",
        "hash",
    ]
    form_fields = []
    list_per_page = 50

    def get_index_view_kwargs(self, **kwargs):
        # newest first: the auditor reads what just happened (the model's own order is the chain's, oldest first)
        return super().get_index_view_kwargs(default_ordering="-at", **kwargs)


class SensitiveWordViewSet(AuditedViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "敏感词库"
    menu_order = 910
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["word", "severity", "category", "active"]
    list_filter = ["severity", "active"]
    search_fields = ["word", "category"]
    form_fields = ["word", "severity", "category", "active"]


class WordingCorrectionViewSet(AuditedViewSet):
    model = WordingCorrection
    icon = "edit"
    menu_label = "严重表述错误库"
    menu_order = 911
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["wrong", "right", "severity", "note", "active"]
    list_filter = ["severity", "active"]
    search_fields = ["wrong", "right", "note"]
    form_fields = ["wrong", "right", "severity", "note", "active"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        CalendarDayViewSet("calendar"),
        AuditRecordViewSet("audit"),
        SensitiveWordViewSet("sensitive_words"),
        WordingCorrectionViewSet("wording_corrections"),
    ]


class CalendarImportForm(forms.Form):
    file = forms.FileField(
        label="CSV 文件",
        help_text="列：date（YYYY-MM-DD）、kind（rest 休息 / workday 调休上班）、name、source",
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 200_000:
            raise forms.ValidationError("文件过大（上限 200 KB）。")
        try:
            return f.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("文件须为 UTF-8 编码的 CSV。") from exc


def calendar_import_view(request):
    if not request.user.has_perm("core.add_calendarday"):
        raise PermissionDenied
    form = CalendarImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            count, years = calendar_io.import_csv(form.cleaned_data["file"], request.user)
        except calendar_io.CalendarImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request, f"已导入 {count} 条，年度：{'、'.join(map(str, years))}。暂定的期限已按新日历重算。"
            )
            return redirect(reverse("calendar:index"))
    return TemplateResponse(request, "core/calendar_import.html", {"form": form, "errors": errors})


@hooks.register("register_admin_urls")
def calendar_urls():
    return [path("calendar-import/", calendar_import_view, name="calendar_import")]


@hooks.register("register_admin_menu_item")
def calendar_import_menu_item():
    return MenuItem(
        "导入法定日历", reverse("calendar_import"), name="calendar-import", icon_name="upload", order=901
    )


@hooks.register("construct_main_menu")
def hide_import_from_others(request, menu_items):
    if not request.user.has_perm("core.add_calendarday"):
        menu_items[:] = [item for item in menu_items if item.name != "calendar-import"]


@hooks.register("insert_global_admin_js")
def richtext_saved_on_submit():
    """Draftail hands its content to the form 250 ms after the last keystroke; this script hands it over when the form
    is sent too soon, so text typed just before 提交 is not lost (static/core/admin/richtext-save.js)."""
    return format_html('<script src="{}" defer></script>', static("core/admin/richtext-save.js"))
