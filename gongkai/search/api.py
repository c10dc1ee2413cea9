"""GET /api/v1/search?q=…&page=N — the site search as JSON (same function as the results page).

`snippet` is HTML: the body window around the first hit with every term in <mark>…</mark> and everything else
escaped, so it can be inserted as HTML as it is; strip the two tags for plain text.
"""

from ninja import Router, Schema, Status

from gongkai.org import sites

from . import query, suggest
from .views import _page_number

router = Router(tags=["站内检索"])
PREFIX = "/search"


class ResultOut(Schema):
    title: str
    url: str
    snippet: str
    published: str | None
    department: str
    kind: str
    kind_label: str
    number: str


class SearchOut(Schema):
    count: int
    count_capped: bool
    page: int
    pages: int
    kind_counts: dict[str, int]
    notice: str
    suggestions: list[str]
    results: list[ResultOut]


class ErrorOut(Schema):
    errors: dict[str, str]


@router.get("", response={200: SearchOut, 400: ErrorOut}, summary="站内检索（中文）")
def search(
    request,
    q: str = "",
    page: str = "1",
    kind: str = "",
    column: str = "",
    department: str = "",
    topic: str = "",
    year: str = "",
    validity: str = "",
):
    """Entries containing every space-separated term of `q` (substring match on title, 文号 and body), best
    first, 20 per page. Filters: kind (item/interpretation/service/qa/message), column, department (id), topic,
    year, validity (valid/expired/repealed/amended). Bad input → 400 {"errors": {参数: 中文提示}}."""
    params = {
        "kind": kind,
        "column": column,
        "department": department,
        "topic": topic,
        "year": year,
        "validity": validity,
    }
    errors = {}
    try:
        query.parse_query(q)
    except query.SearchInputError as exc:
        errors.update(exc.errors)
    try:
        page_number = _page_number(page)
    except query.SearchInputError as exc:
        errors.update(exc.errors)
    try:
        filters = query.Filters.parse(params).for_site(sites.current_site(request))
    except query.SearchInputError as exc:
        errors.update(exc.errors)
    if errors:
        return Status(400, {"errors": errors})
    try:
        found = query.search(q, filters, page=page_number)
    except query.SearchInputError as exc:
        return Status(400, {"errors": exc.errors})
    if not found.kind_counts:
        found.suggestions = suggest.suggestions(found.terms)
    return {
        "count": found.count,
        "count_capped": found.count_capped,
        "page": found.page,
        "pages": found.pages,
        "kind_counts": found.kind_counts,
        "notice": found.notice,
        "suggestions": found.suggestions,
        "results": [
            {
                "title": hit.entry.title,
                "url": hit.entry.url,
                "snippet": hit.snippet,
                "published": hit.entry.published.isoformat() if hit.entry.published else None,
                "department": hit.entry.department_name,
                "kind": hit.entry.kind,
                "kind_label": str(hit.entry.get_kind_display()),
                "number": hit.entry.number,
            }
            for hit in found.hits
        ],
    }
