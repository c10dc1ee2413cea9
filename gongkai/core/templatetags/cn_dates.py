"""THE date style of the public pages (issue 17): 2026年9月7日, no zero padding, as most public templates wrote it
(GB/T 9704 writes dates in a document's 成文日期 the same way). A built-in filter (settings.TEMPLATES), so every
template may write `{{ item.published_date|cn_date }}` and `{{ message.created_at|cn_datetime }}` unloaded."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def cn_date(value):
    """date or datetime → 2026年9月7日; anything else (None, "") → ""."""
    value = _local(value)
    if not isinstance(value, datetime.date):
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def cn_datetime(value):
    """datetime → 2026年9月7日 14:05 (the time as 24-hour HH:MM); a date alone → 2026年9月7日."""
    value = _local(value)
    if not isinstance(value, datetime.datetime):
        return cn_date(value)
    return f"{cn_date(value)} {value:%H:%M}"
