"""Who may do what to an item or a column, as Wagtail asks it of a page (`Page.permissions_for_user`): the
review chain is the only way to publish (先审查后发布, RULES.md §4)."""

from wagtail.models import PagePermissionTester


class GovInfoPermissionTester(PagePermissionTester):
    """Nobody publishes or unpublishes an item by a button: publication happens only when its review workflow is
    approved (or at the approved scheduled time), withdrawal only through the audited 撤稿 action. A published item is
    never deleted, so its address and 索引号 stay."""

    def can_publish(self):
        # not even a superuser: the only way to publish an item is the approval of its review workflow
        # (workflow.publish_approved publishes with the permission check skipped)
        return False

    def can_unpublish(self):
        return False

    def can_delete(self, ignore_bulk=False):
        if self.page.first_published_at or getattr(self.page.specific_deferred, "index_no", ""):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_move_to(self, destination):
        # an item stays in its own department's catalog
        column = destination.specific
        department = getattr(column, "department", None)
        if department is not None and department.pk != self.page.specific_deferred.department_id:
            return False
        return super().can_move_to(destination)


class ColumnPermissionTester(PagePermissionTester):
    """Nothing goes live directly inside a column: an item added or copied into it (“发布”, “发布复制的页面”) is
    saved as a draft and published by its review workflow; a new sub-column is published from its own edit screen."""

    def can_publish_subpage(self):
        return False
