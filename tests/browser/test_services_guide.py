"""A visual step-by-step guide in a real browser, driven by keyboard only (F14)."""

import os
import shutil
from datetime import UTC, datetime

import pytest

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("需要 /usr/bin/chromium 才能运行浏览器测试", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# playwright's sync API runs an event loop in this thread; Django's ORM refuses that unless told it is safe here
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def guide(settings, tmp_path):
    """A published four-step guide with a picture, as the demo builds it."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images.models import Image
    from wagtail.models import Collection

    from gongkai.demo.services import GUIDE_STEPS, _step_picture
    from gongkai.org.models import Department
    from gongkai.services.models import Guide, GuideStep, Theme

    settings.MEDIA_ROOT = tmp_path
    # the live server serves static files from the app folders, by their plain names (no collectstatic manifest)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if not Collection.objects.exists():  # a transactional test flushes the root collection of the migrations
        Collection.add_root(name="Root")
    edu = Department.objects.create(name="恩施市教育局", short_name="市教育局", code="11422801000010372M")
    theme = Theme.objects.create(name="教育", slug="jiaoyu")
    guide = Guide(
        title="教育：义务教育入学报名网上办理指引",
        department=edu,
        theme=theme,
        intro="按下面 4 步办理。",
        live=True,
        first_published_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC),
    )
    for i, (title, text, bring, click) in enumerate(GUIDE_STEPS):
        picture = Image(
            title=f"第{i + 1}步", file=ImageFile(io.BytesIO(_step_picture(0, i, 4)), name=f"s{i}.png")
        )
        picture.save()
        guide.steps.add(
            GuideStep(
                title=title,
                text=text.format(item="义务教育入学报名"),
                bring=bring.format(materials="户口簿、居民身份证"),
                click=click,
                image=picture,
                image_alt=f"第 {i + 1} 步示意图",
                sort_order=i,
            )
        )
    guide.save()
    return guide


@pytest.fixture
def page():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        yield page
        browser.close()


def visible_step_titles(page):
    return [h.inner_text() for h in page.locator(".guide-step:visible h2").all()]


def test_guide_steps_are_walked_by_keyboard(live_server, guide, page):
    if shutil.which(CHROMIUM) is None:
        pytest.skip("chromium 不可执行")
    page.goto(live_server.url + guide.get_absolute_url())
    status = page.locator("[data-status]")
    assert status.inner_text() == "第 1 步，共 4 步"
    assert visible_step_titles(page) == ["第 1 步 打开办理入口"]
    # Tab from the top of the page reaches the "下一步" button; Enter moves on and focus lands on the step heading
    next_button = page.get_by_role("button", name="下一步")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "下一步":
            break
    else:
        pytest.fail("“下一步”按钮无法用 Tab 键到达")
    page.keyboard.press("Enter")
    assert status.inner_text() == "第 2 步，共 4 步"
    assert page.evaluate("document.activeElement.id") == "step-2-title"
    assert visible_step_titles(page) == ["第 2 步 找到事项"]
    # arrow keys step forward and back while focus is inside the guide
    page.keyboard.press("ArrowRight")
    assert status.inner_text() == "第 3 步，共 4 步"
    assert "户口簿、居民身份证" in page.locator(".guide-step:visible").inner_text()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # already at the last step: stays there
    assert status.inner_text() == "第 4 步，共 4 步"
    assert next_button.is_disabled()
    page.keyboard.press("ArrowLeft")
    assert status.inner_text() == "第 3 步，共 4 步"
    assert page.locator(".guide-step:visible img").get_attribute("alt") == "第 3 步示意图"


def test_all_steps_can_be_shown_and_all_print(live_server, guide, page):
    page.goto(live_server.url + guide.get_absolute_url())
    page.get_by_role("button", name="显示全部步骤").focus()
    page.keyboard.press("Enter")
    assert len(visible_step_titles(page)) == 4
    assert page.locator("[data-status]").inner_text() == "共 4 步，已全部显示"
    page.keyboard.press("Enter")  # focus stays on the toggle, now "逐步查看"
    assert len(visible_step_titles(page)) == 1
    page.emulate_media(media="print")
    assert len(visible_step_titles(page)) == 4
    assert not page.locator("[data-controls]").is_visible()


def test_without_javascript_every_step_is_listed(live_server, guide):
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + guide.get_absolute_url())
        assert len(visible_step_titles(page)) == 4
        assert not page.locator("[data-controls]").is_visible()
        browser.close()


def test_large_text_mode_keeps_the_controls_usable(live_server, guide, page):
    """Elder-friendly mode enlarges the root font size; the stepper scales with it and stays operable."""
    page.goto(live_server.url + guide.get_absolute_url())
    # through the CSSOM: the public pages' Content-Security-Policy refuses an inline <style> (even a test's)
    page.evaluate("document.documentElement.style.setProperty('--font-size', '24px')")
    box = page.get_by_role("button", name="下一步").bounding_box()
    assert box["height"] >= 48
    page.get_by_role("button", name="下一步").focus()
    page.keyboard.press("Space")
    assert page.locator("[data-status]").inner_text() == "第 2 步，共 4 步"
