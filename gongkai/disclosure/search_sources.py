"""Government-information items in the site search (gongkai.search): what is public, and only that."""

from django.utils.html import strip_tags

from gongkai.search import index

from .models import GovInfoPage

KIND_BY_GENRE = {"解读": "interpretation", "图解": "interpretation"}


def document_for(page):
    """The search document of a live item; a withdrawn item keeps only its title and metadata."""
    column = page.get_parent()
    body = (
        ""
        if not page.body_visible
        else " ".join(part for part in (page.summary, strip_tags(page.body or "")) if part)
    )
    return index.Document(
        kind=KIND_BY_GENRE.get(page.genre, "item"),
        title=page.title,
        number=page.doc_number,
        body=body,
        url=page.url,
        department_id=page.department_id,
        department_name=page.department.name,
        site_id=page.department.site_id,
        column=column.title if column else "",
        topic=str(page.topic),
        validity=page.validity,
        published=page.published_date,
    )


def search_documents():
    for page in (
        GovInfoPage.objects.live()
        .public()
        .select_related("department", "topic", "topic__parent")
        .order_by("pk")
        .iterator(chunk_size=500)
    ):
        yield page, document_for(page)


def update(page_id):
    page = (
        GovInfoPage.objects.filter(pk=page_id).select_related("department", "topic", "topic__parent").first()
    )
    if page is None:
        return
    if page.live and not page.get_view_restrictions().exists():
        index.update(page, document_for(page))
    else:
        index.remove(page)
