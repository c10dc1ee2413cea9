"""One vocabulary for the audit trail (issue 16 item 3): every name the code writes is declared by its app with a
Chinese label, and the writer refuses a name nobody declared."""

import ast
import io
import logging
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from gongkai.core import audit, audit_vocabulary
from gongkai.core.models import AuditRecord
from tests.test_demo_isolation import PACKAGE

CJK = re.compile(r"[\u4e00-\u9fff]")


def _names(node):
    """The action names one argument can produce: literals (both branches of `a if c else b`) and, for an f-string,
    its template with each placeholder as `{}`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {("name", node.value)}
    if isinstance(node, ast.IfExp):
        return _names(node.body) | _names(node.orelse)
    if isinstance(node, ast.JoinedStr):
        template = "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
        return {("pattern", template)}
    return {("unknown", ast.unparse(node))}


def written_names():
    """Every action argument of an `audit.record(…)` call in the package, as (kind, name, where)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "record" or getattr(node.func.value, "id", None) != "audit":
                continue
            argument = node.args[1] if len(node.args) > 1 else None
            argument = argument or next((k.value for k in node.keywords if k.arg == "action"), None)
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            found += [(kind, name, where) for kind, name in _names(argument)]
    return found


def normalised(pattern):
    return audit_vocabulary.PLACEHOLDER.sub("{}", pattern)


def test_every_name_the_code_writes_is_declared():
    found = written_names()
    assert len(found) > 90  # the walk really finds the action functions' calls
    assert [(name, where) for kind, name, where in found if kind == "unknown"] == []
    declared = audit_vocabulary.vocabulary()
    assert [(name, where) for kind, name, where in found if kind == "name" and name not in declared] == []
    templates = {normalised(p) for p in audit_vocabulary.patterns()}
    built = {name for kind, name, _where in found if kind == "pattern"}
    assert built == {
        "interaction.follow_up.{}",
        "disclosure.workflow_{}",
        "{}.create",
        "{}.change",
        "{}.delete",
    }
    assert built <= templates


def test_nothing_is_declared_that_no_code_writes():
    found = written_names()
    written = {name for kind, name, _ in found if kind == "name"}
    built = {name for kind, name, _ in found if kind == "pattern"}
    stale = [
        entry.name
        for entry in audit_vocabulary.vocabulary().values()
        if entry.name not in written and normalised(entry.pattern) not in built
    ]
    assert stale == []


def test_each_name_has_a_chinese_label_and_its_owner():
    vocabulary = audit_vocabulary.vocabulary()
    assert vocabulary["foi.submit"].label == "提交申请" and vocabulary["foi.submit"].app == "foi"
    assert vocabulary["audit.export"].app == "operations"
    assert vocabulary["calendar.import"].app == "core"
    assert vocabulary["interaction.follow_up.revisit"].label == "记录回访"
    assert vocabulary["disclosure.workflow_cancelled"].pattern == "disclosure.workflow_{status}"
    assert [name for name, entry in vocabulary.items() if not CJK.search(entry.label)] == []


def test_the_follow_up_pattern_covers_every_kind_of_follow_up():
    from gongkai.interaction.models import FollowUp

    assert {f"interaction.follow_up.{kind}" for kind in FollowUp.Kind.values} <= set(
        audit_vocabulary.vocabulary()
    )


def test_the_writer_refuses_an_undeclared_name_and_stores_nothing(db, office_user):
    before = AuditRecord.objects.count()
    with (
        pytest.raises(audit_vocabulary.UndeclaredAction, match=r"foi\.confirm_receipt.*未声明"),
        transaction.atomic(),
    ):
        audit.record(office_user, "foi.confirm_receipt", object_type="foi.application", object_id="12")
    assert AuditRecord.objects.count() == before


def test_production_writes_an_undeclared_name_and_logs_the_gap(db, office_user, settings, caplog):
    settings.GONGKAI_AUDIT_REFUSE_UNDECLARED = False
    with caplog.at_level(logging.ERROR, logger="gongkai.audit"), transaction.atomic():
        rec = audit.record(office_user, "foi.confirm_receipt", object_type="foi.application", object_id="12")
    assert AuditRecord.objects.get(pk=rec.pk).action == "foi.confirm_receipt"
    assert "foi.confirm_receipt" in caplog.text
    assert audit.verify().ok


def test_a_name_declared_by_two_apps_is_a_configuration_error(monkeypatch):
    twice = [("foi", {"foi.submit": "提交申请"}, {}), ("interaction", {"foi.submit": "提交留言"}, {})]
    monkeypatch.setattr(audit_vocabulary, "_declarations", lambda: twice)
    audit_vocabulary.vocabulary.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match=r"foi\.submit.*重复声明"):
            audit_vocabulary.vocabulary()
    finally:
        audit_vocabulary.vocabulary.cache_clear()


def test_an_old_name_reads_as_itself():
    assert audit_vocabulary.label("foi.confirm_receipt") == "foi.confirm_receipt"
    assert audit_vocabulary.label("foi.deliver") == "送达答复"


def test_docs_audit_md_carries_the_table_the_command_prints():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("audit", "vocabulary", stdout=out)
    docs = (PACKAGE.parent / "docs" / "audit.md").read_text(encoding="utf-8")
    table = docs.split("<!-- vocabulary:start -->\n", 1)[1].split("\n<!-- vocabulary:end -->", 1)[0]
    assert out.getvalue().strip() == table
    assert (
        "| 记录回访 | `interaction.follow_up.revisit`（`interaction.follow_up.{kind}`） | interaction |"
        in table
    )
