"""The catalog (政府信息公开目录) as a page tree, and the government-information item page (RULES.md §4).

DisclosureRootPage          政府信息公开 (/xxgk/)
  DepartmentCatalogPage     one per department; its subtree carries the department's review workflow
    ColumnPage              政府信息公开指南 · 制度 · 法定主动公开内容 (with sub-columns) · 年报 · 依申请公开
      GovInfoPage           one item of government information
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from gongkai.org.models import Department

from .permissions import CatalogShapePermissionTester, ColumnPermissionTester, GovInfoPermissionTester
from .taxonomy import StandardCatalogEntry, Topic


class DisclosureRootPage(Page):
    """政府信息公开: the catalog's root, listing the departments' catalogs and the standard columns."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["disclosure.DepartmentCatalogPage", "disclosure.ColumnPage"]
    max_count_per_parent = 1
    column_type = "目录页"

    class Meta:
        verbose_name = _("政府信息公开目录")

    def permissions_for_user(self, user):
        return CatalogShapePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        catalogs = list(
            DepartmentCatalogPage.objects.child_of(self)
            .live()
            .select_related("department")
            .order_by("department__sort_order")
        )
        context["groups"] = [
            (kind, label, [c for c in catalogs if c.department.kind == kind])
            for kind, label in Department.Kind.choices
            if any(c.department.kind == kind for c in catalogs)
        ]
        return context


