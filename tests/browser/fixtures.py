"""Browser fixtures shared by every module that drives Chromium (registered in tests/conftest.py)."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# the live server serves static files through the finders, by their source names (not the hashed ones)
PLAIN_STATIC = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


@pytest.fixture(scope="module")
def browser():
    # module-scoped: Playwright's sync API runs an event loop while it is open, and other modules start their own
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def module_server(test_database, django_db_blocker):
    """A live server of its own whose data a module builds once and all its tests read.

    pytest-django's `live_server` makes every test that uses it transactional, so the database is flushed after
    each test and a module's site would be rebuilt for every one of them. Here the data lives for the module and
    is emptied once at its end, back to the migrated state every test starts from (tests/dbstate.py)."""
    from django.conf import settings
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from tests.dbstate import restore_initial_data

    with django_db_blocker.unblock():
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": PLAIN_STATIC}):
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            try:
                yield server
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
                restore_initial_data()


@pytest.fixture(scope="module")
def pages(module_server):
    """The public site built for real (demo org + portal, the education bureau's catalog, published items),
    once per module."""
    from tests.browser.site import build

    urls = build()
    return {k: (module_server.url + v if isinstance(v, str) else v) for k, v in urls.items()}


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(cookie=None, base=None, **options):
        # Playwright's wait_for_function(<string>) evaluates with eval(), which the public pages' strict CSP refuses;
        # the CSP itself is tested with bypass_csp=False (tests/deploy/test_csp_browser.py)
        options.setdefault("bypass_csp", True)
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale="zh-CN", **options)
        if cookie is not None:
            context.add_cookies([{"name": "gk_a11y", "value": cookie, "url": base}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
