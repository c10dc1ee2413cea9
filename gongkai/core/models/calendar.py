"""The statutory calendar table (RULES.md §1): official rest days and make-up working days (调休)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """One day whose status differs from "Monday–Friday work, weekend rest", or a holiday rest day.

    Holiday rest days that fall on a weekend are kept too, so that an explanation can say "国庆节"
    rather than "周末".
    """

    class Kind(models.TextChoices):
        REST = "rest", _("法定节假日（休息）")
        WORKDAY = "workday", _("调休上班日")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日名称"), max_length=40, help_text=_("如：春节、国庆节"))
    source = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("国务院办公厅通知文号或来源")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("法定日历日")
        verbose_name_plural = _("法定日历（节假日与调休）")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name} {self.get_kind_display()}"


class CalendarYear(models.Model):
    """A year whose official holiday schedule has been entered; the calendar covers up to the end of the last
    of an unbroken run of such years (`covered_until`). Past it, deadlines are provisional."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    notice = models.CharField(_("依据通知"), max_length=200, blank=True)
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已发布节假日安排的年度")
        verbose_name_plural = _("已发布节假日安排的年度")

    def __str__(self):
        return str(self.year)
