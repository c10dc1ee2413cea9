import os

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    # module-scoped: Playwright's sync API runs an event loop while it is open, and other modules start their own
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def pages(live_server, transactional_db, settings):
    """The public site built for real (demo org + portal, the education bureau's catalog, published items)."""
    from tests.browser.site import build

    # the live server serves static files through the finders, by their source names (not the hashed ones)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    urls = build()
    return {k: (live_server.url + v if isinstance(v, str) else v) for k, v in urls.items()}


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(cookie=None, base=None, **options):
        # Playwright's wait_for_function(<string>) evaluates with eval(), which the public pages' strict CSP refuses;
        # the CSP itself is tested with bypass_csp=False (tests/deploy/test_csp_browser.py)
        options.setdefault("bypass_csp", True)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", **options)
        if cookie is not None:
            context.add_cookies([{"name": "gk_a11y", "value": cookie, "url": base}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
