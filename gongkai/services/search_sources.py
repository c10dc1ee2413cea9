"""What this app gives the site-wide search (the search app connects it): published service items, Q&A, data
tables and guides, as plain dicts with the keys kind, title, body, url, department, published, topic."""

from django.utils import timezone

from .models import DataTable, Guide, Question, ServiceItem
from .rules import KEY_ELEMENTS


def _local_date(value):
    return timezone.localdate(value) if value else None


def search_documents():
    """Yield one dict per public record. Titles weigh more than bodies in the search app, so the body carries
    the guide's elements and the title only the item name."""
    items = (
        ServiceItem.objects.published()
        .select_related("department")
        .prefetch_related("themes")
        .order_by("pk")
        .iterator(chunk_size=500)
    )
    for item in items:
        body = "\n".join(
            f"{label}：{getattr(item, field)}" for field, label in KEY_ELEMENTS[1:] if getattr(item, field)
        )
        yield {
            "kind": "service_item",
            "title": item.name,
            "body": f"实施编码：{item.code}\n{body}",
            "url": item.get_absolute_url(),
            "department": item.department.name,
            "published": _local_date(item.published_at),
            "topic": "、".join(t.name for t in item.themes.all()),
        }
    for question in (
        Question.objects.filter(published=True).select_related("department", "theme").order_by("pk")
    ):
        yield {
            "kind": "question",
            "title": question.question,
            "body": question.answer,
            "url": question.get_absolute_url(),
            "department": question.department.name,
            "published": question.published_on,
            "topic": question.theme.name if question.theme else "",
        }
    for table in (
        DataTable.objects.filter(published=True).select_related("department", "theme").order_by("pk")
    ):
        yield {
            "kind": "data_table",
            "title": table.title,
            "body": f"{table.description}\n{table.columns}\n{table.rows}",
            "url": table.get_absolute_url(),
            "department": table.department.name,
            "published": table.published_on,
            "topic": table.theme.name if table.theme else "",
        }
    guides = Guide.objects.filter(live=True).select_related("department", "theme").prefetch_related("steps")
    for guide in guides.order_by("pk"):
        yield {
            "kind": "guide",
            "title": guide.title,
            "body": "\n".join([guide.intro, *(f"{s.title}：{s.text}" for s in guide.steps.all())]),
            "url": guide.get_absolute_url(),
            "department": guide.department.name,
            "published": _local_date(guide.first_published_at),
            "topic": guide.theme.name if guide.theme else "",
        }
