"""Finding the modules each app contributes by convention (`<app>/urls.py`, `api.py`, `tasks.py`, …).

One loop for every convention in docs/development.md: an app without the module is skipped; an import error raised
*inside* a module that exists is not swallowed, so a broken `permissions.py` fails loudly instead of quietly
granting nothing.
"""

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps


def app_modules(submodule: str, *, exclude: tuple[str, ...] = ()) -> list[tuple[str, ModuleType]]:
    """`(app label, module)` for every installed gongkai app that has `<app>.<submodule>`, in INSTALLED_APPS
    order; apps named in `exclude` (full names, e.g. "gongkai.api") are left out."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.name in exclude:
            continue
        name = f"{config.name}.{submodule}"
        if importlib.util.find_spec(name) is None:
            continue
        found.append((config.label, importlib.import_module(name)))
    return found
