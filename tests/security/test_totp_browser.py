"""The binding page in a real browser: Wagtail's scripts load the icon sprite into it, and it stays one page."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("需要 /usr/bin/chromium 才能运行浏览器测试", allow_module_level=True)

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_the_binding_page_holds_one_copy_of_itself(live_server, new_page, make_staff, settings):
    from gongkai.core import roles
    from tests.browser.fixtures import PLAIN_STATIC
    from tests.conftest import PASSWORD

    settings.STORAGES = {**settings.STORAGES, "staticfiles": PLAIN_STATIC}
    make_staff(None, roles.AUDITOR, username="auditor")
    page = new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "auditor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/security/totp/setup/**")
    page.wait_for_load_state("networkidle")
    # the sprite is in: Wagtail's icons.js inserted the SVG symbols into the page
    assert page.locator("[data-sprite] svg symbol").count() > 10
    assert page.locator("main").count() == 1
    assert page.locator("h1", has_text="绑定动态口令").count() == 1
    nexts = page.locator("input[name=next]").evaluate_all("els => els.map(e => e.value)")
    assert nexts and not any(v.startswith("/admin/sprite") for v in nexts)
