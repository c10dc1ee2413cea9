"""Staff screens in the Wagtail admin: department-scoped model views, publish/withdraw, spreadsheet import and
export, and the per-department list of incomplete guides."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from gongkai.core.roles import sees_all_departments, user_department
from gongkai.org import sites
from gongkai.org.models import Department

from . import actions, catalog, spreadsheets
from .models import (
    SLUG_OF_LIST_TYPE,
    DataTable,
    Guide,
    ImportRun,
    ItemStatus,
    ListType,
    Question,
    ServiceItem,
    Theme,
)
from .rules import veto_check

# --- department isolation for every generic view ---------------------------------------------------------


class ScopedObjectMixin:
    """Edit, delete, inspect …: an object of another department is 404 (Model.objects.for_user)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        if not type(obj).objects.for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedFormMixin:
    """Department staff may only pick their own department in the form."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        if "department" in form.fields and sees_all_departments(user):
            form.fields["department"].queryset = sites.departments_for_user(user)  # the office's own site
        elif "department" in form.fields:
            own = user_department(user)
            form.fields["department"].queryset = Department.objects.filter(pk=own.pk if own else None)
            if own is not None:
                form.fields["department"].initial = own.pk
        return form


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.model.objects.for_user(self.request.user).select_related("department")


class ScopedCreateView(ScopedFormMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedObjectMixin, ScopedFormMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class DepartmentScopedViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_enabled = False


# --- service items: saved through actions.save_item -------------------------------------------------------


class ItemSaveMixin:
    def form_valid(self, form):
        self.form = form
        try:
            self.object = actions.save_item(self.request.user, form)
        except ValidationError as exc:
            form.add_error(None, exc)
            self.produced_error_message = " ".join(exc.messages)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error("department", str(exc))
            self.produced_error_message = str(exc)
            return self.form_invalid(form)
        return self.save_action()


class ItemCreateView(ItemSaveMixin, ScopedCreateView):
    pass


class ItemEditView(ItemSaveMixin, ScopedEditView):
    pass


class ItemIndexView(ScopedIndexView):
    pass


class ServiceItemViewSet(DepartmentScopedViewSet):
    model = ServiceItem
    icon = "list-ul"
    menu_label = "政务服务事项"
    menu_order = 300
    add_view_class = ItemCreateView
    edit_view_class = ItemEditView
    index_view_class = ItemIndexView
    list_display = [
        "name",
        "code",
        "department",
        "list_type",
        "status",
        "missing_count",
        Column("status_action", label="发布/下线", accessor=lambda item: _status_link(item)),
    ]
    list_filter = ["list_type", "status", "level"]
    search_fields = ["name", "code"]
    list_per_page = 50
    inspect_view_enabled = True


def _status_link(item):
    return format_html('<a href="{}">发布/下线</a>', reverse("services_item_status", args=[item.pk]))


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "folder-open-inverse"
    menu_label = "服务主题"
    menu_order = 310
    copy_view_enabled = False
    list_display = ["name", "slug", "sort_order", "active"]
    search_fields = ["name"]


class QuestionViewSet(DepartmentScopedViewSet):
    model = Question
    icon = "help"
    menu_label = "答疑解惑"
    menu_order = 320
    list_display = ["question", "theme", "department", "published", "published_on"]
    list_filter = ["theme", "published"]
    search_fields = ["question", "answer"]


class DataTableViewSet(DepartmentScopedViewSet):
    model = DataTable
    icon = "table"
    menu_label = "数据查询"
    menu_order = 330
    list_display = ["title", "theme", "department", "published", "published_on"]
    list_filter = ["theme", "published"]
    search_fields = ["title"]


class ImportRunViewSet(ModelViewSet):
    model = ImportRun
    icon = "upload"
    menu_label = "导入记录"
    menu_order = 350
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "at",
        "list_type",
        "filename",
        "actor",
        "total_rows",
        "bad_rows",
        "created",
        "updated",
        "unchanged",
    ]
    list_filter = ["list_type"]
    form_fields = []

    def get_queryset(self, request):
        qs = ImportRun.objects.select_related("actor")
        if sites.is_platform_wide(request.user):
            return qs
        if sees_all_departments(request.user):
            scope = sites.user_scope(request.user)
            return qs.filter(
                Q(department__in=sites.departments_for_user(request.user))
                | Q(department__isnull=True, actor__staff__department__site=scope)
            )
        own = user_department(request.user)
        return qs.filter(department=own) if own else qs.none()


# --- guides: a snippet with drafts, revisions and the Wagtail workflow ------------------------------------


class GuideIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return Guide.objects.for_user(self.request.user).select_related("department")


class GuideCreateView(ScopedFormMixin, snippet_views.CreateView):
    pass


class GuideEditView(ScopedObjectMixin, ScopedFormMixin, snippet_views.EditView):
    pass


class GuideDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class GuideViewSet(SnippetViewSet):
    model = Guide
    icon = "doc-full-inverse"
    menu_label = "操作指引"
    menu_order = 340
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = GuideIndexView
    add_view_class = GuideCreateView
    edit_view_class = GuideEditView
    delete_view_class = GuideDeleteView
    list_display = ["title", "department", "theme", "live"]
    search_fields = ["title"]


# --- publish / withdraw -----------------------------------------------------------------------------------


def item_status_view(request, pk):
    """Shows the veto check (RULES.md §5) and publishes or withdraws the item on POST."""
    if not request.user.has_perm("services.change_serviceitem"):
        raise PermissionDenied
    item = get_object_or_404(ServiceItem.objects.for_user(request.user).select_related("department"), pk=pk)
    result = veto_check(item)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                actions.publish_item(request.user, item)
                messages.success(request, "已发布：%s" % item.name)
            elif request.POST.get("action") == "withdraw":
                actions.withdraw_item(request.user, item, reason=request.POST.get("reason", "")[:200])
                messages.success(request, "已下线：%s" % item.name)
            return redirect(reverse("services_items:index"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return TemplateResponse(
        request, "services/admin/item_status.html", {"item": item, "veto": result, "ItemStatus": ItemStatus}
    )


# --- spreadsheet import / export --------------------------------------------------------------------------


class ImportForm(forms.Form):
    VALIDATE = "validate"
    list_type = forms.ChoiceField(label="清单类型", choices=ListType.choices)
    file = forms.FileField(
        label="Excel 文件（.xlsx）", help_text="请先下载对应清单的模板，按模板填写。上限 5 MB。"
    )
    mode = forms.ChoiceField(
        label="导入方式",
        choices=[(VALIDATE, "只校验，不导入"), *ImportRun.Mode.choices],
        initial=VALIDATE,
        widget=forms.RadioSelect,
        help_text="先“只校验”查看报告；再选择“导入全部正确行”或“有任何错误则一行也不导入”。",
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > spreadsheets.MAX_BYTES:
            raise forms.ValidationError("文件过大（上限 5 MB）。")
        data = f.read()
        if not data.startswith(b"PK\x03\x04"):
            raise forms.ValidationError("文件不是 Excel 工作簿（.xlsx）。")
        return (f.name, data)


def _can_import(user):
    return user.has_perm("services.add_serviceitem") and user.has_perm("services.change_serviceitem")


def import_view(request):
    if not _can_import(request.user):
        raise PermissionDenied
    scope = None if sees_all_departments(request.user) else user_department(request.user)
    if scope is None and not sees_all_departments(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {
        "form": form,
        "scope": scope,
        "templates": [(SLUG_OF_LIST_TYPE[value], label) for value, label in ListType.choices],
    }
    if request.method == "POST" and form.is_valid():
        filename, data = form.cleaned_data["file"]
        list_type = form.cleaned_data["list_type"]
        mode = form.cleaned_data["mode"]
        try:
            parsed = spreadsheets.parse(
                data,
                list_type,
                department_scope=scope,
                departments=None if scope is not None else sites.departments_for_user(request.user),
            )
        except spreadsheets.SpreadsheetError as exc:
            form.add_error("file", str(exc))
            return TemplateResponse(request, "services/admin/import.html", context)
        context["parsed"] = parsed
        context["report"] = parsed.report()
        if parsed.errors:
            context["report_token"] = _keep_error_report(
                request.user, spreadsheets.error_report(data, parsed)
            )
        if mode != ImportForm.VALIDATE:
            try:
                run = actions.import_rows(request.user, parsed, mode=mode, filename=filename)
            except ValidationError as exc:
                context["refused"] = " ".join(exc.messages)
            else:
                context["run"] = run
                messages.success(
                    request,
                    "导入完成：新增 %d 项，更新 %d 项，跳过错误行 %d 行。新增的事项为草稿（待审核），"
                    "请在“事项发布/下线”页审核后发布。" % (run.created, run.updated, run.bad_rows),
                )
    return TemplateResponse(request, "services/admin/import.html", context)


REPORT_CACHE_SECONDS = 3600


def _report_key(user, token):
    return f"services-import-report:{user.pk}:{token}"


def _keep_error_report(user, data):
    """The error report of this upload, kept for an hour for its uploader to download."""
    import secrets

    from django.core.cache import cache

    token = secrets.token_urlsafe(16)
    cache.set(_report_key(user, token), data, REPORT_CACHE_SECONDS)
    return token


def error_report_view(request, token):
    """The uploaded bad rows with their 错误说明 (.xlsx); only for the user who uploaded them, for an hour."""
    from django.core.cache import cache

    if not _can_import(request.user):
        raise PermissionDenied
    data = cache.get(_report_key(request.user, token))
    if data is None:
        raise Http404("错误报告已过期（保留 1 小时），请重新上传校验。")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _xlsx_response(data, f"import-errors-{stamp}.xlsx")


def _import_departments(user):
    """The departments a user may import for: the office's site's, a department's own."""
    if sees_all_departments(user):
        return list(sites.departments_for_user(user).filter(active=True).order_by("sort_order", "pk"))
    own = user_department(user)
    return [own] if own else []


