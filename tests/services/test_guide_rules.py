"""RULES.md §5: the ten key elements of a service guide and the veto on publishing an incomplete one."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditRecord
from gongkai.services import actions
from gongkai.services.models import ItemStatus, Level, ReformKind, ReformRecord, ServiceItem
from gongkai.services.rules import missing_elements, reform_errors, reform_summary, veto_check


@pytest.mark.parametrize(
    ("blank_fields", "publishable"),
    [
        ([], True),
        (["basis"], True),
        (["basis", "hours"], True),
        (["basis", "hours", "phone"], True),
        (["basis", "hours", "phone", "fee"], False),
        (["basis", "conditions", "materials", "location", "process"], False),
    ],
)
def test_four_missing_key_elements_veto_publication(edu, make_item, blank_fields, publishable):
    item = make_item(edu, status=ItemStatus.DRAFT, **dict.fromkeys(blank_fields, ""))
    result = veto_check(item)
    assert result.publishable is publishable
    assert len(result.missing) == len(blank_fields)
    assert item.missing_count == len(blank_fields)


def test_whitespace_is_not_an_element(edu, make_item):
    item = make_item(edu, status=ItemStatus.DRAFT, fee="   ", phone="\n")
    assert missing_elements(item) == ["收费标准", "联系电话"]


def test_publishing_a_vetoed_guide_is_refused_and_nothing_changes(edu, make_item, edu_editor):
    item = make_item(edu, status=ItemStatus.DRAFT, basis="", conditions="", hours="", phone="")
    audits = AuditRecord.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.publish_item(edu_editor, item)
    assert "缺少 4 项关键要素" in exc.value.messages[0] and "设定依据" in exc.value.messages[0]
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT and item.published_at is None
    assert AuditRecord.objects.count() == audits


def test_publishing_a_complete_guide_is_audited(edu, make_item, edu_editor):
    item = make_item(edu, status=ItemStatus.DRAFT)
    actions.publish_item(edu_editor, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.published_at is not None
    record = AuditRecord.objects.filter(action="services.item_publish").latest("id")
    assert record.before == {"status": "draft"} and record.after == {"status": "published"}
    assert record.object_id == str(item.pk)


def test_staff_cannot_publish_another_departments_item(edu, hrss, make_item, hrss_editor):
    item = make_item(edu, status=ItemStatus.DRAFT)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.publish_item(hrss_editor, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"kind": ReformKind.MATERIALS, "materials_before": 8, "materials_after": 8}, "materials_after"),
        ({"kind": ReformKind.MATERIALS, "materials_after": 3}, "materials_before"),
        ({"kind": ReformKind.FEES, "fee_before": Decimal("10"), "fee_after": Decimal("20")}, "fee_after"),
        ({"kind": ReformKind.DELEGATION, "delegated_to": Level.CITY}, "delegated_to"),
        ({"kind": ReformKind.DOCUMENTS, "documents_cleared": " "}, "documents_cleared"),
    ],
)
def test_a_reform_needs_figures_that_show_a_cut(fields, error_field):
    assert error_field in reform_errors(ReformRecord(effective_on="2025-03-01", **fields))


def test_adding_reforms_sets_the_facet_flags_and_summaries(edu, make_item, edu_editor):
    from datetime import date

    item = make_item(edu)
    cut = actions.add_reform(
        edu_editor,
        item,
        kind=ReformKind.MATERIALS,
        effective_on=date(2024, 5, 6),
        materials_before=8,
        materials_after=5,
    )
    free = actions.add_reform(
        edu_editor,
        item,
        kind=ReformKind.FEES,
        effective_on=date(2025, 1, 1),
        fee_before=Decimal("50"),
        fee_after=Decimal("0"),
    )
    item = ServiceItem.objects.get(pk=item.pk)
    assert (
        item.reform_materials
        and item.reform_fees
        and not item.reform_delegation
        and not item.reform_documents
    )
    assert reform_summary(cut) == "材料 8 件 → 5 件"
    assert reform_summary(free) == "收费 50 元 → 免费"
    assert AuditRecord.objects.filter(action="services.reform_add", object_id=str(item.pk)).count() == 2


def test_a_bad_reform_is_not_stored(edu, make_item, edu_editor):
    from datetime import date

    item = make_item(edu)
    with pytest.raises(ValidationError):
        actions.add_reform(
            edu_editor,
            item,
            kind=ReformKind.MATERIALS,
            effective_on=date(2024, 5, 6),
            materials_before=5,
            materials_after=7,
        )
    assert not item.reforms.exists()
    item.refresh_from_db()
    assert not item.reform_materials
