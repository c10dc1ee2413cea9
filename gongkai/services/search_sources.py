"""What this app gives the site-wide search: published service items, data tables and guides (kind 办事服务) and
Q&A (kind 答疑), as (object, gongkai.search.index.Document) pairs."""

from django.utils import timezone

from gongkai.search.index import Document

from .models import DataTable, Guide, Question, ServiceItem
from .rules import KEY_ELEMENTS


def _local_date(value):
    return timezone.localdate(value) if value else None


def _doc(*, kind, title, body, url, department, published, topic, site_id=None):
    return Document(
        kind=kind,
        title=title,
        body=body,
        url=url,
        department_name=department,
        site_id=site_id,  # 集约化: a site's search shows only its own departments' services
        published=published,
        topic=topic,
    )


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
        yield (
            item,
            _doc(
                **{
                    "kind": "service",
                    "title": item.name,
                    "body": f"实施编码：{item.code}\n{body}",
                    "url": item.get_absolute_url(),
                    "department": item.department.name,
                    "site_id": item.department.site_id,
                    "published": _local_date(item.published_at),
                    "topic": "、".join(t.name for t in item.themes.all()),
                }
            ),
        )
    for question in (
        Question.objects.filter(published=True).select_related("department", "theme").order_by("pk")
    ):
        yield (
            question,
            _doc(
                **{
                    "kind": "qa",
                    "title": question.question,
                    "body": question.answer,
                    "url": question.get_absolute_url(),
                    "department": question.department.name,
                    "site_id": question.department.site_id,
                    "published": question.published_on,
                    "topic": question.theme.name if question.theme else "",
                }
            ),
        )
    for table in (
        DataTable.objects.filter(published=True).select_related("department", "theme").order_by("pk")
    ):
        yield (
            table,
            _doc(
                **{
                    "kind": "service",
                    "title": table.title,
                    "body": f"{table.description}\n{table.columns}\n{table.rows}",
                    "url": table.get_absolute_url(),
                    "department": table.department.name,
                    "site_id": table.department.site_id,
                    "published": table.published_on,
                    "topic": table.theme.name if table.theme else "",
                }
            ),
        )
    guides = Guide.objects.filter(live=True).select_related("department", "theme").prefetch_related("steps")
    for guide in guides.order_by("pk"):
        yield (
            guide,
            _doc(
                **{
                    "kind": "service",
                    "title": guide.title,
                    "body": "\n".join([guide.intro, *(f"{s.title}：{s.text}" for s in guide.steps.all())]),
                    "url": guide.get_absolute_url(),
                    "department": guide.department.name,
                    "site_id": guide.department.site_id,
                    "published": _local_date(guide.first_published_at),
                    "topic": guide.theme.name if guide.theme else "",
                }
            ),
        )
