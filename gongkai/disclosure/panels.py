"""Editor panels: the machine pre-check shown to every reviewer, and the responsibility record of an item; and
`attach()`, which gives the item page its editor (panels and forms) once the app is ready — the way Wagtail's admin
app gives `Page` its form (wagtail/admin/apps.py), so the models import nothing of the admin screens."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel


class PrecheckPanel(Panel):
    """发布前机器检查: the findings of the latest check, blocking ones first, with any written override."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/precheck_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from .precheck import latest_result

            context = super().get_context_data(parent_context)
            context["result"] = latest_result(self.instance)
            return context


class ResponsibilityPanel(Panel):
    """谁制作谁公开、谁公开谁负责: 索引号, dates, and who produced, kept, approved and published each publication."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/responsibility_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["page"] = self.instance
            context["records"] = list(self.instance.publications.all()[:5])
            return context


class ReturnedPanel(Panel):
    """退回修改: while an item waits for the editor's changes, the reviewer's reason stands at the top of its edit
    screen — not three clicks deep in the workflow history."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/admin/returned_panel.html"

        def is_shown(self):
            return self.rejection is not None

        @property
        def rejection(self):
            if not hasattr(self, "_rejection"):
                self._rejection = latest_rejection(self.instance)
            return self._rejection

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rejection"] = self.rejection
            # the label of the button the editor presses (Wagtail's own SubmitForModerationMenuItem, same msgid)
            context["resubmit_label"] = gettext("Resubmit to %(task_name)s") % {
                "task_name": self.rejection.task.name
            }
            return context


def latest_rejection(page):
    """The task state that sent the item back, while its workflow waits for changes; else None."""
    if page is None or not page.pk:
        return None
    from wagtail.models import TaskState, WorkflowState

    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("task", "finished_by")
        .order_by("-finished_at")
        .first()
    )


def attach():
    """The item page's editor: called from DisclosureConfig.ready(), before any screen asks for it."""
    from wagtail.models import Page

    from .forms import GovInfoCopyForm, GovInfoPageForm
    from .models import GovInfoPage

    GovInfoPage.content_panels = [
        ReturnedPanel(heading=_("退回修改意见")),
        PrecheckPanel(heading=_("发布前机器检查")),
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre"), FieldPanel("doc_level")]),
                FieldRowPanel([FieldPanel("doc_number"), FieldPanel("written_date")]),
                FieldRowPanel(
                    [FieldPanel("disclosure_mode"), FieldPanel("non_disclosure_reason"), FieldPanel("scope")]
                ),
                FieldPanel("keywords"),
                FieldRowPanel([FieldPanel("source"), FieldPanel("kept_by")]),
                FieldPanel("catalog_entry"),
            ],
            heading=_("元数据"),
        ),
        FieldPanel("effective_date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件"), heading=_("附件")),
        FieldPanel("policies"),
        ResponsibilityPanel(heading=_("发布责任（谁制作谁公开、谁公开谁负责）")),
    ]
    GovInfoPage.base_form_class = GovInfoPageForm
    GovInfoPage.copy_form_class = GovInfoCopyForm
