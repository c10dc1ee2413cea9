"""常态化考评: one editable indicator system for every department, quarterly runs and their frozen results.

- `Indicator`: what is assessed — a measure of the registry (by its code) or a manual item the office scores with
  evidence; its weight, the two values between which the score runs linearly (满分线, 零分线), and its veto rule.
- `Thresholds`: the 绿/黄 lines of the total score (one row; any veto is 红 whatever the score).
- `Run`: one quarter. Computing it stores a `DepartmentResult` per department and a `Score` per indicator, with
  a snapshot of the indicators and thresholds used; publishing freezes it (the stored figures never change again,
  whatever happens to the data or the indicators afterwards).
Everything changes only through `actions.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.org.models import Department, DepartmentScopedQuerySet

__all__ = ["MIN_COVERAGE", "DepartmentResult", "Indicator", "Run", "Score", "Thresholds"]

#: below this share of the indicators' weight measured (docs/assessment.md “无数据”), a result is never 绿 and is
#: marked 待核实: a score over one or two indicators says little about a department
MIN_COVERAGE = Decimal("50")


class Colour(models.TextChoices):
    GREEN = "green", _("绿")
    YELLOW = "yellow", _("黄")
    RED = "red", _("红")


class Indicator(models.Model):
    """One indicator of the common system (the same for all departments)."""

    class Kind(models.TextChoices):
        MEASURED = "measured", _("系统计算")
        MANUAL = "manual", _("人工评分")

    class WhenEmpty(models.TextChoices):
        SKIP = "skip", _("不计分（权重不计入总分基数）")
        FULL = "full", _("得满分")

    code = models.SlugField(_("指标代码"), max_length=40, unique=True)
    name = models.CharField(_("指标名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.MEASURED)
    measure_code = models.CharField(
        _("计算项代码"),
        max_length=60,
        blank=True,
        help_text=_("系统计算的指标所用的计算项（见“计算项”列表）；计算项尚未接入时显示“未接入”，不计分"),
    )
    method = models.TextField(_("考核方法"), help_text=_("怎么计算、依据什么，显示在考评结果和导出表中"))
    weight = models.DecimalField(
        _("分值"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("本项满分；只设否决的项目填 0"),
    )
    full_at = models.DecimalField(
        _("满分线"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("达到此值得满分")
    )
    zero_at = models.DecimalField(
        _("零分线"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("达到此值得零分，两线之间按比例给分；满分线小于零分线表示数值越小越好（如差评件数）"),
    )
    when_empty = models.CharField(
        _("无数据时"), max_length=6, choices=WhenEmpty.choices, default=WhenEmpty.SKIP
    )
    veto_on_measure = models.BooleanField(
        _("可单项否决"),
        default=False,
        help_text=_(
            "系统计算的：计算项报告否决情形（如有效留言超过 3 个月未答复、新媒体超过 2 周未更新）即单项否决；"
            "人工评分的：公开办评分时可认定否决"
        ),
    )
    veto_at = models.DecimalField(
        _("否决线"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("数值达到或劣于此值即单项否决（方向同满分线到零分线）；留空不设"),
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("考评指标")
        verbose_name_plural = _("考评指标")

    def __str__(self):
        return self.name

    @property
    def is_manual(self):
        return self.kind == self.Kind.MANUAL

    @property
    def can_veto(self):
        return self.veto_on_measure or self.veto_at is not None


class Thresholds(models.Model):
    """The colour lines of the total score (百分制): ≥ 绿线 绿, ≥ 黄线 黄, below 红; any single veto 红."""

    green_min = models.DecimalField(_("绿色线"), max_digits=5, decimal_places=1, default=Decimal("90"))
    yellow_min = models.DecimalField(_("黄色线"), max_digits=5, decimal_places=1, default=Decimal("75"))

    class Meta:
        verbose_name = _("红黄绿标记线")
        verbose_name_plural = _("红黄绿标记线")

    def __str__(self):
        return f"绿 ≥ {self.green_min}，黄 ≥ {self.yellow_min}"

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls(pk=None)


class RunQuerySet(models.QuerySet):
    def of_site(self, site):
        """The runs of one site (`site` a Site or its id; None: runs filed on no site)."""
        site_id = getattr(site, "pk", site)
        return self.filter(site__isnull=True) if site_id is None else self.filter(site_id=site_id)


class Run(models.Model):
    """One quarterly assessment (e.g. 2025Q3): computed as often as the office likes, then published and frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("未计算")
        COMPUTED = "computed", _("已计算（可修改）")
        PUBLISHED = "published", _("已发布（冻结）")

    # 集约化 (docs/multisite.md): each site's office assesses the departments of its own site, in its own runs
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("所属网站"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period = models.CharField(_("考评期"), max_length=6, help_text=_("如 2025Q3"))
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    start = models.DateField(_("起始日"))
    end = models.DateField(_("截止日"))
    cutoff = models.DateField(
        _("数据截至"), null=True, blank=True, help_text=_("本季度未结束时为计算当日的前一天")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    config = models.JSONField(_("计算时的指标与标记线"), default=dict, blank=True, editable=False)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["site", "period"], name="assessment_run_once_per_site")
        ]
        verbose_name = _("季度考评")
        verbose_name_plural = _("季度考评")

    def __str__(self):
        return f"{self.year} 年第 {self.quarter} 季度"

    @property
    def label(self):
        return str(self)

    @property
    def published(self):
        return self.status == self.Status.PUBLISHED


