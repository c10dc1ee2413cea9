"""Keeping and handing over the audit trail: export for the auditor (CSV / xlsx), and the retention rule.

Retention (网络安全法 第二十一条：网络日志留存不少于六个月). `purge(before)` removes records older than a date only
if that date is at least `GONGKAI_AUDIT_RETENTION_DAYS` (≥ 183) days ago; PostgreSQL enforces the same floor in its
trigger (migration 0009), so no code path can delete a younger record. Before anything is removed the records are
written to an archive CSV (with their hashes), and for each chain an `AuditAnchor` keeps the hash of the last
removed record, from which `audit.verify()` goes on — the remaining chain stays verifiable, and the archive can be
verified on its own from the genesis hash.
"""

import csv
import hashlib
import io
import json
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from gongkai.core import audit, audit_vocabulary
from gongkai.core.models import AuditRecord

COLUMNS = [
    ("id", "编号"),
    ("at", "时间"),
    ("actor_label", "操作人"),
    ("action", "操作"),
    ("action_label", "操作名称"),  # the Chinese label from the vocabulary (core/audit_vocabulary.py)
    ("object_type", "对象类型"),
    ("object_id", "对象编号"),
    ("object_repr", "对象"),
    ("before", "变更前"),
    ("after", "变更后"),
    ("note", "说明"),
    ("chain", "链"),
    ("prev_hash", "前一条哈希"),
    ("hash", "哈希"),
]


class RetentionError(Exception):
    pass


def retention_days():
    return max(183, int(getattr(settings, "GONGKAI_AUDIT_RETENTION_DAYS", 183)))


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_default_timezone())


def records(start=None, end=None, using="default"):
    """Records with start ≤ local date ≤ end, in id order, streamed."""
    qs = AuditRecord.objects.using(using).order_by("id")
    if start:
        qs = qs.filter(at__gte=_day_start(start))
    if end:
        qs = qs.filter(at__lt=_day_start(end + timedelta(days=1)))
    return qs.iterator(chunk_size=2000)


def _cell(rec, name):
    if name == "action_label":
        return audit_vocabulary.label(rec.action)
    value = getattr(rec, name)
    if name == "at":
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if name in ("before", "after"):
        return (
            ""
            if value is None
            else json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        )
    return value


def _safe(value):
    """Spreadsheet formula injection: a cell starting with = + - @ is read as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(out, rows):
    """UTF-8 with BOM so that Excel (and WPS) open the Chinese correctly."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([label for _, label in COLUMNS])
    count = 0
    for rec in rows:
        writer.writerow([_safe(_cell(rec, name)) for name, _ in COLUMNS])
        count += 1
    return count


def xlsx_bytes(rows):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append([label for _, label in COLUMNS])
    for rec in rows:
        sheet.append([_safe(_cell(rec, name)) for name, _ in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def oldest_allowed_cutoff(today=None):
    """The latest date `purge(before=…)` accepts: records from this date on are within the retention period."""
    today = today or timezone.localdate()
    return today - timedelta(days=retention_days())


def purge(actor, before, archive_dir, *, today=None):
    """Archive, then remove, the records dated before `before`. Refuses a date inside the retention period."""
    from gongkai.core.models import AuditAnchor

    limit = oldest_allowed_cutoff(today)
    if before > limit:
        raise RetentionError(
            f"审计记录须保存至少 {retention_days()} 天：只能清理 {limit:%Y-%m-%d} 之前的记录，"
            f"不能清理 {before:%Y-%m-%d} 之前的记录。"
        )
    check = audit.verify()
    if not check.ok:
        raise RetentionError(f"审计链校验未通过（{check.reason}），清理前请先查明原因。")
    cutoff = _day_start(before)
    archive_dir.mkdir(parents=True, exist_ok=True)
    path = archive_dir / f"audit-archive-before-{before:%Y%m%d}-{timezone.now():%Y%m%d%H%M%S}.csv"
    with transaction.atomic():
        old = AuditRecord.objects.filter(at__lt=cutoff)
        last_per_chain = {}
        for rec in old.order_by("id").only("id", "chain", "hash").iterator():
            last_per_chain[rec.chain] = (rec.id, rec.hash)
        if not last_per_chain:
            return 0, None
        with open(path, "w", encoding="utf-8", newline="") as fh:
            count = write_csv(fh, old.order_by("id").iterator())
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        for chain, (last_id, last_hash) in last_per_chain.items():
            AuditAnchor.objects.update_or_create(
                chain=chain, defaults={"last_id": last_id, "last_hash": last_hash}
            )
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {AuditRecord._meta.db_table} WHERE at < %s", [cutoff])  # noqa: S608 — the model's table
        audit.record(
            actor,
            "audit.purge",
            object_type="core.auditrecord",
            object_id=f"before-{before:%Y%m%d}",
            object_repr=f"清理 {before:%Y-%m-%d} 之前的审计记录",
            after={"count": count, "archive": path.name, "archive_sha256": digest},
            note=f"已归档至 {path.name}（SHA-256 {digest}）",
        )
    return count, path
