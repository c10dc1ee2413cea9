"""The one loop that finds each app's conventional modules (docs/development.md)."""

import sys
from types import SimpleNamespace

import pytest
from django.apps import apps

import gongkai
from gongkai.core.discovery import app_modules


def test_finds_each_apps_module_in_installed_apps_order():
    labels = [label for label, _module in app_modules("permissions")]
    assert {"disclosure", "interaction", "services"} <= set(labels)
    order = [config.label for config in apps.get_app_configs()]
    assert labels == sorted(labels, key=order.index)
    assert "api" not in [label for label, _ in app_modules("api", exclude=("gongkai.api",))]


@pytest.fixture
def broken_app(tmp_path, monkeypatch):
    """An installed app `gongkai.brokenapp` whose permissions.py exists but fails to import."""
    package = tmp_path / "brokenapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "permissions.py").write_text("import gongkai_no_such_dependency\nROLE_PERMISSIONS = {}\n")
    monkeypatch.setattr(gongkai, "__path__", [*gongkai.__path__, str(tmp_path)])
    config = SimpleNamespace(name="gongkai.brokenapp", label="brokenapp")
    real = apps.get_app_configs
    monkeypatch.setattr(apps, "get_app_configs", lambda: [*real(), config])
    yield
    for name in [m for m in sys.modules if m.startswith("gongkai.brokenapp")]:
        del sys.modules[name]


def test_an_import_error_inside_an_existing_module_is_raised_not_skipped(broken_app):
    # org/setup.py used to swallow every ModuleNotFoundError: a broken permissions.py granted nothing, silently
    with pytest.raises(ModuleNotFoundError, match="gongkai_no_such_dependency"):
        app_modules("permissions")


def test_an_app_without_the_module_is_skipped(broken_app):
    assert "brokenapp" not in [label for label, _ in app_modules("tasks")]


def test_a_broken_permissions_module_stops_the_role_set_up(broken_app):
    from gongkai.org.setup import collected_permissions

    with pytest.raises(ModuleNotFoundError, match="gongkai_no_such_dependency"):
        collected_permissions()
