"""互动交流: one case engine for three channels — 留言 (message board), 纠错 (site-error reports) and 12345 tickets
(MISSION F10, F12, F19; RULES.md §5–§6).

A `Case` moves 受理 → 派单/转办 → 办理 → 答复 (reviewed by the office) → 公开 → 评价 → (回访/督办) → 办结 only through
the action functions of `actions.py`; the allowed moves are listed in `rules.py`. Deadlines live on `Category`
(editable data, defaults from RULES.md §6) and are computed by `clock.py` through `gongkai.core.workdays`.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField
from gongkai.core.privatefiles import private_storage, random_name
from gongkai.org.models import Department, DepartmentScopedQuerySet


class Channel(models.TextChoices):
    MESSAGE = "message", _("留言")
    SITE_ERROR = "site_error", _("网站纠错")
    HOTLINE = "hotline", _("12345热线工单")


CODE_PREFIX = {Channel.MESSAGE: "LY", Channel.SITE_ERROR: "JC", Channel.HOTLINE: "RX"}
HASH_PURPOSE = "interaction.secret"  # gongkai.core.tracking.hash_secret


class Status(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ASSIGNED = "assigned", _("办理中")
    REPLY_SUBMITTED = "reply_submitted", _("答复待审核")
    PUBLISHED = "published", _("已答复")
    SUPERVISING = "supervising", _("督办中")
    CLOSED = "closed", _("已办结")
    REDIRECTED = "redirected", _("已转依申请公开")
    INVALID = "invalid", _("无效（不予受理）")


OPEN_STATUSES = [Status.RECEIVED, Status.ASSIGNED, Status.REPLY_SUBMITTED, Status.SUPERVISING]


class Rating(models.IntegerChoices):
    """The five-level 好差评 scale (RULES.md §6): 5 = 非常满意 … 1 = 非常不满意."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASICALLY_SATISFIED = 3, _("基本满意")
    UNSATISFIED = 2, _("不满意")
    VERY_UNSATISFIED = 1, _("非常不满意")


class Category(models.Model):
    """A per-channel category with its routing (FixMyStreet's Contact: a category → a responsible body) and its
    deadlines. Empty deadline fields fall back to the channel defaults of RULES.md §6 (`clock.channel_defaults`)."""

    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    name = models.CharField(_("类别"), max_length=40)
    department = models.ForeignKey(
        Department,
        verbose_name=_("默认承办部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_days = models.PositiveSmallIntegerField(
        _("答复时限（工作日）"),
        null=True,
        blank=True,
        help_text=_("留空则用渠道默认值：留言 5 个工作日，纠错 3 个工作日"),
    )
    first_action_hours = models.PositiveSmallIntegerField(
        _("首次响应时限（自然小时）"),
        null=True,
        blank=True,
        help_text=_("“5+2”：周末、节假日照常计时。留空则用渠道默认值（纠错 24 小时，其他渠道不设）"),
    )
    supervision_days = models.PositiveSmallIntegerField(
        _("督办整改时限（工作日）"), null=True, blank=True, help_text=_("差评重办时限，留空默认 15 个工作日")
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["channel", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "name"], name="interaction_category_unique")
        ]
        verbose_name = _("留言类别")
        verbose_name_plural = _("留言类别与时限")

    def __str__(self):
        return f"{self.get_channel_display()}·{self.name}"


class CaseQuerySet(DepartmentScopedQuerySet):
    site_field = "site"  # a case belongs to the site it was filed on, before and after it is dispatched

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def on_board(self):
        """What the public message board shows: replies the office published, from citizens who agreed."""
        return self.filter(
            channel__in=[Channel.MESSAGE, Channel.HOTLINE],
            public=True,
            published_at__isnull=False,
            status__in=[Status.PUBLISHED, Status.SUPERVISING, Status.CLOSED],
        )


def attachment_path(instance, filename):
    """A citizen's attachment goes to the private storage under a random name, not one made of the public case
    code (which the board shows) or of the month (which narrows a guess)."""
    return random_name("interaction", filename)


