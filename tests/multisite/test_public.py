"""集约化, the public side: each site shows its own identity, items, search results, forms and message board."""

import re

import pytest
from django.core.management import call_command

from gongkai.core import protection
from gongkai.core.identity import resident_id_check_char
from gongkai.interaction import intake
from gongkai.interaction.models import Case, Category, Channel
from gongkai.search import index

from .conftest import B_HOST


def _meta(html, name):
    return re.search(rf'<meta name="{name}" content="([^"]*)"', html).group(1)


def test_site_identity_tags_differ_per_site(client, two_sites):
    a = client.get("/").content.decode()
    b = client.get("/", HTTP_HOST=B_HOST).content.decode()
    assert _meta(a, "SiteIDCode") == "4228010001" and _meta(a, "SiteName") == "恩施市人民政府"
    assert _meta(b, "SiteIDCode") == "4228010103" and _meta(b, "SiteName") == "恩施市龙凤镇人民政府"
    assert _meta(b, "SiteDomain") == B_HOST


def test_home_page_lists_only_its_own_sites_items(client, two_sites):
    a = client.get("/").content.decode()
    b = client.get("/", HTTP_HOST=B_HOST).content.decode()
    title_a, title_b = two_sites["a"]["item"].title, two_sites["b"]["item"].title
    assert title_a in a and title_b not in a
    assert title_b in b and title_a not in b


def _reindex():
    index.reindex()


def test_search_on_one_site_finds_only_its_own_items(client, two_sites):
    _reindex()
    title_a, title_b = two_sites["a"]["item"].title, two_sites["b"]["item"].title
    assert title_a.startswith("市教育局关于") and title_b.startswith("镇村镇建设办关于")
    # (the results page marks the search terms in the titles, so compare the parts before them)
    b = client.get("/search/", {"q": "危房改造"}, HTTP_HOST=B_HOST).content.decode()
    assert "镇村镇建设办关于" in b and "市教育局关于" not in b
    a = client.get("/search/", {"q": "危房改造"}).content.decode()
    assert "市教育局关于" in a and "镇村镇建设办关于" not in a
    # the filter form offers only the site's own departments
    assert "龙凤镇村镇建设办公室" in b and "恩施市教育局" not in b


def test_search_api_on_one_site_returns_only_its_own_items(client, two_sites):
    _reindex()
    title_a, title_b = two_sites["a"]["item"].title, two_sites["b"]["item"].title
    b = client.get("/api/v1/search", {"q": "危房改造"}, HTTP_HOST=B_HOST).json()
    assert [r["title"] for r in b["results"]] == [title_b]
    a = client.get("/api/v1/search", {"q": "危房改造"}).json()
    assert [r["title"] for r in a["results"]] == [title_a]
    # asking for the other site's department by id finds nothing either
    b2 = client.get(
        "/api/v1/search",
        {"q": "危房改造", "department": two_sites["a"]["item"].department_id},
        HTTP_HOST=B_HOST,
    ).json()
    assert b2["count"] == 0


def test_the_index_records_each_entrys_site(two_sites, site_a, site_b):
    from gongkai.search.models import SearchEntry

    _reindex()
    assert SearchEntry.for_object(two_sites["b"]["item"]).get().site_id == site_b.pk
    assert SearchEntry.for_object(two_sites["a"]["item"]).get().site_id == site_a.pk


@pytest.fixture
def categories(two_sites, edu, b_dept):
    Category.objects.filter(channel=Channel.MESSAGE, name="教育与入学").update(department=edu)
    Category.objects.create(channel=Channel.MESSAGE, name="龙凤镇村镇建设", department=b_dept)
    intake.clear_category_cache()


def _options(html, name):
    block = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', block)


