"""Disclosure rules as plain functions: index numbers and the publication time limit. Who may do what to an item or
a column is the pages' own permission testers (models/permissions.py)."""

from django.db import transaction
from django.utils import timezone

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
