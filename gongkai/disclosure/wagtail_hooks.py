"""Admin: withdrawal and validity actions, the overdue-publication report, publication records, and the editable
reference data (主题分类, 试点领域, 标准目录)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Site

from gongkai.core import roles
from gongkai.org import sites

from . import actions, standard_columns
from .models import (
    TEMPLATED_KINDS,
    Absence,
    ColumnKind,
    ColumnPage,
    ColumnTemplate,
    DepartmentCatalogPage,
    DisclosureRootPage,
    GovInfoPage,
    PilotArea,
    PublicationRecord,
    StandardCatalogEntry,
    Topic,
    Validity,
)
from .models.permissions import shapes_the_catalog
from .rules import may_create_page_type, publication_status


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤稿原因", max_length=200, widget=forms.Textarea(attrs={"rows": 3}))


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    date = forms.DateField(
        label="失效/废止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label="说明", max_length=200, required=False, help_text="如：已被恩施市政办发〔2026〕5号废止"
    )


def _page_action_view(request, page_id, form_class, template, perform, success):
    page = get_object_or_404(GovInfoPage, pk=page_id)
    if not actions.may_manage_published(request.user, page):
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(request.user, page, form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, success)
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, template, {"page": page, "form": form})


def withdraw_view(request, page_id):
    return _page_action_view(
        request,
        page_id,
        WithdrawForm,
        "disclosure/admin/withdraw.html",
        lambda user, page, data: actions.withdraw(user, page, data["reason"]),
        "已撤稿：页面保留原地址并显示撤稿说明。",
    )


def validity_view(request, page_id):
    return _page_action_view(
        request,
        page_id,
        ValidityForm,
        "disclosure/admin/validity.html",
        lambda user, page, data: actions.change_validity(
            user, page, data["validity"], date=data["date"], note=data["note"]
        ),
        "有效性已变更，页面显示新的状态。",
    )


# --- no empty column: the office's standard-column templates and 本单位暂无/不涉及 marks (docs/disclosure.md) --------
class AbsenceForm(forms.Form):
    absence = forms.ChoiceField(
        label="标注", choices=[*Absence.choices, ("", "取消标注（栏目已有或将有信息）")], required=False
    )
    note = forms.CharField(
        label="栏目说明",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="向公众说明本单位为何暂无或不涉及此类信息（至少 10 个字），显示在栏目页上。",
    )


def column_absence_view(request, page_id):
    column = get_object_or_404(ColumnPage, pk=page_id)
    site = column.get_site()
    if not actions.may_manage_columns(request.user, site.pk if site else None):
        raise PermissionDenied
    form = AbsenceForm(request.POST or None, initial={"absence": column.absence, "note": column.absence_note})
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_column_absence(
                request.user, column, form.cleaned_data["absence"], form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "栏目标注已保存，栏目页向公众显示标注和栏目说明。")
            return redirect("wagtailadmin_pages:edit", column.pk)
    return TemplateResponse(request, "disclosure/admin/column_absence.html", {"page": column, "form": form})


class TemplateForm(forms.Form):
    body = forms.CharField(label="模板正文（HTML）", widget=forms.Textarea(attrs={"rows": 18}))


def _template_sites(user):
    scope = sites.user_scope(user)
    all_sites = Site.objects.order_by("pk")
    return list(all_sites) if scope is sites.ALL else list(all_sites.filter(pk=scope))


def column_templates_view(request):
    if not roles.is_office(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    rows = [
        (
            site,
            [
                (kind, ColumnKind(kind).label, ColumnTemplate.objects.filter(site=site, kind=kind).first())
                for kind in TEMPLATED_KINDS
            ],
        )
        for site in _template_sites(request.user)
    ]
    return TemplateResponse(request, "disclosure/admin/column_templates.html", {"rows": rows})


def column_template_edit_view(request, site_id, kind):
    site = get_object_or_404(Site, pk=site_id)
    if kind not in TEMPLATED_KINDS or not actions.may_manage_columns(request.user, site.pk):
        raise PermissionDenied
    form = TemplateForm(request.POST or None, initial={"body": standard_columns.template_body(site, kind)})
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.save_column_template(request.user, site, kind, form.cleaned_data["body"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"模板已保存，已重新生成 {changed} 个部门的栏目。")
            return redirect("disclosure_column_templates")
    context = {
        "site": site,
        "kind_label": ColumnKind(kind).label,
        "form": form,
        "placeholders": standard_columns.PLACEHOLDERS,
    }
    return TemplateResponse(request, "disclosure/admin/column_template_edit.html", context)


class ColumnTemplatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or roles.is_office(request.user)


@hooks.register("register_admin_menu_item")
def column_templates_menu_item():
    return ColumnTemplatesMenuItem(
        "标准栏目模板", reverse("disclosure_column_templates"), icon_name="doc-full", order=211
    )


class AbsenceButton(PageMenuItem):
    label = "标注本单位暂无/不涉及"
    icon_name = "tag"
    url_name = "disclosure_column_absence"

    def is_shown(self, user):
        page = self.page.specific_deferred
        if not isinstance(page, ColumnPage) or ColumnPage.objects.child_of(page).exists():
            return False
        site = page.get_site()
        return actions.may_manage_columns(user, site.pk if site else None)


def may_see_overdue(user):
    """The office sees the overdue items of its site, a department's staff their own; the three administrators
    (三员) have no catalog to answer for."""
    return roles.is_office(user) or user.is_superuser or roles.user_department(user) is not None


def overdue_view(request):
    """逾期未公开: items published after their 公开时限, and drafts already past it."""
    if not may_see_overdue(request.user):
        raise PermissionDenied
    items = GovInfoPage.objects.select_related("department", "catalog_entry").only(
        "title",
        "written_date",
        "published_date",
        "live",
        "department__name",
        "catalog_entry__time_limit_days",
    )
    department = roles.user_department(request.user)
    if not roles.sees_all_departments(request.user):
        items = items.filter(department=department)
    elif not sites.is_platform_wide(request.user):
        items = items.filter(department__in=sites.departments_for_user(request.user))
    today = timezone.localdate()
    rows = []
    for item in items.order_by("-written_date")[:5000]:
        due, late, provisional = publication_status(item, today)
        if late:
            rows.append({"item": item, "due": due, "late": late, "provisional": provisional})
    return TemplateResponse(request, "disclosure/admin/overdue.html", {"rows": rows, "today": today})


POLICY_SEARCH_LIMIT = 20


def policy_search_view(request):
    """所解读的政策文件, searched: published, not withdrawn 规章 and 行政规范性文件 of the staff member's own site whose
    title or 文号 contains what was typed (the editor's picker, static/disclosure/admin/policy-picker.js)."""
    from django.db.models import Q
    from django.http import JsonResponse

    from .models import DocLevel

    query = request.GET.get("q", "").strip()[:100]
    if not query:
        return JsonResponse({"results": []})
    found = sites.filter_for_user(
        GovInfoPage.objects.live().filter(
            doc_level__in=[DocLevel.REGULATION, DocLevel.NORMATIVE], withdrawn=False
        ),
        request.user,
        "department__site",
    ).filter(Q(title__icontains=query) | Q(doc_number__icontains=query))
    exclude = request.GET.get("exclude", "")
    if exclude.isdigit():
        found = found.exclude(pk=int(exclude))
    rows = found.select_related("department").order_by("-published_date", "title")[:POLICY_SEARCH_LIMIT]
    return JsonResponse(
        {
            "results": [
                {
                    "id": p.pk,
                    "title": p.title,
                    "doc_number": p.doc_number,
                    "department": p.department.name if p.department_id else "",
                    "published_date": p.published_date.isoformat() if p.published_date else "",
                }
                for p in rows
            ]
        }
    )


@hooks.register("register_admin_urls")
def urls():
    return [
        path("disclosure/policies/search/", policy_search_view, name="disclosure_policy_search"),
        path("disclosure/<int:page_id>/withdraw/", withdraw_view, name="disclosure_withdraw"),
        path("disclosure/<int:page_id>/validity/", validity_view, name="disclosure_validity"),
        path("disclosure/overdue/", overdue_view, name="disclosure_overdue"),
        path(
            "disclosure/column/<int:page_id>/absence/", column_absence_view, name="disclosure_column_absence"
        ),
        path("disclosure/column-templates/", column_templates_view, name="disclosure_column_templates"),
        path(
            "disclosure/column-templates/<int:site_id>/<str:kind>/",
            column_template_edit_view,
            name="disclosure_column_template_edit",
        ),
    ]


class OverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_overdue(request.user)


@hooks.register("register_admin_menu_item")
def overdue_menu_item():
    return OverdueMenuItem("逾期未公开", reverse("disclosure_overdue"), icon_name="time", order=210)


class WithdrawButton(PageMenuItem):
    label = "撤稿"
    icon_name = "cross"
    url_name = "disclosure_withdraw"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return (
            isinstance(page, GovInfoPage)
            and page.live
            and not page.withdrawn
            and actions.may_manage_published(user, page)
        )


class ValidityButton(PageMenuItem):
    label = "变更有效性"
    icon_name = "date"
    url_name = "disclosure_validity"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return isinstance(page, GovInfoPage) and page.live and actions.may_manage_published(user, page)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    yield WithdrawButton(page=page, priority=55)
    yield ValidityButton(page=page, priority=56)
    yield AbsenceButton(page=page, priority=57)


class PublicationRecordViewSet(ModelViewSet):
    model = PublicationRecord
    icon = "doc-full"
    menu_label = "发布责任记录"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["published_at", "index_no", "page", "produced_by", "published_by"]
    search_fields = ["index_no", "produced_by", "published_by"]
    form_fields = []


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "folder-open-inverse"
    menu_label = "主题分类"
    copy_view_enabled = False
    list_display = ["__str__", "sort_order"]
    form_fields = ["name", "parent", "sort_order"]


class PilotAreaViewSet(ModelViewSet):
    model = PilotArea
    icon = "list-ul"
    menu_label = "试点领域"
    copy_view_enabled = False
    form_fields = ["name", "sort_order"]


class CatalogEntryViewSet(ModelViewSet):
    model = StandardCatalogEntry
    icon = "list-ol"
    menu_label = "标准目录事项"
    copy_view_enabled = False
    list_display = ["area", "item_l1", "item_l2", "time_limit_days", "department", "mode"]
    list_filter = ["area", "mode", "audience"]
    search_fields = ["item_l1", "item_l2", "content", "basis"]
    form_fields = [
        "area",
        "item_l1",
        "item_l2",
        "content",
        "basis",
        "time_limit_text",
        "time_limit_days",
        "department",
        "subject_text",
        "channels",
        "audience",
        "mode",
        "level_county",
        "level_town",
        "sort_order",
    ]


class DisclosureGroup(ModelViewSetGroup):
    menu_label = "公开目录管理"
    menu_icon = "folder-inverse"
    menu_order = 200
    items = (
        PublicationRecordViewSet("publications"),
        CatalogEntryViewSet("catalog_entries"),
        PilotAreaViewSet("pilot_areas"),
        TopicViewSet("topics"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DisclosureGroup()


@hooks.register("before_create_page")
def only_the_office_shapes_the_catalog(request, parent_page, page_class):
    """栏目 are the office's to define: a department's staff are refused a new column, whatever address they open."""
    if may_create_page_type(request.user, page_class):
        return None
    messages.error(request, "栏目由政务公开办设置，部门工作人员只能在栏目中添加政府信息。")
    return redirect("wagtailadmin_explore", parent_page.pk)


CATALOG_SHAPE_REFUSED = "栏目由政务公开办设置，部门工作人员不能复制或移动栏目。"


def _is_catalog_shape(page):
    return issubclass(
        page.specific_class or type(page), (ColumnPage, DepartmentCatalogPage, DisclosureRootPage)
    )


@hooks.register("before_copy_page")
def only_the_office_copies_a_column(request, page):
    """Wagtail's copy screen already asks the column's permission tester (models/permissions.py); this is the same
    rule again at the screen, with the reason in Chinese, should the tester ever be bypassed."""
    if _is_catalog_shape(page) and not shapes_the_catalog(request.user):
        messages.error(request, CATALOG_SHAPE_REFUSED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_move_page")
def only_the_office_moves_a_column(request, page, destination):
    """Wagtail's move-confirmation screen (…/move/<destination>/confirm/) checks nothing itself before it shows the
    form or moves (only the move action checks, by raising an error): a department's staff are refused here."""
    if _is_catalog_shape(page) and not shapes_the_catalog(request.user):
        messages.error(request, CATALOG_SHAPE_REFUSED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_copy_page")
def no_alias_of_government_information(request, page):
    """别名 would mirror published items — with their 索引号 — at a second address, never reviewed there."""
    if request.method != "POST" or not request.POST.get("alias"):
        return None
    items = GovInfoPage.objects.filter(path__startswith=page.path)
    if items.exists():
        messages.error(request, "政府信息不能以别名方式镜像发布；如需相同内容，请复制后按审核流程发布。")
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


@hooks.register("insert_editor_js")
def policy_picker_js():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("disclosure/admin/policy-picker.js"))


@hooks.register("before_serve_document")
def only_published_documents_to_the_public(document, request):
    """An attachment of an item not yet published (still in review, or withdrawn) is staff's business: to anyone
    else it does not exist (models/documents.py)."""
    if not document.served_to(request.user):
        from django.http import Http404

        raise Http404("附件不存在或尚未公开")
