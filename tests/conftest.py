"""Shared fixtures: departments and one account per role, built through the real action functions."""

import pytest
from django.core.cache import cache

from gongkai.core import workdays
from gongkai.org import roles
from gongkai.org.actions import create_staff
from gongkai.org.models import Department

PASSWORD = "Test@2026gongkai"

# the catalog fixtures (departments' catalogs, drafts, reviewers) and the browser fixtures are used by several apps' tests
pytest_plugins = ["tests.disclosure.fixtures", "tests.browser.fixtures"]


def pytest_configure(config):
    from django.conf import settings

    # the embedded file cache of the tests is their own, not that of a demo served from the same var/ directory
    default = settings.CACHES["default"]
    if default["BACKEND"] == "gongkai.core.cache.SharedFileCache":
        default["LOCATION"] = str(settings.VAR_DIR / "test-cache")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.contrib.contenttypes.models import ContentType

    # a transactional test's flush recreates content types on PostgreSQL with new ids: forget the cached ones
    ContentType.objects.clear_cache()
    cache.clear()
    workdays.invalidate()
    yield
    workdays.invalidate()


@pytest.fixture
def office_dept(db):
    return Department.objects.create(
        name="恩施市政务公开办公室",
        short_name="市政务公开办",
        code="1142280170000001XR",
        kind=Department.Kind.OFFICE,
    )


@pytest.fixture
def edu(db):
    return Department.objects.create(
        name="恩施市教育局", short_name="市教育局", code="11422801000010372M", doc_prefix="恩市教发"
    )


@pytest.fixture
def hrss(db):
    return Department.objects.create(
        name="恩施市人力资源和社会保障局",
        short_name="市人社局",
        code="114228010000140582",
        doc_prefix="恩市人社发",
    )


@pytest.fixture
def make_staff(db):
    counter = {"n": 0}

    def make(department, *role_list, username=None):
        counter["n"] += 1
        name = username or f"staff{counter['n']}"
        return create_staff(
            None,
            username=name,
            full_name=f"测试{counter['n']}号",
            password=PASSWORD,
            department=department,
            role_list=list(role_list),
        )

    return make


@pytest.fixture
def office_user(make_staff, office_dept):
    return make_staff(office_dept, roles.OFFICE, username="gkb")


@pytest.fixture
def office_head(make_staff, office_dept):
    return make_staff(office_dept, roles.OFFICE, roles.OFFICE_HEAD, username="gkb_head")


@pytest.fixture
def edu_editor(make_staff, edu):
    return make_staff(edu, roles.EDITOR, username="jyj_editor")


@pytest.fixture
def hrss_editor(make_staff, hrss):
    return make_staff(hrss, roles.EDITOR, username="rsj_editor")


@pytest.fixture
def auditor(make_staff):
    return make_staff(None, roles.AUDITOR, username="auditor")
