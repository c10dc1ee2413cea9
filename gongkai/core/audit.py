"""Writing and verifying the audit trail. Every action function of every app calls `record()` inside its
transaction (Zulip's do_* pattern); nothing else writes AuditRecord rows.

The chain is keyed: each hash is an HMAC under `GONGKAI_AUDIT_KEY`, which lives in the environment (or, outside
production, `var/audit_key`), never in the database — so whoever can write the database can delete or change rows,
but cannot compute the hashes that would make a rewritten chain verify. What the key alone cannot catch is a
truncation (remove the newest rows and set the heads back): for that `write_checkpoint()` (the worker, every five
minutes, and `gongkai audit checkpoint`) appends the chain heads, signed, to a file outside the database and to the
system log, and `verify()` requires every record a checkpoint names to be still there with the same hash.

Records written before the keyed chain carry plain sha256 hashes. They stay verifiable the old way as the prefix
of the trail (in id order, no plain record after a keyed one), and the first checkpoint fixes how far that prefix
goes (`legacy_until`), so a plain hash after that point is a forgery."""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import actors, audit_vocabulary
from .models.audit import GENESIS_HASH, AuditAnchor, AuditHead, AuditRecord

logger = logging.getLogger("gongkai.audit")


def audit_key():
    return settings.GONGKAI_AUDIT_KEY.encode()


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
    rec.hash = rec.compute_hash(audit_key())
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
    notes: list = field(default_factory=list)


# === checkpoints outside the database ===============================================================================


class CheckpointError(Exception):
    """The checkpoint file has a line whose signature does not match: the file itself was changed."""


def _checkpoint_path():
    from pathlib import Path

    return Path(settings.GONGKAI_AUDIT_CHECKPOINT_FILE)


def _sign(payload):
    key = hmac.new(audit_key(), b"gongkai audit checkpoint", hashlib.sha256).digest()
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()


@dataclass
class Checkpoints:
    """What the checkpoint file vouches for: record id → (chain, hash, time), and the end of the plain-hash prefix."""

    entries: dict = field(default_factory=dict)
    legacy_until: int | None = None
    lines: int = 0
    last: dict | None = None


def read_checkpoints():
    path = _checkpoint_path()
    found = Checkpoints()
    if not path.exists():
        return found
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                payload = json.loads(line)
                signature = payload.pop("sig")
            except (ValueError, KeyError, AttributeError) as exc:
                raise CheckpointError(f"链外检查点文件第 {number} 行无法读取：文件被改动") from exc
            if not hmac.compare_digest(signature, _sign(payload)):
                raise CheckpointError(f"链外检查点文件第 {number} 行签名不符：文件被改动")
            if found.legacy_until is None:
                found.legacy_until = payload["legacy_until"]
            for chain, head in payload["chains"].items():
                found.entries[head["id"]] = (int(chain), head["hash"], head["at"])
            found.lines += 1
            found.last = payload
    return found


def _legacy_until():
    """The id of the last record before the first keyed one (all of them when none is keyed yet): the plain-hash
    prefix that `verify()` will accept from now on. Walks only that prefix."""
    key = audit_key()
    last = 0
    for rec in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if rec.compute_hash(key) == rec.hash:
            break
        last = rec.id
    return last


def write_checkpoint():
    """Append the current chain heads, signed, to the checkpoint file and the system log. Writes nothing when no
    head moved since the last line. Returns the payload written, or None."""
    existing = read_checkpoints()
    chains = {}
    for head in AuditHead.objects.filter(count__gt=0).order_by("pk"):
        rec = AuditRecord.objects.filter(hash=head.last_hash).only("id", "at").first()
        if rec is None:
            continue  # a head without its record: verify() reports it; nothing to vouch for
        chains[str(head.pk - 1)] = {
            "id": rec.id,
            "hash": head.last_hash,
            "count": head.count,
            "at": rec.at.isoformat(timespec="microseconds"),
        }
    if existing.last is not None and existing.last["chains"] == chains:
        return None
    legacy_until = existing.legacy_until if existing.lines else _legacy_until()
    payload = {
        "at": timezone.now().isoformat(timespec="seconds"),
        "legacy_until": legacy_until,
        "chains": chains,
    }
    line = json.dumps({**payload, "sig": _sign(payload)}, ensure_ascii=False, sort_keys=True)
    path = _checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    logger.info("audit checkpoint %s", line)
    return payload