def _xlsx_response(data, filename):
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_view(request, list_slug):
    from .models import LIST_TYPE_SLUGS

    if not _can_import(request.user):
        raise PermissionDenied
    list_type = LIST_TYPE_SLUGS.get(list_slug)
    if list_type is None:
        raise Http404
    return _xlsx_response(
        spreadsheets.template(list_type, _import_departments(request.user)), f"{list_slug}-template.xlsx"
    )


def export_view(request, list_slug):
    """Every item of the list the user may see (drafts too), in the import format."""
    from .models import LIST_TYPE_SLUGS

    if not request.user.has_perm("services.view_serviceitem"):
        raise PermissionDenied
    list_type = LIST_TYPE_SLUGS.get(list_slug)
    if list_type is None:
        raise Http404
    items = (
        ServiceItem.objects.for_user(request.user)
        .filter(list_type=list_type)
        .select_related("department")
        .prefetch_related("themes")
        .order_by("department__sort_order", "code")
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _xlsx_response(
        spreadsheets.export(list_type, items, _import_departments(request.user)), f"{list_slug}-{stamp}.xlsx"
    )


def incomplete_view(request):
    """RULES.md §5: guides lacking key elements, per department (veto-failing ones marked)."""
    if not request.user.has_perm("services.view_serviceitem"):
        raise PermissionDenied
    groups = catalog.incomplete_guides(
        ServiceItem.objects.for_user(request.user).exclude(status=ItemStatus.WITHDRAWN)
    )
    rows = [(dept, [(item, veto_check(item)) for item in items]) for dept, items in groups.items()]
    return TemplateResponse(request, "services/admin/incomplete.html", {"groups": rows})
