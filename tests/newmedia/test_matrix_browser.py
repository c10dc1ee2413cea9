"""The public 政务新媒体矩阵 in a real browser (Debian Chromium through Playwright): no accessibility violations
(axe-core), keyboard reachable links, QR codes that load."""

import datetime
import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.newmedia import actions
from gongkai.newmedia.models import Account, Platform, PostSource

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="需要 /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),  # the live server's thread must see committed data
]


def ensure_wagtail_root():
    """A transactional test before this one may have flushed the rows Wagtail's migrations made."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def page(live_server, edu, hrss):
    ensure_wagtail_root()
    call_command("demo", "--only", "portal", stdout=StringIO())
    now = datetime.datetime.now(datetime.UTC)
    for dept, platform, name in [
        (edu, Platform.WECHAT, "恩施教育"),
        (edu, Platform.DOUYIN, "恩施教育"),
        (hrss, Platform.WECHAT, "恩施人社"),
    ]:
        account = Account.objects.create(
            department=dept,
            platform=platform,
            name=name,
            operator="谭雨欣",
            url=f"https://example.gov.cn/{platform}/{dept.pk}",
            opened_at=now - datetime.timedelta(days=300),
        )
        items = [
            actions.PostItem(
                title=f"{name}：恩施市学生资助政策问答（第{i}期）",
                published_at=now - datetime.timedelta(days=i),
                url=f"https://example.gov.cn/p/{account.pk}/{i}",
            )
            for i in range(1, 5)
        ]
        actions.import_posts(None, account, items, source=PostSource.FILE)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_page()
        tab.goto(f"{live_server.url}/xmt/")
        yield tab
        browser.close()


def test_matrix_has_no_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_qr_codes_load_and_links_are_keyboard_reachable(page):
    images = page.locator("img.xmt-qr")
    assert images.count() == 3
    for i in range(3):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.locator("a", has_text="抖音（1）").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/xmt/?platform=douyin")
    assert page.locator("li.xmt-account").count() == 1
