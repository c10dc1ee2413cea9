from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def site(db):
    call_command("demo", "--only", "org", "--only", "portal", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def catalog_site(site, immediate_tasks):
    from tests.browser.site import build

    return build()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.GONGKAI_LINKCHECK_EXTERNAL = False
