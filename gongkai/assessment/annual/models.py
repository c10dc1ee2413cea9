"""The 政府信息公开工作年度报告 of one year, for the government (department empty) or one department.

What the platform knows is computed (`compute.compute`) and kept as a snapshot in `data`, with the format version,
so a report once written re-renders the same way in later years even if the format or the data change. What the
platform cannot know (行政许可/处罚/强制 decisions, 行政事业性收费) is entered by the office in `inputs`, each with
its source, and shown as such on the report. The narrative sections 一, 五, 六 are text the office edits, starting
from a draft generated from the data.

The web page is a GovInfoPage in the catalog's 年报 column (`page`), published only through its review workflow.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.org.models import Department, DepartmentScopedQuerySet

__all__ = ["AnnualReminder", "AnnualReport"]

FORMAT_2021 = "2021"
FORMATS = {FORMAT_2021: "国办公开办函〔2021〕30号"}


class AnnualReportQuerySet(DepartmentScopedQuerySet):
    """The office sees every report of its site; department staff only their own department's (not the
    government's). The government's report (no department) is the default site's: its office sees it."""

    def for_user(self, user):
        from django.db.models import Q

        from gongkai.core.roles import sees_all_departments
        from gongkai.org import sites

        own = super().for_user(user)
        if not sees_all_departments(user):
            return own
        scope, default = sites.user_scope(user), sites.default_site()
        if scope is sites.ALL or (default is not None and scope == default.pk):
            return self.filter(Q(pk__in=own.values("pk")) | Q(department__isnull=True))
        return own


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"))
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annual_reports",
        help_text=_("留空为本级人民政府的年度报告"),
    )
    format_version = models.CharField(
        _("格式版本"), max_length=10, choices=[(k, v) for k, v in FORMATS.items()], default=FORMAT_2021
    )
    title = models.CharField(_("标题"), max_length=200)
    data = models.JSONField(_("统计数据快照"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("统计时间"), null=True, blank=True)
    inputs = models.JSONField(
        _("填报数据"),
        default=dict,
        blank=True,
        help_text=_("平台无法统计、由公开办填报的数字及其来源，如行政许可处理决定数量"),
    )
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    page = models.ForeignKey(
        "disclosure.GovInfoPage",
        verbose_name=_("年报栏目中的页面"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "department__sort_order", "id"]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "department"],
                condition=models.Q(department__isnull=False),
                name="annual_one_per_department_year",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(department__isnull=True),
                name="annual_one_government_year",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_government(self):
        return self.department_id is None

    @property
    def format_label(self):
        return FORMATS.get(self.format_version, self.format_version)

    @property
    def balanced(self):
        return not self.data.get("table3", {}).get("imbalances")

    @property
    def status(self):
        """草稿 → 审核中 (the page is in its review workflow) → 已发布 (the page is live); derived from the page."""
        page = self.page
        if page is None:
            return "草稿"
        if page.workflow_in_progress:
            return "审核中"
        state = page.current_workflow_state
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            return "已退回，待修改后重新提交"
        if page.live:
            return "已发布"
        return "未通过审核，待重新提交"


class AnnualReminder(models.Model):
    """One reminder e-mail per unit, report year and kind (`due_soon`, `overdue`): the unique keys make the
    reminder job (`annual.tasks.send_reminders`) idempotent. The government's report has no department."""

    year = models.PositiveSmallIntegerField()
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "department", "kind"],
                condition=models.Q(department__isnull=False),
                name="annual_remind_department_once",
            ),
            models.UniqueConstraint(
                fields=["year", "site", "kind"],
                condition=models.Q(department__isnull=True),
                name="annual_remind_government_once",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.kind}"
