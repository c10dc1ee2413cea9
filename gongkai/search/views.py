"""The public results page /search/ (translates HTTP only; the search itself is gongkai.search.query)."""

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.org import sites
from gongkai.org.sites import public_site_q

from . import query, suggest
from .models import Kind, SearchEntry, Validity

FILTER_OPTIONS_KEY = "gongkai.search.filter_options"
FILTER_OPTIONS_TTL = 600


def _options_key(site):
    return f"{FILTER_OPTIONS_KEY}:{site.pk}" if site is not None else FILTER_OPTIONS_KEY


def filter_options(site=None):
    """The choices of the filter form, from what the index holds for the site (cached ten minutes)."""
    key = _options_key(site)
    options = cache.get(key)
    if options is None:
        entries = SearchEntry.objects.order_by()
        if site is not None:
            entries = entries.filter(public_site_q("site_id", site))
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
        cache.set(key, options, FILTER_OPTIONS_TTL)
    return options


def invalidate():
    from wagtail.models import Site

    cache.delete_many([FILTER_OPTIONS_KEY, *(_options_key(s) for s in Site.objects.all())])
    suggest.invalidate()


def _page_number(raw):
    raw = (raw or "1").strip()
    if not raw.isdecimal() or not 0 < int(raw) <= query.MAX_PAGE:
        raise query.SearchInputError({"page": f"页码应为 1 到 {query.MAX_PAGE} 之间的整数。"})
    return int(raw)


@require_GET
def results(request):
    q = (request.GET.get("q") or "").strip()
    site = sites.current_site(request)
    context = {
        "search_query": q,
        "kinds": Kind.choices,
        "validities": Validity.choices,
        "options": filter_options(site),
        "params": request.GET,
        "errors": {},
        "results": None,
    }
    status = 200
    if q:
        try:
            filters = query.Filters.parse(request.GET).for_site(site)
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
