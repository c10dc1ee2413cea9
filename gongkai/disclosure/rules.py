"""Disclosure rules as plain functions: index numbers, the publication time limit, who may do what to an item."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import PagePermissionTester

from gongkai.core import roles, workdays

from .models import ColumnPage, DepartmentCatalogPage, DisclosureRootPage, IndexSequence


def next_index_no(issuer_code, year):
    """Art. (RULES.md §4): 索引号 `<issuer code>/<YYYY>-<NNNNN>` — the next serial for this issuer and year, taken
    under a row lock so concurrent publications never share one, and never reused."""
    with transaction.atomic():
        IndexSequence.objects.bulk_create(
            [IndexSequence(issuer_code=issuer_code, year=year)], ignore_conflicts=True
        )
        seq = IndexSequence.objects.select_for_update().get(issuer_code=issuer_code, year=year)
        seq.last += 1
        seq.save(update_fields=["last"])
    return f"{issuer_code}/{year}-{seq.last:05d}"


def publication_status(item, today=None):
    """Art. 26: publish within 20 working days of the information being formed (shorter per catalog entry).
    Returns (due date, working days late or None, provisional)."""
    if not item.written_date:
        return None, None, False
    days = item.catalog_entry.time_limit_days if item.catalog_entry_id else 20
    due, provisional = workdays.add_due(item.written_date, days)
    done = item.published_date or today or timezone.localdate()
    late = workdays.count_workdays(due, done) if done > due else None
    return due, late, provisional


def may_create_page_type(user, page_class):
    """The catalog's shape — department catalogs and columns (栏目) — is the office's to define (RULES.md: the office
    keeps the 公开目录); a department's staff add 政府信息 items into the columns they are given."""
    if issubclass(page_class, (ColumnPage, DepartmentCatalogPage, DisclosureRootPage)):
        return user.is_superuser or roles.is_office(user)
    return True


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
        from .models import ColumnPage

        column = destination.specific if not isinstance(destination, ColumnPage) else destination
        department = getattr(column, "department", None)
        if department is not None and department.pk != self.page.specific_deferred.department_id:
            return False
        return super().can_move_to(destination)


class ColumnPermissionTester(PagePermissionTester):
    """Nothing goes live directly inside a column: an item added or copied into it (“发布”, “发布复制的页面”) is
    saved as a draft and published by its review workflow; a new sub-column is published from its own edit screen."""

    def can_publish_subpage(self):
        return False
