"""In a real browser (Debian Chromium through Playwright): the header search box finds a word inside a
sentence, the keyboard reaches the results, and axe-core finds nothing serious on the results page."""

import os
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from gongkai.search import index

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),  # the live server's thread must see committed data
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="需要 /usr/bin/chromium"),
]


@pytest.fixture
def site_with_items():
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    # an earlier transactional test may have flushed what Wagtail's migrations made: the locale and root page
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    call_command("demo", "--only", "portal", stdout=StringIO())
    content_type, _ = ContentType.objects.get_or_create(app_label="tests", model="paragraph")
    index.update_source(
        content_type,
        1,
        index.Document(
            title="关于优化不动产业务办理流程的通知",
            body="即日起，办理不动产登记的申请材料由原来的八项精简为四项，申请人可在政务服务中心一窗受理。",
            url="/xxgk/1/",
            department_name="恩施市自然资源和规划局",
        ),
    )
    index.update_source(
        content_type, 2, index.Document(title="道路维修公告", body="舞阳大道夜间施工。", url="/xxgk/2/")
    )


@pytest.fixture
def page(live_server, site_with_items, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(locale="zh-CN")
        page.base_url = live_server.url
        yield page
        browser.close()


def test_header_search_finds_a_word_inside_a_sentence(page):
    page.goto(page.base_url + "/")
    page.fill("#site-search", "登记")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("ol.search-results > li")
    assert results.count() == 1
    assert results.first.locator("h2 a").inner_text() == "关于优化不动产业务办理流程的通知"
    assert results.first.locator("mark").first.inner_text() == "登记"
    assert "找到 1 条" in page.inner_text(".search-count")


def test_keyboard_reaches_the_first_result(page):
    page.goto(page.base_url + "/search/?q=" + "不动产登记")
    link = page.locator("ol.search-results h2 a").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
            == "/xxgk/1/"
        ):
            break
    else:
        pytest.fail("Tab 键无法到达第一条结果")
    assert link.evaluate("el => el === document.activeElement")


@pytest.mark.parametrize("q", ["不动产登记", "查无此词语"])
def test_axe_finds_no_serious_violation(page, q):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(page.base_url + "/search/?q=" + q)
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in bad]