# === verification ===================================================================================================


def _hash_matches(rec, key, keyed_seen, legacy_until):
    """Keyed hash; or, in the plain-hash prefix only, the sha256 of a record written before the keyed chain."""
    if rec.compute_hash(key) == rec.hash:
        return True, True
    in_prefix = not keyed_seen and (legacy_until is None or rec.id <= legacy_until)
    return in_prefix and rec.compute_hash() == rec.hash, False


def _purged_legitimately(record_id, chain, at, anchors):
    """A checkpointed record may be missing only if the retention purge archived it: its chain's anchor reaches
    past it and it is older than the retention period (the database trigger's own floor)."""
    days = max(183, int(getattr(settings, "GONGKAI_AUDIT_RETENTION_DAYS", 183)))
    anchor = anchors.get(chain)
    return (
        anchor is not None
        and anchor.last_id >= record_id
        and datetime.fromisoformat(at) < timezone.now() - timedelta(days=days)
    )


def verify(batch_size=2000, using="default"):
    """Walk every chain in id order; report the first record whose link or keyed hash does not match, or a chain
    whose newest records were removed. On the live database the checkpoints outside it are checked too; `using`
    names another database (e.g. one a backup was restored into), checked on its own."""
    checkpoints = Checkpoints()
    if using == "default":
        try:
            checkpoints = read_checkpoints()
        except CheckpointError as exc:
            return VerifyResult(False, 0, None, str(exc))
    key = audit_key()
    anchors = {a.chain: a for a in AuditAnchor.objects.using(using).all()}
    # a chain whose oldest records were archived after the retention period continues from its anchor
    prev = {chain: a.last_hash for chain, a in anchors.items()}
    checked = 0
    last_id = 0
    keyed_seen = False
    found = set()
    while True:
        rows = list(AuditRecord.objects.using(using).filter(id__gt=last_id).order_by("id")[:batch_size])
        if not rows:
            break
        for rec in rows:
            if rec.prev_hash != prev.get(rec.chain, GENESIS_HASH):
                return VerifyResult(False, checked, rec.id, "前一条记录被删除或篡改：链接不一致")
            matches, keyed = _hash_matches(rec, key, keyed_seen, checkpoints.legacy_until)
            if not matches:
                return VerifyResult(False, checked, rec.id, "本条记录内容被篡改：哈希不一致")
            keyed_seen = keyed_seen or keyed
            vouched = checkpoints.entries.get(rec.id)
            if vouched is not None:
                if vouched[:2] != (rec.chain, rec.hash):
                    return VerifyResult(False, checked, rec.id, "本条记录与链外检查点不一致：记录被改写")
                found.add(rec.id)
            prev[rec.chain] = rec.hash
            checked += 1
            last_id = rec.id
    for head in AuditHead.objects.using(using).all():
        if head.last_hash != prev.get(head.pk - 1, GENESIS_HASH):
            return VerifyResult(False, checked, None, "链尾记录被删除：最新哈希与链头不一致")
    for record_id, (chain, _hash, at) in sorted(checkpoints.entries.items()):
        if record_id not in found and not _purged_legitimately(record_id, chain, at, anchors):
            return VerifyResult(
                False, checked, None, f"链外检查点记载的第 {record_id} 号记录已不在库中：链尾被截断"
            )
    notes = []
    if using == "default" and not checkpoints.lines:
        notes.append("尚无链外检查点（gongkai audit checkpoint 或后台任务进程每 5 分钟写一次）。")
    return VerifyResult(True, checked, notes=notes)
