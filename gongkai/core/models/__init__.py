from .audit import AuditHead, AuditRecord
from .calendar import CalendarDay, CalendarYear

__all__ = ["AuditHead", "AuditRecord", "CalendarDay", "CalendarYear"]
