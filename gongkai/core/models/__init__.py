from .audit import AuditAnchor, AuditHead, AuditRecord
from .calendar import CalendarDay, CalendarYear
from .wordlists import SensitiveWord, WordingCorrection

__all__ = [
    "AuditAnchor",
    "AuditHead",
    "AuditRecord",
    "CalendarDay",
    "CalendarYear",
    "SensitiveWord",
    "WordingCorrection",
]
