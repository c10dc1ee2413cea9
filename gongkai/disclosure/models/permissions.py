"""Who may do what to an item or a column, as Wagtail asks it of a page (`Page.permissions_for_user`): the
review chain is the only way to publish (先审查后发布, RULES.md §4)."""

from wagtail.models import PagePermissionTester

from gongkai.core import roles


def shapes_the_catalog(user):
    """The catalog's shape — the root, department catalogs and columns (栏目) — is the office's to define (RULES.md:
    the office keeps the 公开目录); a department's staff add 政府信息 into the columns they are given."""
    return user.is_active and (user.is_superuser or roles.is_office(user))


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


class CatalogShapePermissionTester(PagePermissionTester):
    """A department's staff may not copy or move a column (or a catalog): a copy would be a new column with every
    item under it, a move would re-shape the office's catalog. Wagtail asks this for its 复制/移动 screens, the
    listing's action menus and the bulk 移动 action alike."""

    def can_copy(self):
        return shapes_the_catalog(self.user) and super().can_copy()

    def can_move(self):
        return shapes_the_catalog(self.user) and super().can_move()


class ColumnPermissionTester(CatalogShapePermissionTester):
    """Nothing goes live directly inside a column: an item added or copied into it (“发布”, “发布复制的页面”) is
    saved as a draft and published by its review workflow; a new sub-column is published from its own edit screen."""

    def can_publish_subpage(self):
        return False
