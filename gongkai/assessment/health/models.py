"""Stored results of the site health monitor (MISSION B4, RULES.md §5).

A `HealthRun` is one pass of every check over the site at one moment; each check leaves one `CheckResult`
(正常/预警/否决 with its figure) and a `Finding` per problem it saw (a stale column, a broken link with the page it
was found on, a message near the 3-month line …). The indicator measures (`measures.py`) read these rows for a
period, so an assessment is reproducible from what was stored, never from crawling at measure time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.assessment.registry import Check, Severity
from gongkai.org.models import Department

__all__ = ["Check", "CheckResult", "Finding", "HealthRun", "Severity"]


class HealthRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("检查中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("定时检查")
        MANUAL = "manual", _("手动发起")
        COMMAND = "command", _("命令行")
        DEMO = "demo", _("演示数据")

    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    trigger = models.CharField(_("发起方式"), max_length=10, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("发起时间"), db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True, db_index=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    overall = models.CharField(_("总体结论"), max_length=10, choices=Severity.choices, blank=True)
    base_url = models.CharField(_("检查的网站地址"), max_length=300, blank=True)
    pages_crawled = models.PositiveIntegerField(_("抓取页面数"), default=0)
    links_checked = models.PositiveIntegerField(_("检查链接数"), default=0)
    crawl_note = models.CharField(_("抓取说明"), max_length=300, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("网站健康检查")
        verbose_name_plural = _("网站健康检查")

    def __str__(self):
        return f"网站健康检查 {timezone.localtime(self.requested_at):%Y-%m-%d %H:%M}（{self.get_status_display()}）"


class CheckResult(models.Model):
    run = models.ForeignKey(HealthRun, on_delete=models.CASCADE, related_name="checks")
    check_code = models.CharField(_("检查项"), max_length=16, choices=Check.choices)
    status = models.CharField(_("结论"), max_length=10, choices=Severity.choices)
    figure = models.IntegerField(_("数值"), null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=400)

    class Meta:
        ordering = ["run", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "check_code"], name="assessment_health_one_check")
        ]
        verbose_name = _("检查项结果")
        verbose_name_plural = _("检查项结果")

    def __str__(self):
        return f"{self.get_check_code_display()}：{self.get_status_display()}"


class Finding(models.Model):
    """One problem seen by one check. `severity` is `veto` when the finding is part of a single-veto condition
    that was met (a message over 3 months, the home page idle 14 days, a column among the ≥5 idle …)."""

    run = models.ForeignKey(HealthRun, on_delete=models.CASCADE, related_name="findings")
    check_code = models.CharField(_("检查项"), max_length=16, choices=Check.choices, db_index=True)
    severity = models.CharField(_("级别"), max_length=10, choices=Severity.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("对象"), max_length=300)
    detail = models.CharField(_("问题"), max_length=500)
    url = models.CharField(_("链接"), max_length=1000, blank=True, help_text=_("问题对象的页面或后台地址"))
    found_on = models.CharField(_("所在页面"), max_length=1000, blank=True)
    http_status = models.PositiveSmallIntegerField(_("HTTP 状态"), null=True, blank=True)
    days = models.PositiveIntegerField(_("天数"), null=True, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["run", "check_code", "pk"]
        indexes = [models.Index(fields=["run", "check_code", "department"])]
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")

    def __str__(self):
        return f"{self.subject}：{self.detail}"
