"""The audit action names core itself writes (vocabulary: core/audit_vocabulary.py, docs/audit.md)."""

ACTIONS = {
    "calendar.import": "导入法定日历",
}
