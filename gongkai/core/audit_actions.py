"""The audit action names core itself writes (vocabulary: core/audit_vocabulary.py, docs/audit.md)."""

ACTIONS = {
    "calendar.import": "导入法定日历",
}

# core/actions.py: the reference data edited on the admin's generic model screens, one name per model and verb
_REFERENCE = {"calendarday": "法定日历", "sensitiveword": "敏感词库", "wordingcorrection": "严重表述错误库"}

PATTERNS = {
    "{model}.create": {model: f"新增{label}条目" for model, label in _REFERENCE.items()},
    "{model}.change": {model: f"修改{label}条目" for model, label in _REFERENCE.items()},
    "{model}.delete": {model: f"删除{label}条目" for model, label in _REFERENCE.items()},
}
