import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from gongkai.core import audit
from gongkai.core.models import AuditRecord
from gongkai.core.models.audit import AppendOnlyError


def write_three(actor):
    with transaction.atomic():
        audit.record(
            actor,
            "disclosure.submit",
            object_type="disclosure.item",
            object_id="1",
            object_repr="关于印发《恩施市政府信息公开平台管理制度》的通知",
            before={"status": "draft"},
            after={"status": "in_review"},
        )
    with transaction.atomic():
        audit.record(
            actor,
            "disclosure.review_approve",
            object_type="disclosure.item",
            object_id="1",
            object_repr="同上",
            before={"status": "in_review"},
            after={"status": "approved"},
        )
    with transaction.atomic():
        audit.record(
            None,
            "disclosure.publish",
            object_type="disclosure.item",
            object_id="1",
            object_repr="同上",
            after={"status": "published", "发布日期": "2026-11-27"},
        )


def test_records_chain_and_verify(db, office_user):
    write_three(office_user)
    records = list(AuditRecord.objects.filter(object_type="disclosure.item"))
    assert [r.action for r in records] == [
        "disclosure.submit",
        "disclosure.review_approve",
        "disclosure.publish",
    ]
    assert records[1].prev_hash == records[0].hash and records[2].prev_hash == records[1].hash
    assert records[0].actor_label.endswith("（gkb）")
    assert records[2].actor_label == "系统"
    assert audit.verify().ok


def test_orm_refuses_to_change_or_remove_a_record(db, office_user):
    write_three(office_user)
    rec = AuditRecord.objects.first()
    rec.note = "改写"
    with pytest.raises(AppendOnlyError):
        rec.save()
    with pytest.raises(AppendOnlyError):
        rec.delete()
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.filter(pk=rec.pk).update(note="改写")
    with pytest.raises(AppendOnlyError):
        AuditRecord.objects.all().delete()


def test_database_refuses_an_update_behind_the_orms_back(db, office_user):
    write_three(office_user)
    table = AuditRecord._meta.db_table
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET note = 'x'")


def _drop_guard():
    """What an intruder with database rights would do first."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_change ON core_auditrecord")
        else:
            cur.execute("DROP TRIGGER IF EXISTS core_auditrecord_no_update")


def test_verify_reports_the_first_altered_record(db, office_user):
    write_three(office_user)
    second = AuditRecord.objects.filter(object_type="disclosure.item").order_by("id")[1]
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE core_auditrecord SET after = %s WHERE id = %s", ['{"status": "rejected"}', second.id]
        )
    result = audit.verify()
    assert not result.ok and result.broken_id == second.id and "篡改" in result.reason
    with pytest.raises(CommandError, match=f"第 {second.id} 号记录"):
        call_command("audit", "verify")


def test_verify_reports_a_removed_record(db, office_user):
    write_three(office_user)
    _first, second, third = AuditRecord.objects.filter(object_type="disclosure.item").order_by("id")
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE id = %s", [second.id])
    result = audit.verify()
    assert not result.ok and result.broken_id == third.id


def test_verify_reports_a_removed_last_record(db, office_user):
    write_three(office_user)
    last = AuditRecord.objects.order_by("id").last()
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE id = %s", [last.id])
    result = audit.verify()
    assert not result.ok and "链尾" in result.reason


def test_record_outside_a_transaction_is_a_programming_error(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record(None, "x", object_type="t", object_id="1", object_repr="x")


def test_verify_command_on_an_intact_chain(db, office_user, capsys):
    write_three(office_user)
    call_command("audit", "verify")
    assert "审计链完整" in capsys.readouterr().out


def test_records_of_different_objects_spread_over_chains_and_still_verify(db, office_user):
    for n in range(40):
        with transaction.atomic():
            audit.record(
                office_user,
                "interaction.submit",
                object_type="interaction.case",
                object_id=str(n),
                object_repr=f"留言 LY2026{n:05d}",
            )
    chains = set(AuditRecord.objects.filter(object_type="interaction.case").values_list("chain", flat=True))
    assert len(chains) > 4
    assert audit.verify().ok
    # one object's records stay in one chain, in order
    with transaction.atomic():
        second = audit.record(
            office_user,
            "interaction.dispatch",
            object_type="interaction.case",
            object_id="7",
            object_repr="留言 LY202600007",
        )
    first = AuditRecord.objects.get(
        object_type="interaction.case", object_id="7", action="interaction.submit"
    )
    assert second.chain == first.chain
