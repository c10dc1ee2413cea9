"""The citizens' messages of a theme's related-information window (F15: "gathering its policies, Q&A, services and
messages").

A published message (one on the public board: replied, published by the office, the citizen agreed) belongs to a
theme when its title or its category names one of the theme's keywords (`Theme.keyword_list`, editable), or when
it was answered by a department that handles the theme's service items. Both together rank first, a keyword alone
next, the department alone last; newest first within each. Only what the board shows is returned, with personal
data masked.
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from gongkai.core import textcheck

from .catalog import theme_condition
from .models import ServiceItem


def _keyword_condition(keywords):
    condition = Q(pk__in=[])
    for word in keywords:
        condition |= Q(title__icontains=word) | Q(category__name__icontains=word)
    return condition


def theme_messages(theme, limit=5, site=None):
    """[{title, url, date, department}] of the published messages relevant to `theme`, most relevant first —
    on `site` only when given (a town's theme page shows the town's board)."""
    from gongkai.interaction.models import Case as Message

    keywords = theme.keyword_list
    departments = (
        ServiceItem.objects.published()
        .filter(theme_condition(theme))
        .order_by()
        .values("department_id")
        .distinct()
    )
    by_keyword = _keyword_condition(keywords)
    by_department = Q(reply_department_id__in=departments)
    relevance = Case(
        When(by_keyword & by_department, then=Value(3)),
        When(by_keyword, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    board = Message.objects.on_board()
    if site is not None:
        board = board.filter(site=site)
    messages = (
        board.filter(by_keyword | by_department)
        .annotate(relevance=relevance)
        .select_related("reply_department")
        .only("code", "title", "published_at", "reply_department__name", "reply_department__short_name")
        .order_by("-relevance", "-published_at", "-id")[:limit]
    )
    return [
        {
            "title": textcheck.mask_personal_data(m.title),
            "url": f"/liuyan/{m.code}/",
            "date": timezone.localdate(m.published_at),
            "department": (m.reply_department.short_name or m.reply_department.name)
            if m.reply_department
            else "",
        }
        for m in messages
    ]