class DepartmentCatalogPage(Page):
    """A department's own catalog: its subtree is where its staff may draft, under its review workflow."""

    department = models.OneToOneField(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, related_name="catalog_page"
    )
    intro = RichTextField(_("机构概况"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("department"), FieldPanel("intro")]
    parent_page_types = ["disclosure.DisclosureRootPage"]
    subpage_types = ["disclosure.ColumnPage"]
    column_type = "目录页"

    class Meta:
        verbose_name = _("部门信息公开目录")

    def permissions_for_user(self, user):
        return CatalogShapePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        columns = []
        for column in ColumnPage.objects.child_of(self).live():
            children = list(ColumnPage.objects.child_of(column).live())
            latest = (
                GovInfoPage.objects.live()
                .descendant_of(column)
                .filter(withdrawn=False)
                .only("title", "url_path", "published_date", "path", "depth")
                .order_by("-published_date", "-pk")[:5]
            )
            columns.append({"column": column, "children": children, "latest": list(latest)})
        context["columns"] = columns
        return context


class ColumnKind(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")
    STATUTORY = "statutory", _("法定主动公开内容")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年报")
    ON_REQUEST = "on_request", _("依申请公开")
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    GRAPHIC = "graphic", _("图解")
    NOTICE = "notice", _("通知公告")
    NEWS = "news", _("工作动态")
    LAWS = "laws", _("法律法规")
    OTHER = "other", _("其他栏目")


class Absence(models.TextChoices):
    """How the office marks a column a department has nothing for (no 空白栏目, 国办秘函〔2019〕19号): 本单位暂无 is
    temporary — a column with an update cycle falls due again after its cycle — 不涉及 is for good."""

    NONE_YET = "none_yet", _("本单位暂无")
    NOT_APPLICABLE = "not_applicable", _("不涉及")


#: the columns whose content is fixed and generated from the office's template (standard_columns.py)
TEMPLATED_KINDS = ("guide", "rules", "on_request")


class ColumnTemplate(models.Model):
    """The office's template of one standard column with fixed content (指南, 制度, 依申请公开) for one site; each
    department's column is generated from it, its placeholders filled (standard_columns.PLACEHOLDERS). Changed
    only through actions.save_column_template, which regenerates the columns."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("站点"), on_delete=models.CASCADE)
    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=[(k, ColumnKind(k).label) for k in TEMPLATED_KINDS]
    )
    body = models.TextField(_("模板正文"), help_text=_("HTML；占位符如 {部门名称}、{办公地址}、{咨询电话}"))
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("标准栏目模板")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind"], name="one_column_template_per_site_kind")
        ]

    def __str__(self):
        return f"{self.site.site_name or self.site.hostname}·{self.get_kind_display()}"


class ColumnPage(Page):
    """A column (栏目) of the catalog: lists its items with filters; may hold sub-columns."""

    kind = models.CharField(
        _("栏目类型"), max_length=20, choices=ColumnKind.choices, default=ColumnKind.OTHER
    )
    intro = RichTextField(_("栏目说明"), blank=True)
    update_cycle_days = models.PositiveSmallIntegerField(
        _("更新周期（天）"),
        null=True,
        blank=True,
        help_text=_("用于栏目更新监测：动态类栏目 14 天，政策类栏目 180 天；留空不监测"),
    )
    # generated from the office's ColumnTemplate (standard_columns.generate); never edited by hand
    standard_body = models.TextField(_("标准内容"), blank=True, editable=False)
    standard_generated_at = models.DateTimeField(_("标准内容生成时间"), null=True, blank=True, editable=False)
    # set only through actions.mark_column_absence (the office), or when a new department's catalog is made
    absence = models.CharField(
        _("无信息标注"), max_length=20, choices=Absence.choices, blank=True, editable=False
    )
    absence_note = models.CharField(_("无信息说明"), max_length=300, blank=True, editable=False)
    absence_since = models.DateField(_("标注日期"), null=True, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("update_cycle_days"),
    ]
    parent_page_types = [
        "disclosure.DisclosureRootPage",
        "disclosure.DepartmentCatalogPage",
        "disclosure.ColumnPage",
    ]
    subpage_types = ["disclosure.ColumnPage", "disclosure.GovInfoPage"]

    class Meta:
        verbose_name = _("栏目")

    @property
    def column_type(self):
        return "栏目页"

    SYSTEM_FIELDS = ("standard_body", "standard_generated_at", "absence", "absence_note", "absence_since")

    def with_content_json(self, content):
        """A revision never carries the generated text or the office's marking back: keep them from the stored page."""
        obj = super().with_content_json(content)
        for name in self.SYSTEM_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def marked_absent(self):
        """Marked 本单位暂无/不涉及 with its 说明: shown to citizens instead of an empty list."""
        return bool(self.absence and self.absence_note.strip())

    def permissions_for_user(self, user):
        return ColumnPermissionTester(user, self)

    @cached_property
    def department(self):
        catalog = DepartmentCatalogPage.objects.ancestor_of(self).select_related("department").first()
        return catalog.department if catalog else None

    PER_PAGE = 20

    def items(self):
        return (
            GovInfoPage.objects.live()
            .descendant_of(self)
            .select_related("department")
            .only(
                "title",
                "url_path",
                "path",
                "depth",
                "published_date",
                "doc_number",
                "validity",
                "withdrawn",
                "department__name",
                "department__short_name",
            )
            .order_by("-published_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator
        from django.http import QueryDict

        context = super().get_context(request, *args, **kwargs)
        items = self.items()
        filters = {}
        year = request.GET.get("year", "")
        if year.isdecimal():
            filters["year"] = int(year)
            items = items.filter(published_date__year=int(year))
        department = self.department
        dept = request.GET.get("department", "")
        if department is None and dept.isdecimal():
            filters["department"] = int(dept)
            items = items.filter(department_id=int(dept))
        validity = request.GET.get("validity", "")
        if validity in Validity.values:
            filters["validity"] = validity
            items = items.filter(validity=validity)
        paginator = Paginator(items, self.PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = QueryDict(mutable=True)
        query.update({k: v for k, v in filters.items()})
        context.update(
            {
                "items": page_obj,
                "filters": filters,
                "department": department,
                "subcolumns": list(ColumnPage.objects.child_of(self).live()),
                "years": [
                    d.year
                    for d in GovInfoPage.objects.live()
                    .descendant_of(self)
                    .dates("published_date", "year", order="DESC")
                ],
                "departments": None
                if department
                else Department.objects.filter(gov_info_pages__path__startswith=self.path)
                .distinct()
                .order_by("sort_order"),
                "validity_choices": Validity.choices,
                "querystring_base": (query.urlencode() + "&") if filters else "",
            }
        )
        return context


class Genre(models.TextChoices):
    """体裁/文种: the 15 kinds of 党政机关公文 plus the forms a portal publishes."""

    DECISION = "决定", _("决定")
    ORDER = "令", _("命令（令）")
    COMMUNIQUE = "公报", _("公报")
    ANNOUNCEMENT = "公告", _("公告")
    PUBLIC_NOTICE = "通告", _("通告")
    OPINION = "意见", _("意见")
    NOTICE = "通知", _("通知")
    CIRCULAR = "通报", _("通报")
    REPORT = "报告", _("报告")
    REPLY = "批复", _("批复")
    LETTER = "函", _("函")
    MINUTES = "纪要", _("纪要")
    INTERPRETATION = "解读", _("政策解读")
    GRAPHIC = "图解", _("图解")
    NEWS = "动态", _("工作动态")
    PLAN = "规划", _("规划计划")
    STATISTICS = "统计", _("统计信息")
    LAW = "法规", _("法律法规")
    OTHER = "其他", _("其他")


class DocLevel(models.TextChoices):
    """Whether the item is a 规章 or a 行政规范性文件 — counted in table 二 of the annual report."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
    AMENDED = "amended", _("已修改")


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class NonDisclosureReason(models.TextChoices):
    """The legal reason when an item is not proactively disclosed (条例 Arts. 14–16)."""

    STATE_SECRET = "secret", _("属于国家秘密（第十四条）")
    LAW_PROHIBITS = "law", _("法律、行政法规禁止公开（第十四条）")
    SECURITY = "security", _("公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）")
    THIRD_PARTY = "third_party", _("涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（第十五条）")
    INTERNAL = "internal", _("内部事务信息（第十六条第一款）")
    PROCESS = "process", _("过程性信息（第十六条第二款）")
    ENFORCEMENT = "enforcement", _("行政执法案卷信息（第十六条第二款）")
    SPECIFIC_GROUP = "specific", _("仅涉及特定对象，依申请公开（第二十七条）")


class Scope(models.TextChoices):
    PUBLIC = "public", _("面向社会")
    SPECIFIC = "specific", _("特定对象")


class GovInfoPage(Page):
    """一条政府信息 with the standard metadata. 索引号 and 发布日期 are set by the system at first publication and never
    changed afterwards (伪造发稿日期 is a national veto item); a changed, repealed or expired item stays at its address
    with its status shown, and so does a withdrawn one (撤稿)."""

    department = models.ForeignKey(
        Department, verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="gov_info_pages"
    )
    index_no = models.CharField(
        _("索引号"), max_length=40, blank=True, default="", db_index=True, editable=False
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="items"
    )
    genre = models.CharField(_("体裁（文种）"), max_length=10, choices=Genre.choices, default=Genre.NOTICE)
    doc_level = models.CharField(
        _("文件类别"), max_length=12, choices=DocLevel.choices, default=DocLevel.OTHER
    )
    doc_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("如：恩施市政办发〔2024〕3号")
    )
    written_date = models.DateField(_("成文日期"))
    published_date = models.DateField(
        _("发布日期"), null=True, blank=True, editable=False, help_text=_("由系统在首次发布时记录，不可修改")
    )
    # validity is changed only through the audited action (actions.change_validity), never by editing a draft
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID, editable=False
    )
    effective_date = models.DateField(_("生效日期"), null=True, blank=True)
    expiry_date = models.DateField(_("失效日期"), null=True, blank=True, editable=False)
    validity_note = models.CharField(
        _("有效性说明"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("如：已被恩施市政办发〔2026〕5号修改"),
    )
    disclosure_mode = models.CharField(
        _("公开方式"), max_length=14, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    non_disclosure_reason = models.CharField(
        _("不主动公开的理由"), max_length=12, choices=NonDisclosureReason.choices, blank=True
    )
    scope = models.CharField(_("公开范围"), max_length=10, choices=Scope.choices, default=Scope.PUBLIC)
    keywords = models.CharField(_("主题词"), max_length=120, blank=True, help_text=_("以空格分隔"))
    source = models.CharField(_("来源"), max_length=100, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    body = RichTextField(_("正文"), blank=True)
    catalog_entry = models.ForeignKey(
        StandardCatalogEntry,
        verbose_name=_("对应标准目录事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    policies = ParentalManyToManyField(
        "self",
        verbose_name=_("所解读的政策文件"),
        blank=True,
        symmetrical=False,
        related_name="interpretations",
        help_text=_("政策解读、图解：选择它所对应的政策文件（双向显示）"),
    )
    kept_by = models.CharField(
        _("保存单位"), max_length=100, blank=True, help_text=_("谁保存谁公开；默认为发布机构")
    )
    withdrawn = models.BooleanField(_("已撤稿"), default=False, editable=False)
    withdrawn_at = models.DateTimeField(_("撤稿时间"), null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(_("撤稿原因"), max_length=200, blank=True, editable=False)
    related_ids = models.JSONField(
        _("相关信息"), default=list, blank=True, editable=False, help_text=_("发布时按主题与内容相似度计算")
    )
    term_vector = models.JSONField(_("关键词向量"), default=dict, blank=True, editable=False)
    column_kind = models.CharField(
        _("所在栏目类型"),
        max_length=20,
        choices=ColumnKind.choices,
        blank=True,
        editable=False,
        db_index=True,
    )

    search_fields = [*Page.search_fields, index.SearchField("doc_number"), index.SearchField("body")]

    # content_panels, base_form_class and copy_form_class: the editor's, attached by panels.attach() when the app
    # is ready (as Wagtail's admin app attaches Page's own form), so this model imports nothing of the admin
    parent_page_types = ["disclosure.ColumnPage"]
    subpage_types = []
    # 复制 makes a new item: it gets its own 索引号 and 发布日期 at its own first publication, starts valid, and
    # carries nothing the system recorded about the original (withdrawal, related items, its column's kind)
    exclude_fields_in_copy = [
        "index_no",
        "published_date",
        "validity",
        "expiry_date",
        "validity_note",
        "withdrawn",
        "withdrawn_at",
        "withdrawn_reason",
        "related_ids",
        "term_vector",
        "column_kind",
        "go_live_at",
        "expire_at",
    ]

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [models.Index(fields=["published_date"]), models.Index(fields=["validity"])]

    column_type = "文章页"

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.written_date and self.written_date > today:
            errors["written_date"] = "成文日期不能晚于今天。"
        if self.disclosure_mode != DisclosureMode.PROACTIVE and not self.non_disclosure_reason:
            errors["non_disclosure_reason"] = "依申请公开或不予公开的信息须注明法定理由。"
        if self.disclosure_mode == DisclosureMode.PROACTIVE and self.non_disclosure_reason:
            errors["non_disclosure_reason"] = "主动公开的信息不填写不公开理由。"
        if self.effective_date and self.expiry_date and self.expiry_date < self.effective_date:
            errors["expiry_date"] = "失效日期不能早于生效日期。"
        if errors:
            raise ValidationError(errors)

    def take_place_under(self, parent):
        """What the item's place in the catalog decides, for drafts as for published items (Wagtail validates a draft
        only minimally on save, so this cannot wait for `clean`): the department is that of the catalog it sits in
        (谁制作谁公开), the column kind that of its column, the keeper and source default to the department, and the
        address is short and stable like other government portals (t20261127_4f3a9c) instead of the title."""
        if parent is not None:
            column = parent.specific_deferred
            department = getattr(column, "department", None)
            if department is not None:
                self.department = department
            if isinstance(column, ColumnPage) and not self.column_kind:
                self.column_kind = column.kind
        if not self.pk and (not self.slug or not self.slug.isascii()):
            import secrets

            self.slug = f"t{timezone.localdate():%Y%m%d}_{secrets.token_hex(3)}"
        if self.department_id:
            if not self.kept_by:
                self.kept_by = self.department.name
            if not self.source:
                self.source = self.department.name

    def _stored_parent(self):
        return self.get_parent() if self.path and (self.depth or 0) > 1 else None

    def full_clean(self, *args, **kwargs):
        if not self.department_id or not self.column_kind or not self.pk:
            self.take_place_under(self._stored_parent())
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if self.pk:
            stored = GovInfoPage.objects.filter(pk=self.pk).values("index_no", "published_date").first()
            if stored:
                if stored["index_no"] and self.index_no != stored["index_no"]:
                    raise ValidationError("索引号一经生成不可更改。")
                if stored["published_date"] and self.published_date != stored["published_date"]:
                    raise ValidationError("发布日期由系统在首次发布时记录，不可更改（不得倒签）。")
        if self.alias_of_id:
            raise ValidationError("政府信息不能以别名方式镜像发布；如需相同内容，请复制后按审核流程发布。")
        if not self.pk and self.live:
            # a new item is always a draft, however it was made (新建, 复制并发布, 导入): it goes live only when its
            # review workflow publishes the approved revision (先审查后发布)
            self.live = False
            self.live_revision = None
            self.first_published_at = self.last_published_at = None
            self.has_unpublished_changes = True
        # add_child() has set the tree position by now: a new draft takes its department from its catalog here
        if not self.department_id or not self.column_kind or not self.pk:
            self.take_place_under(self._stored_parent())
        elif not self.kept_by or not self.source:
            self.take_place_under(None)
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision never carries the system-set fields back: keep them from the stored page."""
        obj = super().with_content_json(content)
        for name in (
            "department_id",
            "column_kind",
            "index_no",
            "published_date",
            "withdrawn",
            "withdrawn_at",
            "withdrawn_reason",
            "related_ids",
            "term_vector",
            "validity",
            "expiry_date",
            "validity_note",
        ):
            setattr(obj, name, getattr(self, name))
        return obj

    def permissions_for_user(self, user):
        return GovInfoPermissionTester(user, self)

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("view") == "print":
            return "disclosure/gov_info_page_print.html"
        return super().get_template(request, *args, **kwargs)

    def related_items(self):
        """The stored related items (disclosure/related.py ranks them), in rank order, live ones only (one query)."""
        if not self.related_ids:
            return []
        by_id = {
            p.pk: p
            for p in GovInfoPage.objects.live()
            .filter(pk__in=self.related_ids, withdrawn=False)
            .only("pk", "title", "url_path", "published_date", "path", "depth")
        }
        return [by_id[pk] for pk in self.related_ids if pk in by_id]

    def related_with_interpretations_first(self, interpretations, policies):
        """相关信息: the item's own 解读/图解 and the policy it interprets first — with that policy's other 解读/图解
        (a 解读 leads to its 图解 and back) — then the items ranked by similarity, each once."""
        first = [*interpretations, *policies]
        if policies:
            first += list(
                GovInfoPage.objects.live()
                .filter(policies__in=policies, withdrawn=False)
                .exclude(pk=self.pk)
                .distinct()
                .only("pk", "title", "url_path", "published_date", "path", "depth")
                .order_by("-published_date", "-pk")
            )
        seen, out, leading = {self.pk}, [], 0
        for n, page in enumerate([*first, *self.related_items()]):
            if page.pk not in seen:
                seen.add(page.pk)
                out.append(page)
                leading += n < len(first)
        return out[: max(6, leading)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interpretations"] = list(
            self.interpretations.live()
            .filter(withdrawn=False)
            .only("title", "url_path", "path", "depth", "genre", "published_date")
        )
        context["policies"] = list(
            self.policies.live()
            .filter(withdrawn=False)
            .only("title", "url_path", "path", "depth", "doc_number", "published_date")
        )
        context["related"] = self.related_with_interpretations_first(
            context["interpretations"], context["policies"]
        )
        if getattr(request, "is_preview", False):
            # a preview renders the draft's own (unsaved) attachments and topic
            context["attachments"] = list(self.attachments.all())
        else:
            context["attachments"] = list(
                ItemAttachment.objects.filter(page=self).select_related("document").order_by("sort_order")
            )
            if self.topic_id:
                # 主题分类 prints as "parent\\child": one query for both instead of one each
                self.topic = Topic.objects.select_related("parent").get(pk=self.topic_id)
        return context

    # --- display helpers ---------------------------------------------------------------------------------------
    @property
    def is_policy(self):
        return self.doc_level in (DocLevel.REGULATION, DocLevel.NORMATIVE)

    @property
    def is_interpretation(self):
        return self.genre in (Genre.INTERPRETATION, Genre.GRAPHIC)

    @property
    def body_visible(self):
        return not self.withdrawn and self.disclosure_mode == DisclosureMode.PROACTIVE

    def read_aloud_text(self):
        """What read-aloud (F7) reads, as HTML in page order: the title, then the body as rendered — the same
        sentences the item page marks up, so the highlighted sentence is the one being heard."""
        from django.utils.html import escape
        from wagtail.rich_text import expand_db_html

        title = f"<h1>{escape(self.title)}</h1>"
        if not self.body_visible:
            return title
        return f"{title}\n{expand_db_html(self.body or '')}"

    def status_label(self):
        if self.withdrawn:
            return "已撤稿"
        return self.get_validity_display()

    def publication_due(self):
        """公开时限: the last day to publish, counted in working days from the 成文日期 (Art. 26; per catalog entry)."""
        from gongkai.core import workdays

        days = self.catalog_entry.time_limit_days if self.catalog_entry_id else 20
        return workdays.add_due(self.written_date, days)[0] if self.written_date else None


class ItemAttachment(Orderable):
    page = ParentalKey(GovInfoPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "disclosure.GovDocument", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")

    def __str__(self):
        return self.title or self.document.title
