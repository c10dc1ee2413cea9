"""The service catalog's facets, department summary and the public catalog page (F17)."""

from datetime import date

import pytest

from gongkai.services import actions, catalog
from gongkai.services.models import ItemStatus, ListType, ReformKind


@pytest.fixture
def catalog_items(edu, hrss, themes, make_item):
    """教育局: 3 published (one zero-visit online, one with materials cut), 1 draft; 人社局: 2 published."""
    a = make_item(
        edu, "教师资格认定", visits=0, online_url="https://zwfw.hubei.gov.cn/", themes=[themes["jiaoyu"]]
    )
    b = make_item(edu, "民办学校审批（新办）", visits=1, themes=[themes["jiaoyu"]])
    c = make_item(edu, "学籍转接确认", visits=2, list_type=ListType.PUBLIC, power_kind="")
    make_item(edu, "校外培训机构审批（变更）", status=ItemStatus.DRAFT, visits=0)
    d = make_item(
        hrss,
        "失业保险金申领",
        visits=0,
        online_url="https://zwfw.hubei.gov.cn/",
        themes=[themes["jiuye"], themes["shebao"]],
    )
    e = make_item(hrss, "就业困难人员认定", visits=1, themes=[themes["jiuye"]])
    actions.add_reform(
        None,
        b,
        kind=ReformKind.MATERIALS,
        effective_on=date(2024, 3, 1),
        materials_before=10,
        materials_after=6,
    )
    actions.add_reform(
        None,
        d,
        kind=ReformKind.MATERIALS,
        effective_on=date(2025, 6, 1),
        materials_before=5,
        materials_after=4,
    )
    actions.add_reform(
        None, e, kind=ReformKind.DELEGATION, effective_on=date(2025, 6, 1), delegated_to="town"
    )
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def counts(values):
    return {v.label: v.count for v in values}


def test_facets_count_published_items_only(catalog_items):
    result = catalog.search(catalog.Filters())
    assert result.total == 5
    f = result.facets
    assert counts(f["department"]) == {"市教育局": 3, "市人社局": 2}
    assert counts(f["visits"]) == {"零跑动": 2, "最多跑一次": 2, "跑两次及以上": 1}
    assert counts(f["online"]) == {"可网上办理": 2, "仅线下办理": 3}
    assert counts(f["reform"]) == {"清文件": 0, "减材料": 2, "降费用": 0, "放权限": 1}
    assert counts(f["theme"]) == {"教育": 2, "就业创业": 2, "社会保障": 1}


def test_a_facet_ignores_its_own_filter_but_applies_the_others(catalog_items, edu):
    result = catalog.search(catalog.Filters(department=edu.pk, visits="0"))
    assert [i.name for i in result.page] == ["教师资格认定"]
    f = result.facets
    # departments counted with visits=0 applied, not the department filter
    assert counts(f["department"]) == {"市教育局": 1, "市人社局": 1}
    # visits counted with the department filter applied, not its own
    assert counts(f["visits"]) == {"零跑动": 1, "最多跑一次": 1, "跑两次及以上": 1}
    # everything else counted with both
    assert counts(f["reform"])["减材料"] == 0
    assert counts(f["theme"])["教育"] == 1
    assert [v.selected for v in f["visits"]] == [True, False, False]


def test_keyword_reform_and_theme_filters(catalog_items):
    assert [i.name for i in catalog.search(catalog.Filters(q="认定")).page] == [
        "教师资格认定",
        "就业困难人员认定",
    ]
    assert {i.name for i in catalog.search(catalog.Filters(reform="materials")).page} == {
        "民办学校审批（新办）",
        "失业保险金申领",
    }
    assert [i.name for i in catalog.search(catalog.Filters(theme="shebao")).page] == ["失业保险金申领"]


def test_unknown_filter_values_are_dropped():
    filters = catalog.Filters.from_params(
        {"reform": "drop table", "visits": "9", "department": "x1", "online": "maybe"}
    )
    assert filters.conditions() == {}


def test_department_summary_computes_the_materials_cut(catalog_items):
    summary = catalog.department_summary()
    assert (summary.departments, summary.items, summary.reformed) == (2, 5, 3)
    assert (summary.materials_before, summary.materials_after) == (15, 10)
    assert summary.materials_cut_percent == 33.3
    edu_row = summary.rows[0]
    assert edu_row.department.name == "恩施市教育局" and edu_row.materials_cut_percent == 40.0


def test_incomplete_guides_are_listed_per_department(edu, hrss, make_item):
    make_item(edu, "教师资格认定", phone="")
    make_item(
        edu, "民办学校审批（新办）", status=ItemStatus.DRAFT, basis="", conditions="", hours="", phone=""
    )
    make_item(hrss, "失业保险金申领")
    from gongkai.services.models import ServiceItem

    groups = catalog.incomplete_guides(ServiceItem.objects.all())
    assert list(groups) == [edu]
    assert [(i.name, i.missing_count) for i in groups[edu]] == [
        ("民办学校审批（新办）", 4),
        ("教师资格认定", 1),
    ]


def test_catalog_page_shows_facets_and_pins_its_queries(client, catalog_items, django_assert_num_queries):
    client.get("/fuwu/shixiang/?visits=0")  # warm Site and settings caches
    with django_assert_num_queries(7):
        page = client.get("/fuwu/shixiang/?visits=0&q=认定")
    body = page.content.decode()
    assert page.status_code == 200
    assert "教师资格认定" in body and "失业保险金申领" not in body
    assert 'aria-current="true"' in body and "零跑动" in body
    assert "<caption>" in body


def test_list_page_filters_by_list_type_and_exports(client, catalog_items):
    page = client.get("/fuwu/qingdan/gonggong/")
    body = page.content.decode()
    assert "公共服务清单" in body and "学籍转接确认" in body and "教师资格认定" not in body
    export = client.get("/fuwu/qingdan/gonggong/xlsx/")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(export.content)).worksheets[0]
    assert [c.value for c in ws[2]][1] == "学籍转接确认" and ws.max_row == 2
    assert client.get("/fuwu/qingdan/nosuchlist/").status_code == 404