class ResultQuerySet(DepartmentScopedQuerySet):
    def visible_to(self, user):
        """The office sees every result; a department only its own, once the run is published."""
        from gongkai.core import roles

        if roles.sees_all_departments(user):
            return self
        return self.for_user(user).filter(run__status=Run.Status.PUBLISHED)


class DepartmentResult(models.Model):
    """A department's result in a run. `department` is empty for the whole-site row (site-wide measures)."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="results")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    total = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    colour = models.CharField(_("标记"), max_length=6, choices=Colour.choices, blank=True)
    vetoed = models.BooleanField(_("单项否决"), default=False)
    veto_reasons = models.JSONField(_("否决情形"), default=list, blank=True)
    pending = models.PositiveSmallIntegerField(_("待人工评分项"), default=0)
    coverage = models.DecimalField(
        _("有数据指标占比"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "有实测数据（或已人工评分）的指标分值占全部指标分值的百分比；不足一半的不评绿，标“待核实”"
        ),
    )
    rank = models.PositiveSmallIntegerField(_("排名"), null=True, blank=True)
    note = models.TextField(_("考评意见"), blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["run", "rank", "department__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "department"], name="assessment_result_once"),
        ]
        verbose_name = _("部门考评结果")
        verbose_name_plural = _("部门考评结果")

    def __str__(self):
        return f"{self.run}·{self.department or '全站'}"

    @property
    def name(self):
        return self.department.name if self.department_id else "全站（门户网站与新媒体矩阵）"

    @property
    def needs_check(self):
        """待核实: most of the indicators' weight had no data, so the score is not a verdict on the department."""
        return self.coverage is not None and self.coverage < MIN_COVERAGE


class ScoreQuerySet(DepartmentScopedQuerySet):
    department_field = "result__department"


class Score(models.Model):
    """One indicator of one department in one run: the measured figure, its explanation and evidence (the
    drill-down), and the points. Name, weight and rule are copied from the indicator at computation time."""

    class State(models.TextChoices):
        SCORED = "scored", _("已计分")
        EMPTY = "empty", _("无数据")
        UNAVAILABLE = "unavailable", _("未接入")
        PENDING = "pending", _("待人工评分")

    result = models.ForeignKey(DepartmentResult, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="scores"
    )
    code = models.CharField(_("指标代码"), max_length=40)
    name = models.CharField(_("指标"), max_length=60)
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    value = models.DecimalField(_("数值"), max_digits=12, decimal_places=2, null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=500, blank=True)
    evidence = models.JSONField(_("依据"), default=list, blank=True)
    evidence_total = models.PositiveIntegerField(_("依据条数"), default=0)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices)
    points = models.DecimalField(_("得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    vetoed = models.BooleanField(_("单项否决"), default=False)
    manual = models.BooleanField(_("人工评分"), default=False)
    note = models.TextField(_("评分说明"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(_("评分时间"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["result", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["result", "code"], name="assessment_score_once")]
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")

    def __str__(self):
        return f"{self.result}·{self.name}"
