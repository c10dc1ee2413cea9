"""Public pages of 主题服务 and the service catalog. Views only translate HTTP into calls of `catalog` and `qa`."""

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.org import sites

from . import catalog, qa, related, spreadsheets
from .models import (
    LIST_TYPE_SLUGS,
    SLUG_OF_LIST_TYPE,
    DataTable,
    Guide,
    ItemStatus,
    ListType,
    Question,
    ServiceItem,
    Theme,
    ThemePolicy,
)

TABS = [
    ("zhengce", "政策文件", "我要看"),
    ("dayi", "答疑解惑", "我要问"),
    ("banli", "业务办理", "我要办"),
    ("shuju", "数据查询", "我要查"),
]
ENTRIES = [
    ("wokan", "我要看", "政策文件", "zhengce"),
    ("woban", "我要办", "业务办理", "banli"),
    ("wocha", "我要查", "数据查询", "shuju"),
    ("wowen", "我要问", "答疑解惑", "dayi"),
]
LIST_INTROS = {
    ListType.POWER: "本市各部门依法行使的行政权力及其对应责任。",
    ListType.VISITS: "每个事项办理需跑动的次数，“零跑动”事项可全程网上办理。",
    ListType.PUBLIC: "各部门向群众和企业提供的公共服务事项。",
    ListType.INTERMEDIARY: "行政审批中保留的中介服务事项及其服务机构。",
}


def _site(request):
    """集约化: the site of the request; every list below shows only its departments' records."""
    return sites.current_site(request)


def _own(queryset, request, field="department"):
    return sites.public_filter(queryset, _site(request), field)


def _site_departments(request):
    """The department ids of the request's site when the platform runs several sites, else None (no filter)."""
    from wagtail.models import Site

    if len(Site.get_site_root_paths()) < 2:  # cached by Wagtail: no query on a single-site platform
        return None
    return set(sites.departments_of_site(_site(request)).values_list("pk", flat=True))


def themes_with_counts(site=None):
    published = Q(items__status=ItemStatus.PUBLISHED)
    if site is not None:
        published &= Q(items__department__in=sites.departments_of_site(site).values("pk"))
    return Theme.objects.filter(active=True).annotate(item_count=Count("items", filter=published))


def theme_index(request):
    context = {
        "themes": themes_with_counts(_site(request)),
        "entries": ENTRIES,
        "summary": catalog.department_summary(_site(request)),
        "lists": [(SLUG_OF_LIST_TYPE[value], label) for value, label in ListType.choices],
    }
    return TemplateResponse(request, "services/index.html", context)


def policies_for(theme, request, limit=None):
    qs = (
        sites.public_pages(ThemePolicy.objects.filter(theme=theme, page__live=True), _site(request), "page")
        .select_related("page")
        .order_by("-page__first_published_at", "sort_order")
    )
    if limit:
        qs = qs[:limit]
    return [
        {"title": p.page.title, "url": p.page.get_url(request), "date": p.page.first_published_at} for p in qs
    ]


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug, active=True)
    tab = request.GET.get("tab", "zhengce")
    if tab not in {t[0] for t in TABS}:
        tab = "zhengce"
    context = {"theme": theme, "tabs": TABS, "tab": tab, "themes": Theme.objects.filter(active=True)}
    if tab == "zhengce":
        context["policies"] = policies_for(theme, request)
    elif tab == "dayi":
        q = (request.GET.get("q") or "").strip()[:60]
        context["q"] = q
        context["questions"] = _own(qa.search(q, theme=theme), request)[:50]
    elif tab == "banli":
        filters = catalog.Filters.from_params(request.GET)
        filters.theme = theme.slug
        context["filters"] = filters
        context["query"] = filters.as_query(tab="banli", theme="")
        context["result"] = catalog.search(
            filters,
            page_number=request.GET.get("page"),
            with_facets=False,
            base=_own(ServiceItem.objects.published(), request),
        )
    else:
        context["tables"] = _own(
            DataTable.objects.filter(theme=theme, published=True), request
        ).select_related("department")
    # F15: the related-information window gathers the theme's policies, Q&A, services, guides and messages
    context["related"] = {
        "messages": related.theme_messages(theme, limit=5, site=_site(request)),
        "policies": policies_for(theme, request, limit=5),
        "questions": _own(Question.objects.filter(theme=theme, published=True), request)[:5],
        "items": _own(ServiceItem.objects.published().filter(themes=theme), request).order_by(
            "-published_at", "code"
        )[:5],
        "guides": _own(Guide.objects.filter(theme=theme, live=True), request).order_by("title")[:5],
    }
    return TemplateResponse(request, "services/theme.html", context)


