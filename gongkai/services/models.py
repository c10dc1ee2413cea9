"""主题服务 and the service-item catalog (MISSION.md F13–F15, F17, F18; RULES.md §5).

A big module on purpose: the service item, its reform record, the themes it belongs to, the Q&A knowledge base,
the data tables and the visual guides are one domain that is read together on every theme page.
"""

import re

from django import forms
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, WorkflowMixin

from gongkai.org.models import DepartmentOwned, DepartmentScopedQuerySet

from .rules import ReformKind, reform_errors, reform_summary

# themes are also stored as bits of ServiceItem.theme_mask, so the theme facet is read from the catalog index
MAX_THEMES = 63


class Theme(ClusterableModel):
    """主题服务的领域（教育、社会保障 … 企业开办）: editable data, not code (F13)."""

    name = models.CharField(_("主题名称"), max_length=30, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True, help_text=_("拼音，如 jiaoyu"))
    summary = models.CharField(_("简介"), max_length=200, blank=True)
    keywords = models.CharField(
        _("关联关键词"),
        max_length=300,
        blank=True,
        help_text=_(
            "用顿号分隔，如“入学、学籍、学生资助”。“相关信息”据此汇集本主题的群众留言；留空则用主题名称和简介。"
        ),
    )
    topics = models.CharField(
        _("关联主题分类"),
        max_length=300,
        blank=True,
        help_text=_(
            "政府信息公开目录的主题分类（二级）名称，用顿号分隔，如“教育”。“政策文件”按信息的主题分类选取，"
            "不按标题中的字词。"
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("在用"), default=True)
    bit = models.PositiveSmallIntegerField(
        _("位序号"),
        unique=True,
        editable=False,
        help_text=_("主题在事项 theme_mask 中的位（0–62），自动分配"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("topics"),
        FieldPanel("sort_order"),
        FieldPanel("active"),
        InlinePanel("policies", label=_("政策文件"), heading=_("政策文件（关联政府信息）")),
    ]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("服务主题")
        verbose_name_plural = _("服务主题")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.bit is None:
            used = set(Theme.objects.values_list("bit", flat=True))
            free = [b for b in range(MAX_THEMES) if b not in used]
            if not free:
                raise ValueError("主题最多 %d 个。" % MAX_THEMES)
            self.bit = free[0]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services:theme", args=[self.slug])

    @property
    def mask(self):
        return 1 << self.bit

    @property
    def topic_list(self):
        """The names of the 主题分类 (disclosure's Topic, second level) whose policies belong to the theme."""
        return [w for w in (w.strip() for w in re.split(r"[、，,；;\s]+", self.topics or "")) if w]

    def suggested_policies(self, limit=10, site=None):
        """政策文件 for the theme by metadata, never by a word in a title: live, public, valid (not withdrawn) items of
        the 政策文件, 政策解读 and 图解 columns whose 主题分类 is one of `topic_list`, newest first — of `site` when
        given. The office curates the theme's list from these (ThemePolicy)."""
        from django.apps import apps

        topics = self.topic_list
        if not topics:
            return []
        GovInfoPage = apps.get_model("disclosure", "GovInfoPage")
        items = (
            GovInfoPage.objects.live()
            .public()
            .filter(
                topic__name__in=topics,
                validity="valid",
                withdrawn=False,
                column_kind__in=["policy", "interpretation", "graphic"],
            )
        )
        if site is not None:
            items = items.descendant_of(site.root_page, inclusive=True)
        return list(items.order_by("-published_date", "-pk")[:limit])

    @property
    def keyword_list(self):
        """The theme's keywords: its own list, else its name and the terms of its summary (at least 2 characters)."""
        source = self.keywords or f"{self.name}、{self.summary}"
        words = [w.strip() for w in re.split(r"[、，,；;\s]+", source)]
        return list(dict.fromkeys(w for w in words if len(w) >= 2))


def active_themes():
    """The active themes by slug (the catalog's facet and its index read them the same way)."""
    return {
        t.slug: t for t in Theme.objects.filter(active=True).only("id", "slug", "name", "sort_order", "bit")
    }


class ThemePolicy(Orderable):
    """A policy document (政策文件) shown on a theme: any published page, chosen with the page chooser."""

    theme = ParentalKey(Theme, on_delete=models.CASCADE, related_name="policies")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("政府信息"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("主题政策文件")
        verbose_name_plural = _("主题政策文件")
        constraints = [models.UniqueConstraint(fields=["theme", "page"], name="services_theme_policy_unique")]


class ListType(models.TextChoices):
    """放管服 lists (F18): typed lists sharing the item model."""

    POWER = "power", _("权责清单")
    VISITS = "visits", _("跑动次数清单")
    PUBLIC = "public", _("公共服务清单")
    INTERMEDIARY = "intermediary", _("中介服务事项清单")


LIST_TYPE_SLUGS = {
    "quanze": ListType.POWER,
    "paodong": ListType.VISITS,
    "gonggong": ListType.PUBLIC,
    "zhongjie": ListType.INTERMEDIARY,
}
SLUG_OF_LIST_TYPE = {value: slug for slug, value in LIST_TYPE_SLUGS.items()}


class Level(models.TextChoices):
    """行使层级."""

    CITY = "city", _("市级")
    TOWN = "town", _("乡级")
    VILLAGE = "village", _("村级")


class PowerKind(models.TextChoices):
    """Kinds of power in a 权责清单 (the ten categories most provinces use)."""

    LICENSE = "license", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    PAYMENT = "payment", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    AWARD = "award", _("行政奖励")
    RULING = "ruling", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已下线")


class ServiceItemQuerySet(DepartmentScopedQuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED)


class ServiceItem(DepartmentOwned, ClusterableModel):
    """A service item (政务服务事项) and its guide (办事指南): the ten key elements of RULES.md §5 plus codes,
    time limits and visits. `missing_count` and the `reform_*` flags are derived (see `rules.refresh_derived`)
    so the catalog's facets are plain indexed columns."""

    code = models.CharField(
        _("实施编码"),
        max_length=64,
        unique=True,
        help_text=_("GB/T 39554.1 实施编码，如 11422801MB1234567X-000-XK-0001-00"),
    )
    list_type = models.CharField(_("清单类型"), max_length=16, choices=ListType.choices, db_index=True)
    power_kind = models.CharField(_("权力类型"), max_length=16, choices=PowerKind.choices, blank=True)
    level = models.CharField(_("行使层级"), max_length=10, choices=Level.choices, default=Level.CITY)
    # the ten key elements (RULES.md §5)
    name = models.CharField(_("事项名称"), max_length=200)
    basis = models.TextField(_("设定依据"), blank=True)
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.TextField(_("办理材料"), blank=True, help_text=_("每行一项材料"))
    location = models.CharField(_("办理地点"), max_length=300, blank=True)
    agency = models.CharField(_("办理机构"), max_length=200, blank=True)
    fee = models.CharField(_("收费标准"), max_length=300, blank=True, help_text=_("不收费的请填写“不收费”"))
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    process = models.TextField(_("办理流程"), blank=True, help_text=_("每行一个环节"))
    # time limits, visits, online handling
    legal_limit_days = models.PositiveSmallIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    promised_limit_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"), null=True, blank=True, help_text=_("0 表示即办件（当场办结）")
    )
    visits = models.PositiveSmallIntegerField(_("跑动次数"), default=1)
    onsite_visits = models.PositiveSmallIntegerField(_("到现场次数"), default=1)
    online_url = models.URLField(_("网上办理地址"), max_length=300, blank=True)
    service_object = models.CharField(_("服务对象"), max_length=100, blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    intermediary_agency = models.CharField(_("中介服务机构"), max_length=200, blank=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("所属主题"), blank=True, related_name="items")
    status = models.CharField(
        _("状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    # derived, for facets
    online = models.BooleanField(_("可网上办理"), default=False, editable=False)
    missing_count = models.PositiveSmallIntegerField(_("缺少要素数"), default=0, editable=False)
    reform_documents = models.BooleanField(_("清文件"), default=False, editable=False)
    reform_materials = models.BooleanField(_("减材料"), default=False, editable=False)
    reform_fees = models.BooleanField(_("降费用"), default=False, editable=False)
    reform_delegation = models.BooleanField(_("放权限"), default=False, editable=False)
    theme_mask = models.BigIntegerField(_("主题位图"), default=0, editable=False)

    objects = ServiceItemQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("name"),
                FieldPanel("department"),
                FieldPanel("list_type"),
                FieldPanel("power_kind"),
                FieldPanel("level"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("事项"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("basis"),
                FieldPanel("conditions"),
                FieldPanel("materials"),
                FieldPanel("location"),
                FieldPanel("agency"),
                FieldPanel("fee"),
                FieldPanel("hours"),
                FieldPanel("phone"),
                FieldPanel("process"),
            ],
            heading=_("办事指南要素"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_limit_days"),
                FieldPanel("promised_limit_days"),
                FieldPanel("visits"),
                FieldPanel("onsite_visits"),
                FieldPanel("online_url"),
                FieldPanel("service_object"),
                FieldPanel("accountability"),
                FieldPanel("intermediary_agency"),
            ],
            heading=_("时限、跑动与清单信息"),
        ),
        InlinePanel("reforms", label=_("改革记录"), heading=_("清减降放改革记录")),
    ]

    class Meta:
        ordering = ["code"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        indexes = [
            # covering index of the catalog: every facet count and the keyword filter read only this index,
            # not the wide rows with the guide text (bench/services_facets.py)
            models.Index(
                fields=[
                    "status",
                    "department",
                    "visits",
                    "online",
                    "reform_documents",
                    "reform_materials",
                    "reform_fees",
                    "reform_delegation",
                    "list_type",
                    "level",
                    "theme_mask",
                    "code",
                    "name",
                ],
                name="services_item_catalog",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self):
        return reverse("services:item", args=[self.code])

    @property
    def material_list(self):
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    @property
    def process_steps(self):
        return [line.strip() for line in self.process.splitlines() if line.strip()]


class ReformRecord(Orderable):
    """One reform of one item, with its date: documents cleared, materials before → after, fee before → after,
    or power delegated to a lower level."""

    item = ParentalKey(ServiceItem, on_delete=models.CASCADE, related_name="reforms")
    kind = models.CharField(_("改革类型"), max_length=12, choices=ReformKind.choices)
    effective_on = models.DateField(_("实施日期"))
    description = models.CharField(_("改革内容"), max_length=300, blank=True)
    documents_cleared = models.TextField(_("清理的文件"), blank=True, help_text=_("每行一个文件名称及文号"))
    materials_before = models.PositiveSmallIntegerField(_("改革前材料数"), null=True, blank=True)
    materials_after = models.PositiveSmallIntegerField(_("改革后材料数"), null=True, blank=True)
    fee_before = models.DecimalField(
        _("改革前收费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_after = models.DecimalField(
        _("改革后收费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    delegated_to = models.CharField(_("下放至"), max_length=10, choices=Level.choices, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("改革记录")
        verbose_name_plural = _("改革记录")

    def __str__(self):
        return f"{self.get_kind_display()}：{self.item.name}"

    def clean(self):
        errors = reform_errors(self)
        if errors:
            from django.core.exceptions import ValidationError

            raise ValidationError(errors)

    @property
    def summary(self):
        return reform_summary(self)


class Question(DepartmentOwned):
    """答疑解惑: the Q&A knowledge base of a theme, also offered to message replies (F12/F13)."""

    question = models.CharField(_("问题"), max_length=300)
    answer = models.TextField(_("解答"))
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("主题"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    published = models.BooleanField(_("公开"), default=True)
    published_on = models.DateField(_("发布日期"))

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("theme"),
        FieldPanel("department"),
        FieldPanel("published"),
        FieldPanel("published_on"),
    ]

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("问答")
        verbose_name_plural = _("答疑解惑")

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("services:question", args=[self.pk])


class DataTable(DepartmentOwned):
    """数据查询: a table the office publishes (e.g. 低保名册统计, 学校招生计划), pasted from Excel, with a query form."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("主题"), on_delete=models.SET_NULL, null=True, blank=True, related_name="tables"
    )
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    columns = models.CharField(
        _("列名"), max_length=500, help_text=_("用顿号“、”分隔，如：学校、招生人数、咨询电话")
    )
    rows = models.TextField(
        _("数据"), help_text=_("从 Excel 复制粘贴：每行一条记录，单元格之间为制表符（Tab）")
    )
    published = models.BooleanField(_("公开"), default=True)
    published_on = models.DateField(_("发布日期"))

    panels = [
        FieldPanel("title"),
        FieldPanel("theme"),
        FieldPanel("department"),
        FieldPanel("description"),
        FieldPanel("columns"),
        FieldPanel("rows"),
        FieldPanel("published"),
        FieldPanel("published_on"),
    ]

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("数据表")
        verbose_name_plural = _("数据查询")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:table", args=[self.pk])

    @property
    def column_names(self):
        return [c.strip() for c in self.columns.replace(",", "、").split("、") if c.strip()]

    @property
    def row_cells(self):
        width = len(self.column_names)
        out = []
        for line in self.rows.splitlines():
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split("\t")]
            out.append((cells + [""] * width)[:width])
        return out


class Guide(WorkflowMixin, DraftStateMixin, RevisionMixin, DepartmentOwned, ClusterableModel):
    """可视化操作指引 (F14): an ordered list of steps. Departments edit it; it is published only through the
    Wagtail workflow (review by the disclosure office)."""

    title = models.CharField(_("标题"), max_length=200)
    theme = models.ForeignKey(
        Theme, verbose_name=_("主题"), on_delete=models.SET_NULL, null=True, blank=True, related_name="guides"
    )
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("对应事项"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guides",
    )
    intro = models.TextField(_("导语"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("department"),
        FieldPanel("theme"),
        FieldPanel("item"),
        FieldPanel("intro"),
        InlinePanel("steps", label=_("步骤"), heading=_("操作步骤"), min_num=1),
    ]

    class Meta:
        verbose_name = _("操作指引")
        verbose_name_plural = _("可视化操作指引")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:guide", args=[self.pk])


class GuideStep(Orderable):
    """One step of a guide: what to do, a picture, what to bring, where to click."""

    guide = ParentalKey(Guide, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("步骤标题"), max_length=100)
    text = models.TextField(_("说明"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("示意图"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    image_alt = models.CharField(_("示意图文字说明"), max_length=200, blank=True)
    bring = models.CharField(_("需要携带"), max_length=300, blank=True)
    click = models.CharField(_("点击位置"), max_length=200, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("bring"),
        FieldPanel("click"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("步骤")
        verbose_name_plural = _("步骤")


class ImportRun(models.Model):
    """One spreadsheet import run: who, which list, how many rows were good, bad, created, updated."""

    class Mode(models.TextChoices):
        GOOD_ROWS = "good_rows", _("导入全部正确行，跳过错误行")
        ALL_OR_NOTHING = "all_or_nothing", _("有任何错误则一行也不导入")

    list_type = models.CharField(_("清单类型"), max_length=16, choices=ListType.choices)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("限定部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("部门工作人员只能导入本部门事项；政务公开办可导入各部门事项"),
    )
    mode = models.CharField(_("导入方式"), max_length=16, choices=Mode.choices)
    filename = models.CharField(_("文件名"), max_length=200)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    total_rows = models.PositiveIntegerField(_("数据行"), default=0)
    bad_rows = models.PositiveIntegerField(_("错误行"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("无变化"), default=0)
    report = models.JSONField(_("校验报告"), default=list, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self):
        return f"{self.get_list_type_display()} {self.filename}"


class CatalogVersion(models.Model):
    """One row whose number changes with every change of the catalog's facet data (items published, edited,
    withdrawn, imported; reforms; theme links). The in-memory facet index of each server process
    (`facet_index.py`) compares it on every catalog query and rebuilds when it moved: cheap (a primary-key read),
    shared by every process and committed together with the change it announces."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("事项目录版本")
        verbose_name_plural = _("事项目录版本")
        default_permissions = ()

    def __str__(self):
        return f"事项目录版本 {self.version}"

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(version=models.F("version") + 1):
            cls.objects.get_or_create(pk=1, defaults={"version": 1})

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("version", flat=True).first() or 0
