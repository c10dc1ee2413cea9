"""依申请公开: an application and its append-only event log (RULES.md §2).

The clock is never stored as typed-in data: `clock.compute()` derives it from the events and the calendar. The
`due_date` / `due_provisional` / `clock_paused` columns are a cache for the workbench list only, rewritten by
`actions.refresh_clock()` after every action and by the periodic job when the calendar changes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.crypto import EncryptedTextField, blind_index
from gongkai.core.privatefiles import private_storage, random_name
from gongkai.org.models import Department, DepartmentScopedQuerySet

from . import rules


def identity_key(id_type, id_number):
    """A keyed hash of the identity document, linking one applicant's requests across channels (109号 monthly
    counting, Art. 35/36(6) repeats) without putting the number in an index or a log."""
    normal = (id_number or "").strip().upper()
    return blind_index("foi.identity", f"{id_type}:{normal}")


def text_key(text):
    """A keyed hash of the request text with whitespace removed: the same text typed twice is the same key (the
    duplicate check), and — the text being encrypted — a copy of the database cannot test a guessed text
    against it (`crypto.blind_index`, GONGKAI_INDEX_KEY)."""
    return blind_index("foi.text", "".join((text or "").split()))


Status = rules.Status  # defined with the state machine that moves it (rules.TRANSITIONS)

OPEN_STATUSES = [s for s in Status.values if s != Status.CLOSED]


class ApplicationQuerySet(DepartmentScopedQuerySet):
    """Department staff see only cases assigned to their department; the office sees all of its site's."""

    site_field = "site"

    def open(self):
        return self.exclude(status=Status.CLOSED)


class Application(models.Model):
    """One 政府信息公开申请 (Art. 29 contents), with the legal dates of Art. 31 kept apart."""

    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True)
    secret_hash = models.CharField(_("查询密码摘要"), max_length=64)
    channel = models.CharField(_("申请渠道"), max_length=20, choices=rules.Channel.choices)
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=rules.ApplicantType.choices)
    organization_type = models.CharField(
        _("法人或其他组织类别"), max_length=20, choices=rules.OrganizationType.choices, blank=True
    )
    category = models.CharField(
        _("年报统计类别"), max_length=20, choices=rules.Category.choices, db_index=True
    )
    # personal data: encrypted at rest (gongkai.core.crypto); lengths are checked by services.validate
    name = EncryptedTextField(_("姓名/名称"))
    id_type = models.CharField(_("证件类型"), max_length=20, choices=rules.IdType.choices)
    id_number = EncryptedTextField(_("证件号码"))
    identity_key = models.CharField(_("申请人标识"), max_length=64, db_index=True)
    phone = EncryptedTextField(_("联系电话"))
    email = EncryptedTextField(_("电子邮箱"), blank=True)
    address = EncryptedTextField(_("通信地址"), blank=True)
    description = EncryptedTextField(
        _("所需信息描述")
    )  # encrypted too: it often names the applicant's own affairs
    text_key = models.CharField(max_length=64, db_index=True)
    delivery_form = models.CharField(_("获取信息的形式"), max_length=10, choices=rules.DeliveryForm.choices)
    delivery_way = models.CharField(_("获取信息的方式"), max_length=10, choices=rules.DeliveryWay.choices)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foi_applications",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("受理网站"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("集约化：申请提交到的网站，由该网站的政务公开办受理"),
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    receipt_date = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)

    outcome = models.CharField(_("办理结果"), max_length=40, choices=rules.Outcome.choices, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    letter = models.JSONField(
        _("告知书正文"),
        default=list,
        blank=True,
        help_text=_(
            "审核通过（或逾期办结）时冻结的告知书段落；Word 与 PDF 均由此生成，模板日后修改不影响已发出的告知书"
        ),
    )
    marked_for_proactive = models.BooleanField(_("已决定转为主动公开"), default=False)

    # cache for the workbench list, derived from the events (see module docstring)
    due_date = models.DateField(_("答复期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限暂定"), default=False)
    clock_paused = models.BooleanField(_("计时暂停"), default=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            # the workbench: open cases by urgency (partial: closed cases are most rows and never in these lists)
            models.Index(
                # status last so the tab counts are an index-only scan (a key column: SQLite has no INCLUDE)
                fields=["clock_paused", "due_date", "submitted_at", "id", "status"],
                name="foi_open_urgency",
                condition=~models.Q(status="closed"),
            ),
            models.Index(
                fields=["department", "clock_paused", "due_date", "submitted_at", "id", "status"],
                name="foi_dept_open_urgency",
                condition=~models.Q(status="closed"),
            ),
            models.Index(fields=["status", "closed_at", "id"], name="foi_status_closed"),
            models.Index(fields=["department", "status", "closed_at", "id"], name="foi_dept_status_closed"),
            models.Index(fields=["identity_key", "submitted_at"], name="foi_applicant_time"),
        ]

    def __str__(self):
        return f"{self.tracking_code}"

    @property
    def is_closed(self):
        return self.status == Status.CLOSED


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交申请")
    RECEIVED = "received", _("确认收到（回执）")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正")
    ASSIGNED = "assigned", _("分办至部门")
    TRANSFERRED = "transferred", _("转办至其他部门")
    CONSULTATION_STARTED = "consultation_started", _("征求第三方/其他机关意见")
    CONSULTATION_ANSWERED = "consultation_answered", _("收到意见（恢复计时）")
    EXTENSION_APPROVED = "extension_approved", _("延期答复（已批准并告知）")
    FEE_NOTICE = "fee_notice", _("发出收费通知")
    FEE_PAID = "fee_paid", _("缴费完成")
    DEPARTMENT_REPLIED = "department_replied", _("部门答复")
    REVIEW_RETURNED = "review_returned", _("审核退回")
    REVIEW_APPROVED = "review_approved", _("审核通过（含保密审查）")
    DELIVERED = "delivered", _("送达申请人")
    CLOSED = "closed", _("办结")
    PROACTIVE_MARKED = "proactive_marked", _("决定转为主动公开")
    REMEDY_FILED = "remedy_filed", _("行政复议/诉讼立案")
    REMEDY_DECIDED = "remedy_decided", _("行政复议/诉讼结果")
    NOTE = "note", _("内部备注")


# Events the applicant sees on the tracking page; everything else is internal (notes, review, departments' names)
PUBLIC_EVENTS = {
    EventKind.SUBMITTED,
    EventKind.RECEIVED,
    EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED,
    EventKind.CONSULTATION_STARTED,
    EventKind.CONSULTATION_ANSWERED,
    EventKind.EXTENSION_APPROVED,
    EventKind.FEE_NOTICE,
    EventKind.FEE_PAID,
    EventKind.DELIVERED,
    EventKind.CLOSED,
}


class AppendOnlyError(Exception):
    pass


class Event(models.Model):
    """One entry of a case's history. Append-only: rows are never updated or deleted (the clock depends on them).

    `on` is the legal date of the event (Asia/Shanghai) — the one the clock counts; `at` is when it was recorded.
    `public_text` is what the applicant sees; `payload` holds the facts the clock and the statistics use.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    at = models.DateTimeField(_("记录时间"))
    on = models.DateField(_("法定日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("经办人"), max_length=100, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict, blank=True)
    public_text = models.CharField(_("告知申请人"), max_length=300, blank=True)
    note = models.TextField(_("内部说明"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        indexes = [models.Index(fields=["kind", "at"], name="foi_event_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("办理记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("办理记录只能追加，不能删除。")


def attachment_path(instance, filename):
    """A random name in the private storage: the tracking code, which the applicant types in public, is no part
    of it."""
    return random_name("foi/attachments", filename)


class Attachment(models.Model):
    """An applicant's upload (ID copy, licence, …): type checked by content, size capped; never public."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=50)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self):
        return self.original_name


class Remedy(models.Model):
    """A 行政复议 or 行政诉讼 against the handling of a case (annual-report table 四)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=30, choices=rules.RemedyKind.choices)
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(
        _("结果"), max_length=20, choices=rules.RemedyResult.choices, default=rules.RemedyResult.PENDING
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    body = models.CharField(_("复议机关/法院"), max_length=100, blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("行政复议/诉讼")
        verbose_name_plural = _("行政复议/诉讼")

    def __str__(self):
        return f"{self.get_kind_display()}（{self.application.tracking_code}）"


class ReminderSent(models.Model):
    """One reminder e-mail per case, kind and deadline: the unique key makes the job idempotent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    due_date = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_date"], name="foi_reminder_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.due_date:%Y-%m-%d}"


