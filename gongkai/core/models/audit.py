"""The append-only audit trail. Each record carries the hash of the one before it, so an altered or removed row
breaks the chain at that point (`gongkai audit verify`). Since the keyed chain the hash is an HMAC under a key that
is not in the database (`GONGKAI_AUDIT_KEY`), so whoever can write the database cannot re-hash a rewritten chain."""

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("审计记录只能追加，不能删除。")


class AuditRecord(models.Model):
    """One state change: who did what to which object, when, and the state before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人（记录时）"), max_length=150)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=255)
    at = models.DateTimeField(_("时间"), db_index=True)
    before = models.JSONField(_("变更前"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("变更后"), null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("说明"), blank=True)
    chain = models.PositiveSmallIntegerField(_("链"), default=0, db_index=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    # Wagtail's reference index ("usage") would otherwise queue a background task for every record written (the
    # admin viewset registers the model): one more INSERT inside every action's transaction, while the audit
    # chain head is locked, for an index nobody reads (who used a *user* is what the audit list itself shows).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["id"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能删除。")

    def compute_hash(self, key=None):
        """HMAC-SHA256 under `key` (bytes) over the previous hash and a canonical JSON of this record's content;
        without a key the plain sha256 that records written before the keyed chain carry."""
        content = {
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "at": self.at.isoformat(timespec="microseconds"),
            "before": self.before,
            "after": self.after,
            "note": self.note,
        }
        canonical = json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
        # Round-trip through JSON so values hash the same before and after they were stored.
        canonical = json.dumps(
            json.loads(canonical), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        message = (self.prev_hash + canonical).encode()
        if key is None:
            return hashlib.sha256(message).hexdigest()
        return hmac.new(key, message, hashlib.sha256).hexdigest()


class AuditHead(models.Model):
    """The newest hash of one chain (pk = chain + 1); locked while a record is appended so that two concurrent
    transactions cannot both chain onto the same predecessor. Records are spread over several chains by object,
    so writers on different objects do not wait for each other's commit."""

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    count = models.BigIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"审计链头（{self.count} 条）"


class AuditAnchor(models.Model):
    """Where a chain continues after records past the retention period were archived and removed
    (`audit_retention.purge`): the id and hash of the last removed record of the chain."""

    chain = models.PositiveSmallIntegerField(_("链"), unique=True)
    last_id = models.BigIntegerField(_("最后归档记录编号"))
    last_hash = models.CharField(_("最后归档记录哈希"), max_length=64)

    class Meta:
        default_permissions = ()
        verbose_name = _("审计链归档锚点")
        verbose_name_plural = _("审计链归档锚点")

    def __str__(self):
        return f"链 {self.chain}：归档至 {self.last_id}"
