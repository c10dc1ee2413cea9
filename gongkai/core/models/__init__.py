from .audit import AuditHead, AuditRecord
from .calendar import CalendarDay, CalendarYear
from .wordlists import SensitiveWord, WordingCorrection

__all__ = ["AuditHead", "AuditRecord", "CalendarDay", "CalendarYear", "SensitiveWord", "WordingCorrection"]