def entry(request, entry_slug):
    """我要看 / 我要办 / 我要查 / 我要问 across every theme."""
    match = next((e for e in ENTRIES if e[0] == entry_slug), None)
    if match is None:
        raise Http404
    if entry_slug == "woban":
        return redirect("services:catalog")
    themes = list(Theme.objects.filter(active=True))
    context = {"entry": match, "entries": ENTRIES, "themes": themes}
    if entry_slug == "wokan":
        context["groups"] = [(t, policies_for(t, request, limit=8)) for t in themes]
    elif entry_slug == "wocha":
        context["tables"] = (
            _own(DataTable.objects.filter(published=True), request)
            .select_related("department", "theme")
            .order_by("theme__sort_order")
        )
    else:
        q = (request.GET.get("q") or "").strip()[:60]
        theme_slug = request.GET.get("theme") or ""
        theme = next((t for t in themes if t.slug == theme_slug), None)
        context.update(
            {
                "q": q,
                "theme": theme,
                "questions": _own(qa.search(q, theme=theme), request).select_related("theme")[:50],
            }
        )
    return TemplateResponse(request, "services/entry.html", context)


def catalog_view(request, list_slug=None):
    list_type = ""
    if list_slug is not None:
        list_type = LIST_TYPE_SLUGS.get(list_slug)
        if list_type is None:
            raise Http404
    filters = catalog.Filters.from_params(request.GET, list_type=list_type)
    result = catalog.search(
        filters, page_number=request.GET.get("page"), departments=_site_departments(request)
    )
    context = {
        "filters": filters,
        "query": filters.as_query(),
        "result": result,
        "list_type": list_type,
        "list_slug": list_slug,
        "list_label": ListType(list_type).label if list_type else "",
        "list_intro": LIST_INTROS.get(list_type, ""),
        "lists": [(SLUG_OF_LIST_TYPE[value], label) for value, label in ListType.choices],
        "summary": catalog.department_summary(_site(request)) if not list_type and not request.GET else None,
    }
    return TemplateResponse(request, "services/catalog.html", context)


def list_export(request, list_slug):
    """The published items of one 放管服 list, in the import format (.xlsx)."""
    list_type = LIST_TYPE_SLUGS.get(list_slug)
    if list_type is None:
        raise Http404
    filters = catalog.Filters.from_params(request.GET, list_type=list_type)
    items = catalog.search(
        filters, with_facets=False, page_size=100_000, base=_own(ServiceItem.objects.published(), request)
    ).page.object_list
    items = items.prefetch_related("themes")
    data = spreadsheets.export(list_type, items)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{list_slug}-{stamp}.xlsx"'
    return response


def item_detail(request, code):
    item = get_object_or_404(
        _own(ServiceItem.objects.published(), request)
        .select_related("department")
        .prefetch_related("themes", "reforms"),
        code=code,
    )
    guides = item.guides.filter(live=True)
    return TemplateResponse(request, "services/item.html", {"item": item, "guides": guides})


def question_detail(request, pk):
    question = get_object_or_404(
        _own(Question.objects.select_related("theme", "department"), request), pk=pk, published=True
    )
    return TemplateResponse(request, "services/question.html", {"question": question})


def table_detail(request, pk):
    """数据查询: the table with a simple query form (keyword in any cell, or in one column)."""
    table = get_object_or_404(
        _own(DataTable.objects.select_related("department", "theme"), request), pk=pk, published=True
    )
    q = (request.GET.get("q") or "").strip()[:60]
    columns = table.column_names
    column = request.GET.get("column") or ""
    col_index = columns.index(column) if column in columns else None
    rows = table.row_cells
    if q:
        rows = [r for r in rows if (q in r[col_index] if col_index is not None else any(q in c for c in r))]
    context = {"table": table, "q": q, "column": column if col_index is not None else "", "rows": rows}
    return TemplateResponse(request, "services/table.html", context)


def guide_detail(request, pk):
    guide = get_object_or_404(
        _own(Guide.objects.filter(live=True), request).select_related("theme", "item", "department"), pk=pk
    )
    steps = guide.steps.select_related("image").all()
    return TemplateResponse(request, "services/guide.html", {"guide": guide, "steps": steps})
