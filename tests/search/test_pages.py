"""The public results page /search/ and the API GET /api/v1/search."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.search import query


@pytest.fixture
def portal(db):
    call_command("demo", "--only", "portal", stdout=StringIO())


def test_results_page_shows_count_tabs_snippets_and_links(client, portal, enshi):
    response = client.get("/search/", {"q": "不动产登记"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-CN">' in html and 'action="/search/"' in html  # inside the portal shell
    assert "找到 3 条与“不动产登记”相关的结果" in html
    assert (
        '<a href="/xxgk/1/">恩施市<mark>不动产登记</mark>中心关于优化<mark>不动产登记</mark>办理流程的通知</a>'
        in html
    )
    assert "办理<mark>不动产登记</mark>的申请材料" in html
    assert "恩市自然资发〔2025〕12号" in html
    assert '<time datetime="2025-03-18">2025年3月18日</time>' in html
    # tabs per kind with their counts, "全部" current
    assert re.search(r'aria-current="page">全部<span class="count">（3）</span></a>', html)
    assert '政策解读<span class="count">（1）</span>' in html
    assert '留言<span class="count">（0）</span>' in html
    # headings in order: h1 then one h2 per result
    assert html.count("<h1>") == 1 and html.count("<h2>") == 3


def test_a_kind_tab_narrows_the_list(client, portal, enshi):
    html = client.get("/search/", {"q": "不动产登记", "kind": "qa"}).content.decode()
    assert "二手房交易后多久能办好" in html
    assert "优化不动产登记办理流程" not in html
    assert 'aria-current="page">答疑' in html


def test_filters_are_a_get_form_with_bound_labels(client, portal, enshi, hrss):
    html = client.get("/search/", {"q": "恩施市", "department": str(hrss.pk)}).content.decode()
    for field in ("column", "department", "topic", "year", "validity"):
        assert f'<label for="f-{field}">' in html and f'id="f-{field}" name="{field}"' in html
    assert f'<option value="{hrss.pk}" selected>{hrss.name}</option>' in html
    assert "义务教育阶段学校招生" not in html  # the education bureau's interpretation is filtered out


def test_citizen_text_is_escaped_on_the_page(client, portal, add):
    add("<img src=x onerror=alert(1)>留言", "请处理<script>alert(1)</script>积水问题")
    html = client.get("/search/", {"q": "积水"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pagination_links_keep_query_and_filters(client, portal, add):
    for i in range(45):
        add(f"安全生产检查通报（第{i + 1}期）", "对全市安全生产情况进行了检查。", column="工作动态")
    html = client.get("/search/", {"q": "安全生产", "column": "工作动态", "page": "2"}).content.decode()
    assert "第 2/3 页" in html
    assert (
        'href="/search/?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7&amp;column=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&amp;page=3" rel="next"'
        in html
    )
    assert '<ol class="search-results" start="21">' in html


def test_nothing_found_offers_pinyin_and_near_miss_suggestions(client, portal, enshi):
    html = client.get("/search/", {"q": "shebao"}).content.decode()
    assert "没有找到" in html and "找不到？试试…" in html
    assert ">社保</a>" in html
    # a homophone typo: 社宝 → 社保
    assert ">社保</a>" in client.get("/search/", {"q": "社宝"}).content.decode()


def test_empty_query_shows_the_form_without_error(client, portal, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "登" * 101}, "不能超过 100 个字"),
        ({"q": "登记", "page": "0"}, "页码"),
        ({"q": "登记", "year": "abc"}, "年份"),
    ],
)
def test_bad_input_is_explained_on_the_page(client, portal, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_one_character_query_shows_the_notice(client, portal, enshi):
    html = client.get("/search/", {"q": "水"}).content.decode()
    assert "单个字的检索" in html and "积<mark>水</mark>" in html


def test_results_page_query_count_is_pinned(client, portal, enshi, django_assert_num_queries):
    client.get("/search/", {"q": "不动产登记"})  # warm the filter-option cache and the site lookups
    # anonymous request: kind counts with the ranked page (one query), the page's entries, and the portal
    # shell's site and site identity; the filter options and the main menu come from the cache
    with django_assert_num_queries(4):
        response = client.get("/search/", {"q": "不动产登记", "page": "1"})
    assert response.status_code == 200


# --- API ------------------------------------------------------------------------------------------------------


def test_api_shape(client, enshi):
    response = client.get("/api/v1/search", {"q": "不动产登记"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    first = body["results"][0]
    assert set(first) >= {"title", "url", "snippet", "published", "department", "kind"}
    assert first["title"] == "恩施市不动产登记中心关于优化不动产登记办理流程的通知"
    assert first["url"] == "/xxgk/1/"
    assert first["published"] == "2025-03-18"
    assert first["department"] == "恩施市人力资源和社会保障局"
    assert first["kind"] == "item"
    assert "<mark>不动产登记</mark>" in first["snippet"]
    assert body["kind_counts"] == {"item": 1, "interpretation": 1, "qa": 1}
    assert "不动产登记" in response.content.decode()  # UTF-8, not \u escapes


def test_api_pages_and_filters(client, add):
    for i in range(25):
        add(f"第{i + 1}号通知", "做好消防安全工作。", kind="item" if i % 5 else "service")
    assert client.get("/api/v1/search", {"q": "消防", "page": "2"}).json()["count"] == 25
    assert len(client.get("/api/v1/search", {"q": "消防", "page": "2"}).json()["results"]) == 5
    assert client.get("/api/v1/search", {"q": "消防", "kind": "service"}).json()["count"] == 5


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "登" * 101}, "q"),
        ({"q": "登记", "page": "0"}, "page"),
        ({"q": "登记", "page": "-1"}, "page"),
        ({"q": "登记", "page": "第二页"}, "page"),
        ({"q": "登记", "kind": "news"}, "kind"),
        ({"q": "登记", "year": "2o25"}, "year"),
    ],
)
def test_api_bad_input_is_400_in_chinese(client, db, params, field):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    message = response.json()["errors"][field]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_api_page_beyond_the_results_is_400(client, enshi):
    response = client.get("/api/v1/search", {"q": "不动产登记", "page": "2"})
    assert response.status_code == 400
    assert "页码" in response.json()["errors"]["page"]


def test_search_box_in_the_header_points_here(client, portal):
    html = client.get("/").content.decode()
    assert re.search(r'<form[^>]*action="/search/"', html)
    assert query.PER_PAGE == 20
