"""Edits of the reference data kept on the admin's generic model screens: the statutory calendar (法定日历, which
every deadline counts on) and the word lists the pre-publication check reads (敏感词库, 严重表述错误库). Each save and
each deletion is one audited action, as every other state change (the CSV import of the calendar is audited in
`calendar_io.import_csv`)."""

from django.db import transaction

from . import audit


def _state(obj):
    """The row's own fields as text, for the audit record's before/after."""
    return {f.name: str(getattr(obj, f.attname)) for f in obj._meta.concrete_fields if not f.primary_key}


@transaction.atomic
def save_reference_row(actor, form):
    """Create or change one row from its validated admin form; the audit record keeps what changed."""
    instance = form.instance
    adding = instance._state.adding
    before = None if adding else _state(type(instance).objects.select_for_update().get(pk=instance.pk))
    obj = form.save()
    after = _state(obj)
    if not adding:
        changed = {k for k in after if after[k] != before[k]}
        before = {k: before[k] for k in changed}
        after = {k: after[k] for k in changed}
    model = obj._meta.model_name  # calendarday, sensitiveword, wordingcorrection (core/audit_actions.py)
    if adding:
        audit.record(actor, f"{model}.create", obj, after=after)
    else:
        audit.record(actor, f"{model}.change", obj, before=before, after=after)
    return obj


@transaction.atomic
def delete_reference_row(actor, obj):
    """Delete one row; the audit record keeps what it held."""
    record_id, before = str(obj.pk), _state(obj)
    audit.record(actor, f"{obj._meta.model_name}.delete", obj, object_id=record_id, before=before)
    obj.delete()
