"""The keyed audit chain and its checkpoints outside the database: someone who can write the database (and drops
its guard first) can neither rewrite a record and re-hash the chain after it, nor remove the newest records and set
the heads back, without `gongkai audit verify` noticing; records written before the keyed chain still verify."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from gongkai.core import audit
from gongkai.core.models import AuditHead, AuditRecord

from .test_audit import _drop_guard, write_three


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    settings.GONGKAI_AUDIT_CHECKPOINT_FILE = tmp_path / "audit-checkpoints.jsonl"
    return settings.GONGKAI_AUDIT_CHECKPOINT_FILE


def _rehash_from(first, key=None):
    """What an intruder does after changing a row: recompute every hash of its chain from there on (with the plain
    sha256 of the old chain, or with a key of his own choosing), and set the chain head to the new last hash."""
    rows = list(AuditRecord.objects.filter(chain=first.chain, id__gte=first.id).order_by("id"))
    prev = AuditRecord.objects.filter(chain=first.chain, id__lt=first.id).order_by("id").last()
    prev_hash = prev.hash if prev else "0" * 64
    with connection.cursor() as cur:
        for rec in rows:
            rec.prev_hash = prev_hash
            new = rec.compute_hash(key)
            cur.execute(
                "UPDATE core_auditrecord SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev_hash, new, rec.id],
            )
            prev_hash = new
    AuditHead.objects.filter(pk=first.chain + 1).update(last_hash=prev_hash)


def _rewrite_second_record(key=None):
    second = AuditRecord.objects.filter(object_type="disclosure.item").order_by("id")[1]
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE core_auditrecord SET after = %s WHERE id = %s", ['{"status": "rejected"}', second.id]
        )
    second.after = {"status": "rejected"}
    _rehash_from(second, key)
    return second


def test_untouched_keyed_chain_verifies_with_its_checkpoints(db, office_user, checkpoint_file, capsys):
    write_three(office_user)
    call_command("audit", "checkpoint")
    assert "已写入链外检查点" in capsys.readouterr().out
    write_three(office_user)  # records after the checkpoint are fine too
    call_command("audit", "checkpoint")
    call_command("audit", "verify")
    assert "审计链完整" in capsys.readouterr().out
    lines = checkpoint_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all("sig" in json.loads(line) for line in lines)
    # no head moved: nothing new to vouch for
    assert audit.write_checkpoint() is None


def test_records_are_hashed_with_the_key_not_plain_sha256(db, office_user, settings):
    write_three(office_user)
    rec = AuditRecord.objects.filter(object_type="disclosure.item").last()
    assert rec.hash == rec.compute_hash(settings.GONGKAI_AUDIT_KEY.encode())
    assert rec.hash != rec.compute_hash()


@pytest.mark.parametrize("intruder_key", [None, b"a key of the intruder's own"])
def test_rewrite_and_rehash_is_detected(db, office_user, checkpoint_file, intruder_key):
    write_three(office_user)
    audit.write_checkpoint()
    second = _rewrite_second_record(intruder_key)
    result = audit.verify()
    assert not result.ok and result.broken_id == second.id and "篡改" in result.reason
    with pytest.raises(CommandError, match=f"第 {second.id} 号记录"):
        call_command("audit", "verify")


def test_rewrite_and_rehash_of_the_whole_trail_as_old_records_is_detected(db, office_user, checkpoint_file):
    """Passing every record off as one written before the keyed chain does not work once a checkpoint exists."""
    write_three(office_user)
    audit.write_checkpoint()
    _drop_guard()
    for chain in set(AuditRecord.objects.values_list("chain", flat=True)):
        _rehash_from(AuditRecord.objects.filter(chain=chain).order_by("id").first())
    assert not audit.verify().ok


def test_truncation_with_heads_set_back_is_detected(db, office_user, checkpoint_file):
    write_three(office_user)
    audit.write_checkpoint()
    last = AuditRecord.objects.filter(object_type="disclosure.item").order_by("id").last()
    before_last = AuditRecord.objects.filter(chain=last.chain, id__lt=last.id).order_by("id").last()
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM core_auditrecord WHERE id = %s", [last.id])
    AuditHead.objects.filter(pk=last.chain + 1).update(last_hash=before_last.hash)
    result = audit.verify()
    assert not result.ok and f"第 {last.id} 号记录已不在库中" in result.reason
    with pytest.raises(CommandError, match="链尾被截断"):
        call_command("audit", "verify")


def test_an_edited_checkpoint_file_is_detected(db, office_user, checkpoint_file):
    write_three(office_user)
    audit.write_checkpoint()
    payload = json.loads(checkpoint_file.read_text(encoding="utf-8"))
    payload["chains"] = {}
    checkpoint_file.write_text(json.dumps(payload) + "\n", encoding="utf-8")
    result = audit.verify()
    assert not result.ok and "第 1 行签名不符" in result.reason


def test_records_from_before_the_keyed_chain_still_verify(db, office_user, checkpoint_file):
    """An existing installation: its records carry plain sha256 hashes; they verify as the prefix of the trail,
    the first checkpoint fixes where that prefix ends, and records written after it are keyed."""
    write_three(office_user)
    _drop_guard()
    for chain in set(AuditRecord.objects.values_list("chain", flat=True)):
        _rehash_from(AuditRecord.objects.filter(chain=chain).order_by("id").first())
    assert audit.verify().ok
    last_old = AuditRecord.objects.order_by("id").last()
    assert audit.write_checkpoint()["legacy_until"] == last_old.id
    with transaction.atomic():
        audit.record(
            office_user,
            "disclosure.withdraw",
            object_type="disclosure.item",
            object_id="1",
            object_repr="同上",
        )
    assert audit.verify().ok
    # an old-style record after the prefix is a forgery
    newest = AuditRecord.objects.order_by("id").last()
    _rehash_from(newest)
    result = audit.verify()
    assert not result.ok and result.broken_id == newest.id