class Case(models.Model):
    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices, db_index=True)
    code = models.CharField(_("查询码"), max_length=20, unique=True)
    # only a keyed hash of the citizen's query secret (gongkai.core.tracking); the secret is shown once, on the
    # receipt. Cases from before the shared policy had a secret derived from the code: migration 0006 stored its hash.
    secret_hash = models.CharField(_("查询密码摘要"), max_length=64, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    source = models.CharField(
        _("来源"), max_length=20, default="web", help_text=_("web / api / import / hotline_api")
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("类别"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    # the citizen (personal data: masked for department staff and never on public pages)
    # (encrypted at rest: gongkai.core.crypto; duplicate detection uses the keyed dedupe_key below)
    name = EncryptedTextField(_("姓名"), blank=True)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    email = EncryptedTextField(_("电子邮箱"), blank=True)
    title = models.CharField(_("标题"), max_length=100)
    # the citizen's own text: encrypted at rest (it often names people, addresses, ID numbers); the board and the
    # API show it masked, decrypted when read; no query filters on it (the board's search looks at title and reply)
    content = EncryptedTextField(_("内容"))
    public = models.BooleanField(_("同意公开"), default=True)
    page_url = models.URLField(_("出错页面地址"), max_length=500, blank=True)
    attachment = models.FileField(
        _("附件"), upload_to=attachment_path, storage=private_storage, max_length=200, blank=True
    )
    findings = models.JSONField(_("机器预检发现"), default=list, blank=True)
    dedupe_key = models.CharField(max_length=64, db_index=True, editable=False)
    dedupe_bucket = models.BigIntegerField(editable=False, default=0)
    # 12345
    hotline_ticket_no = models.CharField(_("12345工单号"), max_length=40, null=True, blank=True, unique=True)
    disclosure_related = models.BooleanField(_("涉及政务公开"), default=False)
    foi_redirected = models.BooleanField(_("已引导依申请公开"), default=False)
    # routing
    suggested_department = models.ForeignKey(
        Department,
        verbose_name=_("建议承办部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("受理网站"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("集约化：留言、纠错提交到的网站，由该网站的政务公开办受理"),
    )
    # clocks (stored UTC; dates are Asia/Shanghai calendar dates)
    received_at = models.DateTimeField(_("受理时间"), db_index=True)
    first_action_due = models.DateTimeField(_("首次响应时限"), null=True, blank=True)
    first_action_at = models.DateTimeField(_("首次响应时间"), null=True, blank=True)
    reply_due = models.DateField(_("答复期限"), null=True, blank=True)
    reply_due_provisional = models.BooleanField(_("期限暂定"), default=False)
    reply_due_explain = models.CharField(_("期限计算说明"), max_length=400, blank=True)
    dispatched_at = models.DateTimeField(_("派单时间"), null=True, blank=True)
    reply_submitted_at = models.DateTimeField(_("答复提交时间"), null=True, blank=True)
    first_replied_at = models.DateTimeField(_("首次答复时间"), null=True, blank=True)
    # the reply
    reply = models.TextField(_("答复内容"), blank=True)
    reply_department = models.ForeignKey(
        Department,
        verbose_name=_("答复部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("答复日期"), null=True, blank=True)
    # rating and supervision
    rating = models.PositiveSmallIntegerField(_("评价"), choices=Rating.choices, null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    supervision_due = models.DateField(_("督办整改期限"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("临期提醒时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("逾期上报时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    close_reason = models.TextField(_("办结说明"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key", "dedupe_bucket"], name="interaction_case_dedupe"),
        ]
        indexes = [
            models.Index(fields=["channel", "status"]),
            models.Index(fields=["department", "status"]),
            models.Index(fields=["published_at"]),
        ]
        verbose_name = _("互动事项")
        verbose_name_plural = _("互动事项")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def unsatisfied(self):
        return self.rating is not None and self.rating <= Rating.UNSATISFIED


class RatingRecord(models.Model):
    """One rating given by the citizen, kept per ask (FixMyStreet's questionnaire row: old and new state), so a
    reopened case keeps its history instead of overwriting one field."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(_("评价"), choices=Rating.choices)
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    old_status = models.CharField(max_length=16, choices=Status.choices)
    new_status = models.CharField(max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("评价时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("评价记录")
        verbose_name_plural = _("评价记录")

    def __str__(self):
        return f"{self.get_rating_display()}（{self.at:%Y-%m-%d}）"


class FollowUp(models.Model):
    """回访 / 督办 record: every bad rating gets one (RULES.md §6), and staff add what the call found."""

    class Kind(models.TextChoices):
        REVISIT = "revisit", _("回访")
        SUPERVISION = "supervision", _("督办")
        REMINDER = "reminder", _("临期提醒")
        ESCALATION = "escalation", _("逾期上报")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    note = models.TextField(_("记录"), blank=True)
    due = models.DateField(_("期限"), null=True, blank=True)
    done = models.BooleanField(_("已完成"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("回访督办记录")
        verbose_name_plural = _("回访督办记录")

    def __str__(self):
        return f"{self.get_kind_display()}（{self.at:%Y-%m-%d}）"


class KeywordRule(models.Model):
    """Editable keyword rules for 12345 tickets: which are disclosure-related, which are FOI requests."""

    class Kind(models.TextChoices):
        DISCLOSURE = "disclosure", _("涉及政务公开")
        FOI = "foi", _("依申请公开（转依申请公开程序）")

    kind = models.CharField(_("规则类型"), max_length=12, choices=Kind.choices)
    keyword = models.CharField(_("关键词"), max_length=40)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "keyword"]
        constraints = [models.UniqueConstraint(fields=["kind", "keyword"], name="interaction_keyword_unique")]
        verbose_name = _("工单识别关键词")
        verbose_name_plural = _("12345工单识别关键词")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.keyword}"


class IntegrationToken(models.Model):
    """A token per integration (e.g. the 12345 platform). Only its SHA-256 is stored; the token is shown once."""

    name = models.CharField(_("对接系统名称"), max_length=60, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("令牌前缀"), max_length=8, editable=False)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("12345接口令牌")

    def __str__(self):
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()
