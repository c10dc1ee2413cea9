import pytest


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.GONGKAI_LINKCHECK_EXTERNAL = False


@pytest.fixture
def public_site(db, immediate_tasks):
    """The public site built for real: demo org and portal, the education bureau's catalog, published items."""
    from tests.browser.site import build

    return build()