class NoticeKind(models.TextChoices):
    RECEIPT = "receipt", _("政府信息公开申请受理回执")
    CORRECTION = "correction", _("政府信息公开申请补正告知书")
    CONSULTATION = "consultation", _("政府信息公开征求第三方意见函")
    EXTENSION = "extension", _("政府信息公开申请延期答复告知书")
    REPLY = "reply", _("政府信息公开申请答复书")


# the notices addressed to the applicant (the consultation letter goes to the third party only)
APPLICANT_NOTICES = {NoticeKind.RECEIPT, NoticeKind.CORRECTION, NoticeKind.EXTENSION, NoticeKind.REPLY}


class Notice(models.Model):
    """A document the procedure sends (受理回执, 补正告知书, 征求意见函, 延期告知书, 答复书), frozen when sent as
    [kind, text] pairs (`core.officialdoc`), with its 发文字号: the issuing office's 机关代字 (`doc_prefix`), the
    year and a sequence number per prefix and year — e.g. 恩市政务公开〔2026〕12号."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("文书"), max_length=20, choices=NoticeKind.choices)
    issuer = models.ForeignKey(
        Department,
        verbose_name=_("发文机关"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    prefix = models.CharField(_("机关代字"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年份"))
    seq = models.PositiveIntegerField(_("顺序号"))
    number = models.CharField(_("发文字号"), max_length=80)
    issued_on = models.DateField(_("成文日期"))
    paragraphs = models.JSONField(_("正文"), default=list)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("告知文书")
        verbose_name_plural = _("告知文书")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year", "seq"], name="foi_notice_number_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


def released_path(instance, filename):
    return f"foi/released/{instance.application_id}/{filename}"


class ReleasedFile(models.Model):
    """A document released with the reply (the 答复书's 附件): uploaded by the handler before the office's review,
    listed in the reply and given to the applicant once the reply is delivered. Never under /media/."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="released_files")
    file = models.FileField(_("文件"), upload_to=released_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("答复附件")
        verbose_name_plural = _("答复附件")

    def __str__(self):
        return self.original_name
