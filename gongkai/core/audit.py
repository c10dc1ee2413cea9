"""Writing and verifying the audit trail. Every action function of every app calls `record()` inside its
transaction (Zulip's do_* pattern); nothing else writes AuditRecord rows."""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import actors, audit_vocabulary
from .models.audit import GENESIS_HASH, AuditAnchor, AuditHead, AuditRecord

logger = logging.getLogger("gongkai.core.audit")


def record(
    actor,
    action,
    obj=None,
    *,
    before=None,
    after=None,
    note="",
    object_type=None,
    object_id=None,
    object_repr=None,
):
    """Append one audit record. Must run inside the caller's transaction; it locks the chain head so
    records are strictly ordered even under concurrent writers on PostgreSQL."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside transaction.atomic()")
    _check_declared(action)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    chain = chain_for(object_type or "", object_id or "")
    head = AuditHead.objects.select_for_update().filter(pk=chain + 1).first()
    if head is None:
        AuditHead.objects.bulk_create([AuditHead(pk=chain + 1)], ignore_conflicts=True)
        head = AuditHead.objects.select_for_update().get(pk=chain + 1)
    user = actor if getattr(actor, "is_authenticated", False) else None
    rec = AuditRecord(
        actor=user,
        actor_label=actors.staff_label(actor),
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_repr=(object_repr or "")[:255],
        at=timezone.now(),
        before=before,
        after=after,
        note=note,
        chain=chain,
        prev_hash=head.last_hash,
    )
    rec.hash = rec.compute_hash()
    rec.save()
    AuditHead.objects.filter(pk=chain + 1).update(last_hash=rec.hash, count=head.count + 1)
    return rec


def _check_declared(action):
    """Every name comes from the vocabulary (core/audit_vocabulary.py); GONGKAI_AUDIT_REFUSE_UNDECLARED in settings
    says why production writes an undeclared one anyway."""
    if audit_vocabulary.is_declared(action):
        return
    message = (
        f"审计操作“{action}”未声明：请在所属应用的 audit_actions.py 中登记其中文名称（见 docs/audit.md）。"
    )
    if getattr(settings, "GONGKAI_AUDIT_REFUSE_UNDECLARED", True):
        raise audit_vocabulary.UndeclaredAction(message)
    logger.error(message)


def chain_count():
    return max(1, int(getattr(settings, "GONGKAI_AUDIT_CHAINS", 16)))


def chain_for(object_type, object_id):
    """All records of one object go to the same chain, so each object's history stays in one ordered chain."""
    digest = hashlib.sha256(f"{object_type}:{object_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % chain_count()


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify(batch_size=2000, using="default"):
    """Walk every chain in id order; report the first record whose link or content does not match, or a chain whose
    newest records were removed. `using` names another database (e.g. one a backup was restored into)."""
    # a chain whose oldest records were archived after the retention period continues from its anchor
    prev = {a.chain: a.last_hash for a in AuditAnchor.objects.using(using).all()}
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditRecord.objects.using(using).filter(id__gt=last_id).order_by("id")[:batch_size])
        if not rows:
            break
        for rec in rows:
            if rec.prev_hash != prev.get(rec.chain, GENESIS_HASH):
                return VerifyResult(False, checked, rec.id, "前一条记录被删除或篡改：链接不一致")
            if rec.compute_hash() != rec.hash:
                return VerifyResult(False, checked, rec.id, "本条记录内容被篡改：哈希不一致")
            prev[rec.chain] = rec.hash
            checked += 1
            last_id = rec.id
    for head in AuditHead.objects.using(using).all():
        if head.last_hash != prev.get(head.pk - 1, GENESIS_HASH):
            return VerifyResult(False, checked, None, "链尾记录被删除：最新哈希与链头不一致")
    return VerifyResult(True, checked)
