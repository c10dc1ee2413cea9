"""The word lists of the pre-publication check, edited by the disclosure office (and the security administrator)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    BLOCK = "block", _("阻断（须修改或书面说明后方可发布）")
    WARN = "warn", _("提示")


class SensitiveWord(models.Model):
    word = models.CharField(_("敏感词"), max_length=60, unique=True)
    severity = models.CharField(_("处理级别"), max_length=5, choices=Severity.choices, default=Severity.WARN)
    category = models.CharField(_("类别"), max_length=40, blank=True, help_text=_("如：涉密标识、不当用语"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词库")

    def __str__(self):
        return self.word


class WordingCorrection(models.Model):
    """A known serious wording error (严重表述错误) and its correct form."""

    wrong = models.CharField(_("错误表述"), max_length=80, unique=True)
    right = models.CharField(_("正确表述"), max_length=80)
    severity = models.CharField(_("处理级别"), max_length=5, choices=Severity.choices, default=Severity.BLOCK)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["wrong"]
        verbose_name = _("严重表述错误")
        verbose_name_plural = _("严重表述错误库")

    def __str__(self):
        return f"{self.wrong} → {self.right}"
