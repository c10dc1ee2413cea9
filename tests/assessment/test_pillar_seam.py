"""Assessment assesses the pillars without importing them: each pillar registers its measures (`measures.py`) and
its site-health checks (`health.py`) with `gongkai.assessment.registry`, and assessment reads them from there —
so a pillar's models can change without assessment's code knowing, and assessment never sits in an import circle
with the parts it judges."""

from pathlib import Path

import pytest

import gongkai
from gongkai.assessment import registry
from tests.test_demo_isolation import imported_names

PACKAGE = Path(gongkai.__file__).parent
ASSESSMENT = PACKAGE / "assessment"
ALLOWED = ("gongkai.core", "gongkai.org", "gongkai.assessment")  # the ground floor, departments, itself


def allowed(name):
    if name == "gongkai" or not name.startswith("gongkai."):
        return True
    return any(name == base or name.startswith(f"{base}.") for base in ALLOWED)


def test_assessment_imports_no_pillar():
    modules = [p for p in ASSESSMENT.rglob("*.py") if "migrations" not in p.parts]
    assert len(modules) > 40  # the walk really covers the app
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in modules
        for name in imported_names(path)
        if not allowed(name)
    ]
    assert offenders == []


def test_each_measure_lives_in_the_pillar_it_reads(db):
    owners = {code: m.func.__module__ for code, m in registry.measures().items()}
    assert owners["disclosure.on_time"] == "gongkai.disclosure.measures"
    assert owners["foi.on_time"] == owners["foi.reply_quality"] == "gongkai.foi.measures"
    assert owners["interaction.messages_on_time"] == "gongkai.interaction.measures"
    assert owners["newmedia.weekly_updates"] == "gongkai.newmedia.measures"
    assert owners["health.broken_links"] == "gongkai.assessment.health.measures"  # read from stored runs


def test_every_check_but_the_crawl_is_a_pillars_and_runs_in_the_monitors_order(db):
    checks = registry.health_checks()
    assert [code for code, _ in checks] == [c for c in registry.Check.values if c != registry.Check.LINKS]
    assert {code: func.__module__ for code, func in checks} == {
        "home": "gongkai.portal.health",
        "columns_idle": "gongkai.disclosure.health",
        "columns_empty": "gongkai.disclosure.health",
        "messages": "gongkai.interaction.health",
        "guides": "gongkai.services.health",
        "newmedia": "gongkai.newmedia.health",
    }


def test_the_annual_report_names_what_the_pillars_name():
    # assessment keeps the national form's row labels and the editor's hook name by value: they must stay the
    # pillars' own
    from gongkai.assessment.annual import compute, hooks
    from gongkai.disclosure.forms import GENERATED_BODY_HOOK
    from gongkai.foi import stats

    assert (compute.ROW_TOTAL, compute.ROW_RESULTS) == (stats.ROW_TOTAL, stats.ROW_RESULTS)
    assert hooks.GENERATED_BODY_HOOK == GENERATED_BODY_HOOK


def test_asking_for_what_no_pillar_gives_is_a_clear_error(db):
    with pytest.raises(LookupError) as exc:
        registry.provided("annual.unknown")
    assert "没有已安装的模块提供“annual.unknown”" in str(exc.value)
