from .accounts import AccountSecurity, LoginFailure
from .audit import AuditAnchor, AuditHead, AuditRecord
from .calendar import CalendarDay, CalendarYear
from .wordlists import SensitiveWord, WordingCorrection

__all__ = [
    "AccountSecurity",
    "AuditAnchor",
    "AuditHead",
    "AuditRecord",
    "CalendarDay",
    "CalendarYear",
    "LoginFailure",
    "SensitiveWord",
    "WordingCorrection",
]
