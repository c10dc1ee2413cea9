"""The public results page /search/ (translates HTTP only; the search itself is gongkai.search.query)."""

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import query, suggest
from .models import Kind, SearchEntry, Validity

FILTER_OPTIONS_KEY = "gongkai.search.filter_options"
FILTER_OPTIONS_TTL = 600


def filter_options():
    """The choices of the filter form, from what the index holds (cached ten minutes)."""
    options = cache.get(FILTER_OPTIONS_KEY)
    if options is None:
        entries = SearchEntry.objects.order_by()
        options = {
            "columns": sorted(v for v in entries.values_list("column", flat=True).distinct() if v),
            "topics": sorted(v for v in entries.values_list("topic", flat=True).distinct() if v),
            "departments": sorted(
                {(d, n) for d, n in entries.values_list("department_id", "department_name").distinct() if d},
                key=lambda p: p[1],
            ),
            "years": sorted(
                (y for y in entries.values_list("year", flat=True).distinct() if y), reverse=True
            ),
        }
        cache.set(FILTER_OPTIONS_KEY, options, FILTER_OPTIONS_TTL)
    return options


def invalidate():
    cache.delete(FILTER_OPTIONS_KEY)
    suggest.invalidate()


def _page_number(raw):
    raw = (raw or "1").strip()
    if not raw.isdigit() or not 0 < int(raw) <= query.MAX_PAGE:
        raise query.SearchInputError({"page": f"页码应为 1 到 {query.MAX_PAGE} 之间的整数。"})
    return int(raw)


@require_GET
def results(request):
    q = (request.GET.get("q") or "").strip()
    context = {
        "search_query": q,
        "kinds": Kind.choices,
        "validities": Validity.choices,
        "options": filter_options(),
        "params": request.GET,
        "errors": {},
        "results": None,
    }
    status = 200
    if q:
        try:
            filters = query.Filters.parse(request.GET)
            page = _page_number(request.GET.get("page"))
            found = query.search(q, filters, page=page)
            if not found.count and not found.kind_counts:
                found.suggestions = suggest.suggestions(found.terms)
            context["results"] = found
            context["filters"] = filters
            context["page_range"] = _page_window(found.page, found.pages)
            context["first_number"] = (found.page - 1) * found.per_page + 1
        except query.SearchInputError as exc:
            context["errors"] = exc.errors
            status = 400
    return render(request, "search/results.html", context, status=status)


def _page_window(page, pages, width=2):
    return list(range(max(1, page - width), min(pages, page + width) + 1))
