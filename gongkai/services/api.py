"""GET /api/v1/services/items and /api/v1/services/items/{code}: the published service catalog (F17)."""

from datetime import date

from ninja import Router, Schema, Status

from gongkai.org import sites

from . import catalog
from .models import ReformKind, ServiceItem, Theme
from .rules import KEY_ELEMENTS

PREFIX = "/services"
router = Router(tags=["政务服务事项"])


class Errors(Schema):
    errors: dict[str, str]


class ReformOut(Schema):
    kind: str
    kind_label: str
    effective_on: date
    summary: str
    description: str


class ItemSummary(Schema):
    code: str
    name: str
    department: str
    list_type: str
    level: str
    visits: int
    promised_limit_days: int | None
    online_url: str
    reforms: list[str]
    url: str


class ItemPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ItemSummary]


class ItemDetail(ItemSummary):
    elements: dict[str, str]
    missing_elements: list[str]
    legal_limit_days: int | None
    onsite_visits: int
    themes: list[str]
    reform_records: list[ReformOut]


def _summary(item):
    return {
        "code": item.code,
        "name": item.name,
        "department": item.department.name,
        "list_type": item.get_list_type_display(),
        "level": item.get_level_display(),
        "visits": item.visits,
        "promised_limit_days": item.promised_limit_days,
        "online_url": item.online_url,
        "reforms": [
            label
            for flag, label in (
                ("reform_documents", "清文件"),
                ("reform_materials", "减材料"),
                ("reform_fees", "降费用"),
                ("reform_delegation", "放权限"),
            )
            if getattr(item, flag)
        ],
        "url": item.get_absolute_url(),
    }


@router.get("/items", response={200: ItemPage, 422: Errors}, summary="检索政务服务事项")
def list_items(
    request, q: str = "", department: str = "", theme: str = "", reform: str = "", page: str = "1"
):
    """Published items; `department` is a department id, `theme` a theme slug (e.g. jiaoyu), `reform` one of
    documents/materials/fees/delegation. 20 per page."""
    errors = {}
    if len(q) > 60:
        errors["q"] = "关键词不能超过 60 个字。"
    if department and not department.isdecimal():
        errors["department"] = "部门应为部门编号（整数）。"
    if theme and not Theme.objects.filter(slug=theme).exists():
        errors["theme"] = "没有这个主题。"
    if reform and reform not in ReformKind.values:
        errors["reform"] = (
            "改革类型应为 documents（清文件）、materials（减材料）、fees（降费用）或 delegation（放权限）。"
        )
    if not page.isdecimal() or int(page) < 1:
        errors["page"] = "页码应为正整数。"
    if errors:
        return Status(422, {"errors": errors})
    filters = catalog.Filters.from_params(
        {"q": q, "department": department, "theme": theme, "reform": reform}
    )
    result = catalog.search(
        filters,
        page_number=int(page),
        with_facets=False,
        base=sites.public_filter(ServiceItem.objects.published(), sites.current_site(request)),
    )
    if int(page) > result.page.paginator.num_pages and result.total:
        return Status(
            422, {"errors": {"page": "页码超出范围（共 %d 页）。" % result.page.paginator.num_pages}}
        )
    return Status(
        200,
        {
            "count": result.total,
            "page": result.page.number,
            "pages": result.page.paginator.num_pages,
            "results": [_summary(item) for item in result.page],
        },
    )


@router.get("/items/{code}", response={200: ItemDetail, 404: Errors}, summary="政务服务事项详情（办事指南）")
def item_detail(request, code: str):
    item = (
        sites.public_filter(ServiceItem.objects.published(), sites.current_site(request))
        .select_related("department")
        .prefetch_related("themes", "reforms")
        .filter(code=code)
        .first()
    )
    if item is None:
        return Status(404, {"errors": {"code": "没有编码为该值的已发布事项。"}})
    data = _summary(item)
    data.update(
        {
            "elements": {label: getattr(item, field) for field, label in KEY_ELEMENTS},
            "missing_elements": [label for field, label in KEY_ELEMENTS if not getattr(item, field).strip()],
            "legal_limit_days": item.legal_limit_days,
            "onsite_visits": item.onsite_visits,
            "themes": [t.name for t in item.themes.all()],
            "reform_records": [
                {
                    "kind": r.kind,
                    "kind_label": r.get_kind_display(),
                    "effective_on": r.effective_on,
                    "summary": r.summary,
                    "description": r.description,
                }
                for r in item.reforms.all()
            ],
        }
    )
    return Status(200, data)
