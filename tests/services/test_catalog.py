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
    # the home page's “放管服”改革清单 entry opens the catalog with the four lists to choose from
    lists = client.get("/fuwu/qingdan/").content.decode()
    assert 'href="/fuwu/qingdan/gonggong/"' in lists and "权责清单" in lists


def _facets_as_data(result):
    return {
        name: [(v.value, v.label, v.count, v.selected) for v in values]
        for name, values in result.facets.items()
    }


def test_bitmap_index_answers_exactly_what_sql_answers(catalog_items, edu, hrss, themes):
    """The catalog page reads facets from the in-memory index; over every combination of filters the tests'
    catalog allows (keyword, department, theme, reform, visits, online, list type) its counts, total and page equal
    the SQL aggregate's."""
    import itertools

    combos = itertools.product(
        ["", "认定", "审批", "XK"],
        [None, edu.pk, hrss.pk, 999999],
        ["", "jiaoyu", "jiuye", "nosuch"],
        ["", "materials", "delegation"],
        ["", "0", "2+"],
        ["", "1"],
        ["", ListType.PUBLIC],
    )
    checked = 0
    for q, department, theme, reform, visits, online, list_type in combos:
        if sum(map(bool, (q, department, theme, reform, visits, online, list_type))) > 3:
            continue
        f = catalog.Filters(
            q=q,
            department=department,
            theme=theme,
            reform=reform,
            visits=visits,
            online=online,
            list_type=list_type,
        )
        by_index = catalog.search(f, page_size=2)
        by_sql = catalog.search(f, page_size=2, use_index=False)
        assert _facets_as_data(by_index) == _facets_as_data(by_sql), f
        assert by_index.total == by_sql.total
        assert [i.code for i in by_index.page] == [i.code for i in by_sql.page]
        last = by_sql.page.paginator.num_pages
        assert [i.code for i in catalog.search(f, page_size=2, page_number=last).page] == [
            i.code for i in catalog.search(f, page_size=2, page_number=last, use_index=False).page
        ]
        checked += 1
    assert checked > 400


def test_facet_counts_follow_publish_withdraw_edit_and_import(catalog_items, edu, themes, make_item):
    from gongkai.services import facet_index

    def online_count():
        return counts(catalog.search(catalog.Filters()).facets["online"])["可网上办理"]

    assert online_count() == 2 and catalog.search(catalog.Filters()).total == 5
    version = facet_index.get().version
    actions.withdraw_item(None, catalog_items["a"], "事项取消")
    assert facet_index.get().version > version
    assert online_count() == 1 and catalog.search(catalog.Filters()).total == 4
    new = make_item(edu, "中小学教师资格证补发", visits=0, online_url="https://zwfw.hubei.gov.cn/")
    assert online_count() == 2

    def jiuye_count():
        return counts(catalog.search(catalog.Filters()).facets["theme"])["就业创业"]

    assert jiuye_count() == 2
    new.themes.add(themes["jiuye"])
    new.theme_mask |= themes["jiuye"].mask
    new.save()
    assert jiuye_count() == 3


def test_an_import_moves_the_facet_counts(catalog_items, office_user):
    from gongkai.services import spreadsheets
    from gongkai.services.models import ImportRun

    before = catalog.search(catalog.Filters(list_type=ListType.PUBLIC)).total
    template = spreadsheets.export(ListType.PUBLIC, [catalog_items["c"]])
    parsed = spreadsheets.parse(template, ListType.PUBLIC)
    row = parsed.good_rows[0]
    row.values["code"] = row.values["code"].replace("-3-00", "-3-01")
    row.values["name"] = "学籍转接确认（跨省）"
    actions.import_rows(office_user, parsed, mode=ImportRun.Mode.ALL_OR_NOTHING, filename="公共服务清单.xlsx")
    # imported as a draft awaiting review: the public counts move only once it is published
    assert catalog.search(catalog.Filters(list_type=ListType.PUBLIC)).total == before
    from gongkai.services.models import ServiceItem

    actions.publish_item(office_user, ServiceItem.objects.get(name="学籍转接确认（跨省）"))
    after = catalog.search(catalog.Filters(list_type=ListType.PUBLIC))
    assert after.total == before + 1 and "学籍转接确认（跨省）" in [i.name for i in after.page]
