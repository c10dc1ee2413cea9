"""Shared fixtures: departments and one account per role, built through the real action functions."""

import os

import pytest
from django.core.cache import cache
from pytest_django.plugin import blocking_manager_key

from gongkai.core import roles, workdays
from gongkai.org.actions import create_staff
from gongkai.org.models import Department
from tests import dbstate

PASSWORD = "Test@2026gongkai"

# the catalog fixtures (departments' catalogs, drafts, reviewers) and the browser fixtures are used by several apps' tests
pytest_plugins = ["tests.disclosure.fixtures", "tests.browser.fixtures"]


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database, also when no test of the run asks for `db` (pytest-django sets up only the databases
    that some test's fixtures name, and a module built once reads it without them)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _initial_data(test_database, django_db_blocker):
    with django_db_blocker.unblock():
        dbstate.remember_initial_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # the test's own teardown flushes every table if it was transactional (tests/dbstate.py says why that matters)
    try:
        return (yield)
    finally:
        if dbstate.flushes_the_database(item):
            dbstate.flushed = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if dbstate.flushed:
        with item.config.stash[blocking_manager_key].unblock():
            dbstate.restore_initial_data()


def pytest_configure(config):
    from django.conf import settings

    # the embedded file cache of the tests is their own, not that of a demo served from the same var/ directory,
    # and each parallel worker's its own (every test starts with cache.clear())
    default = settings.CACHES["default"]
    if default["BACKEND"] == "gongkai.core.cache.SharedFileCache":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        default["LOCATION"] = str(settings.VAR_DIR / ("test-cache" + (f"-{worker}" if worker else "")))
    # nor the demo's audit checkpoints: they vouch for records of another database (tests that write checkpoints
    # give their own file with the `settings` fixture)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    checkpoints = settings.VAR_DIR / ("test-audit-checkpoints" + (f"-{worker}" if worker else "") + ".jsonl")
    checkpoints.unlink(missing_ok=True)
    settings.GONGKAI_AUDIT_CHECKPOINT_FILE = checkpoints


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
