"""Read-aloud in a real browser (issue 4 check "read-aloud plays and highlights"): Debian Chromium via Playwright."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("未找到 /usr/bin/chromium，跳过浏览器测试", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from gongkai.portal.models import SimplePage  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

BODY = (
    "<p>为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好恩施市政务公开工作，制定本方案。</p>"
    "<p>各乡镇人民政府、各办事处要按时发布法定主动公开内容。全年主动公开政府信息不少于1,200条。</p>"
)


@pytest.fixture
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def article(transactional_db, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    # live_server serves static files from the apps' folders (finders), so links must use unhashed names
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # the item templates of the portal are wired to read-aloud after merging; here the app's own page template
    monkeypatch.setattr(SimplePage, "template", "readaloud/simple_page.html")
    # a transactional test starts from an empty database: the tree root and locale the migrations made are gone
    from django.conf import settings as django_settings
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=django_settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    page = root.add_child(
        instance=SimplePage(title="恩施市2024年政务公开工作实施方案", slug="fangan", body=BODY)
    )
    page.save_revision().publish()
    # and serve this page as the site root
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=page, is_default_site=True)
    return page


def test_read_aloud_plays_highlights_and_pauses(live_server, browser, article):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => { const a = document.querySelector('.ra-audio');
                   window.raEvents = [];
                   ['playing', 'pause'].forEach(e => a.addEventListener(e, () => window.raEvents.push(e))); }"""
    )
    play = page.get_by_role("button", name="朗读")
    expect(play).to_be_visible()
    expect(page.locator(".ra-s.ra-current")).to_have_count(0)
    play.click()

    page.wait_for_function("() => window.raEvents.includes('playing')", timeout=10_000)
    page.wait_for_function("() => document.querySelector('.ra-audio').currentTime > 0.2", timeout=10_000)
    # the first sentence (the title) is the one highlighted, and the status line says so
    current = page.locator(".ra-s.ra-current")
    expect(current.first).to_have_attribute("data-ra", "0")
    expect(current.first).to_have_text("恩施市2024年政务公开工作实施方案")
    expect(page.get_by_role("status")).to_contain_text("正在朗读第 1 句，共 4 句")

    # speed: the audio element follows the select
    page.get_by_label("语速").select_option("1.5")
    assert page.evaluate("document.querySelector('.ra-audio').playbackRate") == 1.5

    # pause: time stands still, the button offers 继续
    page.get_by_role("button", name="暂停").click()
    expect(page.get_by_role("button", name="继续")).to_be_visible()
    assert page.evaluate("document.querySelector('.ra-audio').paused")
    t1 = page.evaluate("document.querySelector('.ra-audio').currentTime")
    page.wait_for_timeout(400)
    assert page.evaluate("document.querySelector('.ra-audio').currentTime") == t1
    expect(page.get_by_role("status")).to_contain_text("已暂停")

    # resume, then stop with the keyboard: highlight removed
    page.get_by_role("button", name="继续").click()
    page.wait_for_function(f"() => document.querySelector('.ra-audio').currentTime > {t1}", timeout=5_000)
    page.get_by_role("button", name="停止").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ra-s.ra-current")).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text("已停止朗读。")
    assert errors == []


def test_goes_on_to_the_next_sentence(live_server, browser, article):
    page = browser.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="朗读").click()
    page.wait_for_function("() => document.querySelector('.ra-audio').currentTime > 0", timeout=10_000)
    # skip to the end of the first sentence: the player moves on and highlights sentence 1 (body, first sentence)
    page.evaluate(
        "() => { const a = document.querySelector('.ra-audio'); a.currentTime = a.duration - 0.05; }"
    )
    expect(page.locator('.ra-s.ra-current[data-ra="1"]')).to_have_count(1, timeout=10_000)
    expect(page.locator(".ra-s.ra-current").first).to_contain_text("为深入贯彻落实")


def test_without_javascript_the_page_explains(live_server, browser, article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("button", name="朗读")).to_be_hidden()
    expect(page.locator(".ra-nojs")).to_contain_text("需要启用浏览器的 JavaScript")
    expect(page.locator("article")).to_contain_text("全年主动公开政府信息不少于1,200条")
    context.close()
