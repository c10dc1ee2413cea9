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