def test_message_form_on_b_offers_only_bs_categories_and_files_into_b(client, categories, site_b, b_dept):
    html = client.get("/liuyan/xie/", HTTP_HOST=B_HOST).content.decode()
    offered = _options(html, "category")
    assert "龙凤镇村镇建设" in offered and "教育与入学" not in offered
    assert "其他" in offered  # routed to nobody: the site's own office dispatches it
    on_a = _options(client.get("/liuyan/xie/").content.decode(), "category")
    assert "教育与入学" in on_a and "龙凤镇村镇建设" not in on_a
    key = re.search(r'name="captcha_key" value="([^"]+)"', html).group(1)
    data = {
        "name": "杨春生",
        "phone": "13907186623",
        "category": "龙凤镇村镇建设",
        "title": "龙马村通组公路何时硬化",
        "content": "龙马村五组到六组的通组公路还是泥巴路，雨天车辆无法通行，请问有没有硬化计划？",
        "public": "on",
        "captcha_key": key,
        "captcha_answer": protection.challenge(key)["code"],
    }
    client.post("/liuyan/xie/", data, HTTP_HOST=B_HOST)
    case = Case.objects.get()
    assert case.site == site_b and case.suggested_department == b_dept


def test_message_api_on_b_refuses_a_category_or_department_of_a(client, categories, settings, edu):
    settings.GONGKAI_CAPTCHA = False
    body = {
        "name": "杨春生",
        "phone": "13907186623",
        "category": "教育与入学",
        "title": "孩子秋季入学划片咨询",
        "content": "我家住舞阳坝街道金桂大道，孩子今年满六周岁，请问划片对应哪所小学？",
    }
    r = client.post("/api/v1/messages", body, content_type="application/json", HTTP_HOST=B_HOST)
    assert r.status_code == 400 and "category" in r.json()["errors"]
    r = client.post(
        "/api/v1/messages",
        {**body, "category": "其他", "department": "恩施市教育局"},
        content_type="application/json",
        HTTP_HOST=B_HOST,
    )
    assert r.status_code == 400 and "department" in r.json()["errors"]
    assert not Case.objects.exists()
    names = [
        c["name"] for c in client.get("/api/v1/messages/categories", HTTP_HOST=B_HOST).json()["categories"]
    ]
    assert "龙凤镇村镇建设" in names and "教育与入学" not in names


def test_foi_form_files_the_request_on_the_site_it_was_sent_to(client, two_sites, site_b, settings):
    from gongkai.foi.models import Application

    settings.GONGKAI_CAPTCHA = False
    r = client.post(
        "/api/v1/foi/applications",
        {
            "applicant_type": "natural_person",
            "name": "覃志强",
            "id_type": "resident_id",
            "id_number": "42280119780312426" + resident_id_check_char("42280119780312426"),
            "phone": "13972716688",
            "description": "请公开龙凤镇2026年农村危房改造补助资金发放明细。",
            "delivery_form": "email",
            "delivery_way": "online",
            "email": "qinzq@example.com",
        },
        content_type="application/json",
        HTTP_HOST=B_HOST,
    )
    assert r.status_code == 201, r.content
    assert Application.objects.get().site == site_b


def test_published_pages_go_to_one_directory_per_site(two_sites, site_a, site_b, settings, tmp_path):
    settings.GONGKAI_PUBLISHED_ROOT = str(tmp_path)
    call_command("published", "build")
    item_a, item_b = two_sites["a"]["item"], two_sites["b"]["item"]

    def relative(item, site):
        return item.url_path[len(site.root_page.url_path) :]

    a_file = tmp_path / "_default" / relative(item_a, site_a) / "index.html"
    b_file = tmp_path / B_HOST / relative(item_b, site_b) / "index.html"
    assert a_file.exists() and item_a.title in a_file.read_text()
    assert b_file.exists() and item_b.title in b_file.read_text()
    assert "4228010103" in (tmp_path / B_HOST / "index.html").read_text()
    assert f"{B_HOST} {B_HOST};" in (tmp_path / "sites.map").read_text()
