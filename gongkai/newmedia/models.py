"""政务新媒体: the registry of accounts, their opening/change/closing applications, their posts, and the office's
topic pushes (专项信息推送). Rules: RULES.md §5 and 国办发〔2018〕123号 (see docs/newmedia.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.org.models import DepartmentOwned, DepartmentScopedQuerySet


class Platform(models.TextChoices):
    WECHAT = "wechat", _("微信公众号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    TOUTIAO = "toutiao", _("今日头条")
    CHANNELS = "channels", _("视频号")
    APP = "app", _("移动客户端")
    KUAISHOU = "kuaishou", _("快手")
    BILIBILI = "bilibili", _("哔哩哔哩")
    OTHER = "other", _("其他")


class AccountStatus(models.TextChoices):
    ACTIVE = "active", _("在运营")
    CLOSING_NOTICE = "closing_notice", _("停更公告中")
    CLOSED = "closed", _("已关停")


class FilingStatus(models.TextChoices):
    FILED = "filed", _("已备案")
    PENDING = "pending", _("备案中")
    NOT_FILED = "not_filed", _("未备案")


class Account(DepartmentOwned):
    """One government new-media account (政务新媒体账号), owned by its 主办单位 ("谁开设、谁主办")."""

    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("账号名称"), max_length=100)
    account_id = models.CharField(_("平台账号 ID"), max_length=100, blank=True)
    url = models.URLField(_("访问链接"), max_length=500, blank=True, help_text=_("公众扫码或点击访问的地址"))
    operator = models.CharField(_("运维人员"), max_length=100, blank=True)
    contractor = models.CharField(
        _("运维单位（购买服务）"), max_length=150, blank=True, help_text=_("外包运维时填写服务单位名称")
    )
    certified = models.BooleanField(_("已认证"), default=False)
    certification_subject = models.CharField(_("认证主体"), max_length=150, blank=True)
    filing_status = models.CharField(
        _("备案状态"), max_length=12, choices=FilingStatus.choices, default=FilingStatus.NOT_FILED
    )
    filing_number = models.CharField(_("备案编号"), max_length=60, blank=True)
    has_interaction = models.BooleanField(
        _("具备有效互动功能"), default=True, help_text=_("无有效互动功能属单项否决（国办秘函〔2019〕19号）")
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE, db_index=True
    )
    exception_reason = models.TextField(
        _("同平台多账号例外理由"),
        blank=True,
        help_text=_("原则上一个单位在同一平台只开设一个账号；确需例外的，须记录理由"),
    )
    feed_url = models.URLField(_("RSS/Atom 订阅地址"), max_length=500, blank=True)
    notify_email = models.EmailField(_("提醒邮箱"), blank=True)
    opened_at = models.DateTimeField(_("开设时间"))
    closing_notice_url = models.URLField(_("停更公告链接"), max_length=500, blank=True)
    closing_notice_at = models.DateTimeField(_("停更公告发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关停时间"), null=True, blank=True)
    last_post_at = models.DateTimeField(
        _("最近更新"), null=True, blank=True, db_index=True, help_text=_("由发文记录推算")
    )
    feed_checked_at = models.DateTimeField(_("订阅最近抓取"), null=True, blank=True)
    feed_error = models.TextField(_("订阅最近错误"), blank=True)
    reminded_at = models.DateTimeField(_("最近提醒时间"), null=True, blank=True)
    reminded_level = models.CharField(_("最近提醒级别"), max_length=10, blank=True)

    class Meta:
        ordering = ["department__sort_order", "department_id", "platform", "name"]
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        indexes = [models.Index(fields=["department", "platform", "status"])]

    def __str__(self):
        return f"{self.name}（{self.get_platform_display()}）"


class ApplicationKind(models.TextChoices):
    OPEN = "open", _("开设")
    CHANGE = "change", _("变更")
    CLOSE = "close", _("关停")


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已退回")


class Application(DepartmentOwned):
    """An application to open, change or close an account (开设、变更、关停备案), reviewed by the office."""

    kind = models.CharField(_("类型"), max_length=10, choices=ApplicationKind.choices)
    account = models.ForeignKey(
        Account,
        verbose_name=_("账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("开设申请在批准后关联新账号"),
    )
    proposal = models.JSONField(_("申请内容"), default=dict, blank=True)
    reason = models.TextField(_("申请理由"))
    checklist = models.JSONField(_("条件核对"), default=list, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
        db_index=True,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_note = models.TextField(_("审核意见"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("新媒体开设/变更/关停申请")
        verbose_name_plural = _("新媒体开设/变更/关停申请")

    def __str__(self):
        target = self.account.name if self.account_id else self.proposal.get("name", "")
        return f"{self.get_kind_display()}申请：{target}"


class PostQuerySet(DepartmentScopedQuerySet):
    department_field = "account__department"


class PostSource(models.TextChoices):
    FEED = "feed", _("订阅导入")
    FILE = "file", _("表格导入")
    MANUAL = "manual", _("人工录入")


class Post(models.Model):
    """One update (发文) of an account: title, time, link. The account's freshness is derived from these."""

    account = models.ForeignKey(
        Account, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="posts"
    )
    title = models.CharField(_("标题"), max_length=300)
    published_at = models.DateTimeField(_("发布时间"), db_index=True)
    url = models.URLField(_("链接"), max_length=1000, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    external_id = models.CharField(_("来源标识"), max_length=500, help_text=_("订阅条目 ID 或链接，用于去重"))
    source = models.CharField(_("来源"), max_length=10, choices=PostSource.choices)
    findings = models.JSONField(_("预检发现"), default=list, blank=True)
    needs_review = models.BooleanField(_("待公开办核查"), default=False, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核查人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("发文记录")
        verbose_name_plural = _("发文记录")
        constraints = [
            models.UniqueConstraint(fields=["account", "external_id"], name="newmedia_post_unique_source")
        ]
        indexes = [models.Index(fields=["account", "-published_at"])]

    def __str__(self):
        return self.title


class Push(models.Model):
    """A special topic (专项信息) the office pushes to chosen accounts, each of which must carry it (MISSION F9)."""

    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("摘要"))
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("关联政府信息"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("信息链接"), max_length=500, blank=True)
    deadline = models.DateField(_("转发截止日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推送人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("推送时间"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("专项信息推送")
        verbose_name_plural = _("专项信息推送")

    def __str__(self):
        return self.title

    @property
    def link(self):
        if self.page_id:
            return self.page.url or self.link_url
        return self.link_url


class PushTargetQuerySet(DepartmentScopedQuerySet):
    department_field = "account__department"


class PushTarget(models.Model):
    """One account a push was sent to, and its department's confirmation with the link of the post."""

    push = models.ForeignKey(Push, verbose_name=_("推送"), on_delete=models.CASCADE, related_name="targets")
    account = models.ForeignKey(
        Account, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="push_targets"
    )
    post_url = models.URLField(_("转发链接"), max_length=1000, blank=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PushTargetQuerySet.as_manager()

    class Meta:
        ordering = ["push", "account__department__sort_order", "account__name"]
        verbose_name = _("推送对象")
        verbose_name_plural = _("推送对象")
        constraints = [models.UniqueConstraint(fields=["push", "account"], name="newmedia_push_target_once")]

    def __str__(self):
        return f"{self.push} → {self.account}"
