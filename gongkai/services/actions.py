"""Every change to a service item goes through one of these functions: atomic, one audit record each."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.refusals import NotPermitted
from gongkai.core.roles import sees_all_departments, user_department
from gongkai.org import sites

from .models import CatalogVersion, ImportRun, ItemStatus, ReformRecord, ServiceItem
from .rules import KEY_ELEMENTS, reform_errors, refresh_derived, refresh_guide_fields, theme_mask, veto_check

AUDITED_FIELDS = [field for field, _ in KEY_ELEMENTS] + [
    "code",
    "list_type",
    "level",
    "legal_limit_days",
    "promised_limit_days",
    "visits",
    "onsite_visits",
    "online_url",
    "status",
]


def snapshot(item):
    data = {name: getattr(item, name) for name in AUDITED_FIELDS}
    data["department"] = item.department.name if item.department_id else None
    return data


def check_department(actor, department):
    """Department isolation: staff change only their own department's items; the office changes any of its site's."""
    if actor is None:
        return
    if sees_all_departments(actor):
        if department is not None and not sites.may_see_site(actor, department.site_id):
            raise NotPermitted("只能维护本网站部门的事项。")
        return
    own = user_department(actor)
    if own is None or department is None or own.pk != department.pk:
        raise NotPermitted("只能维护本部门的事项。")


@transaction.atomic
def save_item(actor, form):
    """Create or edit an item from the admin form. A published item may not be edited into a guide that fails
    the veto of RULES.md §5 (it would be a published guide lacking key elements)."""
    item = form.instance
    creating = item.pk is None
    before = None if creating else snapshot(ServiceItem.objects.select_related("department").get(pk=item.pk))
    check_department(actor, item.department if item.department_id else None)
    if item.status == ItemStatus.PUBLISHED:
        result = veto_check(item)
        if not result.publishable:
            raise ValidationError(result.message)
    item = form.save()
    refresh_derived(item)
    item.theme_mask = theme_mask(item.themes.all())
    item.save(update_fields=["online", "missing_count", "theme_mask", *REFORM_FLAG_FIELDS])
    audit.record(
        actor,
        "services.item_create" if creating else "services.item_edit",
        item,
        before=before,
        after=snapshot(item),
    )
    return item


REFORM_FLAG_FIELDS = ["reform_documents", "reform_materials", "reform_fees", "reform_delegation"]


@transaction.atomic
def publish_item(actor, item):
    """Publish a guide. RULES.md §5 veto: missing ≥ 4 of the ten key elements → refused."""
    check_department(actor, item.department)
    result = veto_check(item)
    if not result.publishable:
        raise ValidationError(result.message)
    before = item.status
    item.status = ItemStatus.PUBLISHED
    item.published_at = timezone.now()
    refresh_derived(item)
    item.save()
    audit.record(
        actor, "services.item_publish", item, before={"status": before}, after={"status": item.status}
    )
    return item


@transaction.atomic
def withdraw_item(actor, item, reason=""):
    """Take an item off the public catalog (事项取消或调整); it stays in the record."""
    check_department(actor, item.department)
    before = item.status
    item.status = ItemStatus.WITHDRAWN
    item.save(update_fields=["status", "updated_at"])
    audit.record(
        actor,
        "services.item_withdraw",
        item,
        before={"status": before},
        after={"status": item.status},
        note=reason,
    )
    return item


@transaction.atomic
def add_reform(actor, item, **fields):
    """Record one 清/减/降/放 reform of an item, with its figures checked (rules.reform_errors)."""
    check_department(actor, item.department)
    reform = ReformRecord(item=item, **fields)
    errors = reform_errors(reform)
    if errors:
        raise ValidationError(errors)
    reform.save()
    refresh_derived(item)
    item.save(update_fields=["online", "missing_count", *REFORM_FLAG_FIELDS, "updated_at"])
    audit.record(
        actor,
        "services.reform_add",
        item,
        after={
            "kind": reform.kind,
            "effective_on": reform.effective_on.isoformat(),
            "summary": reform.summary,
        },
    )
    return reform


@transaction.atomic
def import_rows(actor, parsed, *, mode, filename):
    """Apply a validated spreadsheet (`spreadsheets.parse`). Mode ALL_OR_NOTHING stores nothing when any row is
    bad; GOOD_ROWS stores every good row. Idempotent on 实施编码: a known code is updated, a new one created — as
    a draft awaiting review (待审核): nothing goes live by import.
    One audit record per run, with the counts (not one per row)."""
    if mode == ImportRun.Mode.ALL_OR_NOTHING and parsed.errors:
        raise ValidationError(
            "表格中有 %(n)d 行错误，按“全部正确才导入”的选择，一行也未导入。" % {"n": len(parsed.bad_rows)}
        )
    for row in parsed.good_rows:
        check_department(actor, row.department)
    codes = [row.values["code"] for row in parsed.good_rows]
    fields = [name for name in parsed.columns_stored if name not in ("code", "themes")]
    stored = [
        *fields,
        "department_id",
        "list_type",
        "status",
        "published_at",
        "online",
        "missing_count",
        "theme_mask",
    ]
    existing = {item.code: item for item in ServiceItem.objects.filter(code__in=codes)}
    old_values = {code: {f: getattr(item, f) for f in stored} for code, item in existing.items()}
    themes_by_code = {row.values["code"]: row.values.get("themes", []) for row in parsed.good_rows}
    to_create, matched = [], []
    now = timezone.now()
    for row in parsed.good_rows:
        item = existing.get(row.values["code"])
        if item is None:
            item = ServiceItem(list_type=parsed.list_type)
            to_create.append(item)
        else:
            matched.append(item)
        for name, value in row.values.items():
            if name != "themes":
                setattr(item, name, value)
        item.department = row.department
        item.list_type = parsed.list_type
        item.theme_mask = theme_mask(row.values.get("themes", []))
        refresh_guide_fields(item)
        # 先审查后发布: an import never publishes. A new item is a draft (待审核) until someone publishes it on its
        # status page after the veto check (publish_item), as an item made in the form; a known item keeps its
        # status, except that a published guide the sheet makes fail the veto of RULES.md §5 goes back to draft
        if item.pk is None:
            item.status = ItemStatus.DRAFT
            item.published_at = None
        elif item.status == ItemStatus.PUBLISHED and not veto_check(item).publishable:
            item.status = ItemStatus.DRAFT
    ServiceItem.objects.bulk_create(to_create, batch_size=500)
    # known codes: write only what changed (one UPDATE per changed row is far cheaper than a CASE-per-field
    # bulk_update on 20 columns); an unchanged row costs nothing, so re-importing the same sheet is a no-op
    updated, theme_changed = [], []
    for item in matched:
        changes = {f: getattr(item, f) for f in stored if getattr(item, f) != old_values[item.code][f]}
        themes_differ = "theme_mask" in changes
        if changes:
            ServiceItem.objects.filter(pk=item.pk).update(**changes, updated_at=now)
        if changes or themes_differ:
            updated.append(item)
        if themes_differ:
            theme_changed.append(item)
    through = ServiceItem.themes.through
    through.objects.filter(serviceitem__in=[i.pk for i in theme_changed]).delete()
    through.objects.bulk_create(
        [
            through(serviceitem_id=item.pk, theme_id=theme.pk)
            for item in [*to_create, *theme_changed]
            for theme in themes_by_code[item.code]
        ],
        batch_size=1000,
    )
    touched = [*to_create, *matched]
    if to_create or updated:
        CatalogVersion.bump()  # bulk writes send no model signals: tell the facet index here
    run = ImportRun.objects.create(
        list_type=parsed.list_type,
        department=parsed.department_scope,
        mode=mode,
        filename=filename[:200],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        total_rows=len(parsed.rows),
        bad_rows=len(parsed.bad_rows),
        created=len(to_create),
        updated=len(updated),
        unchanged=len(matched) - len(updated),
        report=parsed.report(),
    )
    drafts = sum(1 for item in touched if item.status == ItemStatus.DRAFT)
    audit.record(
        actor,
        "services.import",
        run,
        after={
            "list_type": parsed.list_type,
            "rows": len(parsed.rows),
            "bad_rows": len(parsed.bad_rows),
            "created": len(to_create),
            "updated": len(updated),
            "unchanged": len(matched) - len(updated),
            "drafts_awaiting_review": drafts,
        },
        note=filename[:200],
    )
    return run
