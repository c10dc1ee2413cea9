"""Editor panels: the machine pre-check shown to every reviewer, and the responsibility record of an item."""

from wagtail.admin.panels import Panel


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
