"""The demo is an app of its own (gongkai/demo), installed only in demo mode: production code never imports it, so
nothing of the demo — its accounts, its password, its loaders — can be reached from a production installation."""

import ast
from pathlib import Path

import gongkai

PACKAGE = Path(gongkai.__file__).parent
DEMO = PACKAGE / "demo"


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path):
    """Every module the file imports: absolute, relative (resolved against the file's package) and
    importlib.import_module("…") with a literal name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module",
            "__import__",
        ):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.args[0].value


def is_demo(name):
    return name == "gongkai.demo" or name.startswith("gongkai.demo.")


def test_no_module_outside_the_demo_app_imports_it():
    offenders = []
    modules = [p for p in PACKAGE.rglob("*.py") if DEMO not in p.parents]
    assert len(modules) > 100  # the walk really covers the code base
    for path in modules:
        offenders += [
            f"{path.relative_to(PACKAGE.parent)}: {name}" for name in imported_names(path) if is_demo(name)
        ]
    assert offenders == []


def test_the_walk_sees_relative_and_dynamic_imports(tmp_path, monkeypatch):
    # the checker itself: a relative import into the demo and an import_module of it are both caught
    fake = PACKAGE / "portal" / "views.py"
    source = "from ..demo import org\nimport importlib\nimportlib.import_module('gongkai.demo.town')\n"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert [n for n in imported_names(fake) if is_demo(n)] == [
        "gongkai.demo",
        "gongkai.demo.org",
        "gongkai.demo.town",
    ]


def test_demo_modules_live_only_in_the_demo_app():
    # the old layout (<app>/demo.py, discovered by name) is gone: the demo's own ORDER lists its loaders
    stray = [str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("demo*.py") if DEMO not in p.parents]
    assert stray == []


def test_nothing_make_demo_or_make_test_runs_reads_the_shared_folder():
    # a newcomer's clone has no ../shared: the demo's data ships in gongkai/demo/data (built by hand by tools/build_demo_data.py)
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readers = []
    for path in [*(root / "gongkai").rglob("*.py"), *(root / "tests").rglob("*.py"), root / "Makefile"]:
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        if "GONGKAI_SHARED_DIR" in text or "../shared" in text or '"shared"' in text:
            readers.append(str(path.relative_to(root)))
    assert readers == []
