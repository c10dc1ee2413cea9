"""Review before publish (先审查后发布): the department-aware review task, the machine pre-check results, the
index-number sequence and the record of responsibility (谁制作谁公开、谁公开谁负责)."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision, Task, TaskState

from gongkai.core import roles


class DepartmentReviewTask(Task):
    """A review step (初审 / 保密审查 / 终审) taken by staff holding `role` **in the item's own department**, so one
    workflow serves every department and no department reviews another's drafts. While the item's pre-check has an
    unresolved blocking finding, the reviewer can only return it, or approve with a written override reason."""

    class Role(models.TextChoices):
        SECTION = roles.REVIEWER_SECTION, _("初审（科室负责人）")
        SECRECY = roles.REVIEWER_SECRECY, _("保密审查")
        LEADER = roles.REVIEWER_LEADER, _("终审（分管领导）")

    role = models.CharField(_("审核角色"), max_length=20, choices=Role.choices)

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        verbose_name = _("部门审核步骤")
        verbose_name_plural = _("部门审核步骤")

    @classmethod
    def get_description(cls):
        return _("由信息所属部门中具有该审核角色的人员审核")

    def _department_of(self, obj):
        specific = obj.specific_deferred if isinstance(obj, Page) else obj
        return getattr(specific, "department_id", None)

    def user_is_reviewer(self, obj, user):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if user.is_superuser:
            return True
        profile = getattr(user, "staff", None)
        return (
            roles.has_role(user, self.role)
            and profile is not None
            and profile.department_id == self._department_of(obj)
        )

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    # given by workflow.attach() when the app is ready: the pre-check's verdict (precheck.unresolved_block) and the
    # audited action that lets a blocking finding through (actions.override_precheck) — the model imports neither
    unresolved_block = None
    override_precheck = None

    def get_actions(self, obj, user):
        if not self.user_is_reviewer(obj, user):
            return []
        if self.unresolved_block(obj):
            return [("reject", _("退回修改"), True), ("override", _("书面说明后通过"), True)]
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("通过"), False),
            ("approve", _("通过并附意见"), True),
        ]

    def get_form_for_action(self, action):
        if action == "override":
            return OverrideForm
        if action == "reject":
            return RejectForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "override":
            comment = kwargs.get("comment", "")
            self.override_precheck(user, task_state.revision.content_object, comment)
            return task_state.approve(user=user, comment=comment)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if user.is_superuser:
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        profile = getattr(user, "staff", None)
        if not roles.has_role(user, self.role) or profile is None or profile.department_id is None:
            return TaskState.objects.none()
        from .pages import GovInfoPage

        page_ids = GovInfoPage.objects.filter(department_id=profile.department_id).values_list(
            "pk", flat=True
        )
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=[str(pk) for pk in page_ids]
        )


class RejectForm(forms.Form):
    """退回修改 always says why: the editor reads it on the item's edit screen."""

    comment = forms.CharField(
        label="退回修改的理由（必填，信息员在编辑页面可见）",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写退回修改的理由。"},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError("请填写退回修改的理由。")
        return comment


class OverrideForm(forms.Form):
    comment = forms.CharField(
        label="书面说明（必填，记入审计日志）",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        error_messages={"required": "放行阻断项必须书面说明理由。", "min_length": "书面说明至少 10 个字。"},
    )


class PrecheckResult(models.Model):
    """The machine pre-publication check of one revision (MISSION B1), shown to every reviewer."""

    page = models.ForeignKey("disclosure.GovInfoPage", on_delete=models.CASCADE, related_name="prechecks")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    findings = models.JSONField(_("检查结果"), default=list)
    links_checked_at = models.DateTimeField(_("链接检查时间"), null=True, blank=True)
    override_reason = models.TextField(_("放行说明"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("放行人"),
    )
    override_at = models.DateTimeField(_("放行时间"), null=True, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        get_latest_by = "checked_at"
        verbose_name = _("发布前机器检查")
        verbose_name_plural = _("发布前机器检查")

    def __str__(self):
        return f"{self.page} 的检查（{len(self.findings)} 项）"

    @property
    def blocking(self):
        return [f for f in self.findings if f.get("severity") == "block"]

    @property
    def warnings(self):
        return [f for f in self.findings if f.get("severity") != "block"]


class IndexSequence(models.Model):
    """The last serial used for one issuer and year: 索引号 `<issuer code>/<YYYY>-<NNNNN>`, never reused."""

    issuer_code = models.CharField(max_length=18)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer_code", "year"], name="unique_index_sequence")]
        verbose_name = _("索引号序列")

    def __str__(self):
        return f"{self.issuer_code}/{self.year}-{self.last:05d}"


class PublicationRecord(models.Model):
    """Who produced, who keeps, who approved at each step and who published an item, at each publication."""

    page = models.ForeignKey("disclosure.GovInfoPage", on_delete=models.CASCADE, related_name="publications")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(_("发布时间"))
    index_no = models.CharField(_("索引号"), max_length=40)
    produced_by = models.CharField(_("制作人"), max_length=150)
    kept_by = models.CharField(_("保存单位"), max_length=100)
    approvals = models.JSONField(_("审核记录"), default=list)
    published_by = models.CharField(_("发布人"), max_length=150)
    scheduled = models.BooleanField(_("定时发布"), default=False)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("发布责任记录")
        verbose_name_plural = _("发布责任记录")

    def __str__(self):
        return f"{self.index_no} {self.published_at:%Y-%m-%d %H:%M}"
