"""The catalog's models stand below its screens and its actions: a model module imports no admin panels, forms or
action layer (the item page gets its editor, and the review task what it calls, when the app is ready), so the
models, the rules and the actions do not import each other in a circle."""

import ast
from pathlib import Path

import gongkai.disclosure
from gongkai.disclosure.models import DepartmentReviewTask, GovInfoPage

MODELS = Path(gongkai.disclosure.__file__).parent / "models"
FORBIDDEN = {"panels", "forms", "actions", "admin_views", "wagtail_hooks"}


def module_level_imports(path):
    """(module, names) of each import statement outside any function or class body."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Import):
            yield from ((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield ("." * node.level + (node.module or ""), [a.name for a in node.names])


def test_no_model_module_imports_panels_forms_or_actions():
    files = sorted(MODELS.glob("*.py"))
    assert {p.name for p in files} >= {"__init__.py", "pages.py", "review.py"}
    offenders = []
    for path in files:
        for module, names in module_level_imports(path):
            last = module.rsplit(".", 1)[-1].lstrip(".")
            touched = {last, *names} if module.strip(".") in ("", "gongkai.disclosure") else {last}
            if module.startswith(("gongkai.disclosure", "..")) or module == ".":
                if touched & FORBIDDEN:
                    offenders.append(f"{path.name}: {module} {names}")
    assert offenders == []


def test_the_editor_and_the_review_task_are_attached_once_the_app_is_ready():
    from gongkai.disclosure import actions, forms, precheck

    headings = [str(getattr(p, "heading", "")) for p in GovInfoPage.content_panels]
    assert headings[:2] == ["退回修改意见", "发布前机器检查"]
    assert "发布责任（谁制作谁公开、谁公开谁负责）" in headings
    assert GovInfoPage.base_form_class is forms.GovInfoPageForm
    assert GovInfoPage.copy_form_class is forms.GovInfoCopyForm
    assert DepartmentReviewTask.override_precheck is actions.override_precheck
    assert DepartmentReviewTask.unresolved_block is precheck.unresolved_block
