"""core is the ground floor (issue 16): every app may import it, and it imports no other gongkai app — roles,
audit, calendar, crypto, identity and text checks stand on Django and Wagtail alone. An app above that core needs
(the read-aloud engine for the captcha's audio) hands itself in when it starts, instead of core reaching up."""

from pathlib import Path

from tests.test_demo_isolation import PACKAGE, imported_names

CORE = PACKAGE / "core"


def reaches_above_core(name):
    return name.startswith("gongkai.") and not (name == "gongkai.core" or name.startswith("gongkai.core."))


def upward_imports(paths):
    return [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in paths
        for name in imported_names(path)
        if reaches_above_core(name)
    ]


def test_core_imports_no_other_gongkai_app():
    modules = list(CORE.rglob("*.py"))
    assert len(modules) > 30  # the walk really covers core, its models and migrations
    assert upward_imports(modules) == []


def test_the_check_catches_an_upward_import_even_a_lazy_one(monkeypatch):
    # the checker itself: an import inside a function body and a relative one out of core are both caught
    fake = CORE / "protection.py"
    source = (
        "def speak():\n    from gongkai.readaloud.services import synthesize_mp3\n\nfrom ..org import sites\n"
    )
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert sorted(upward_imports([fake])) == [
        "gongkai/core/protection.py: gongkai.org",
        "gongkai/core/protection.py: gongkai.org.sites",
        "gongkai/core/protection.py: gongkai.readaloud.services",
        "gongkai/core/protection.py: gongkai.readaloud.services.synthesize_mp3",
    ]
