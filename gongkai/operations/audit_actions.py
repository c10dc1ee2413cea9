"""The audit action names of the audit trail's own handling (vocabulary: core/audit_vocabulary.py)."""

ACTIONS = {
    "audit.export": "导出审计日志",
    "audit.purge": "清理超过留存期的审计记录",
}
