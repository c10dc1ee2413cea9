"""The registration interface other apps call to keep the search index current (docs/search.md).

    from gongkai.search import index
    index.update(item, index.Document(kind="item", title=…, url=…, body=…, …))   # on publish / edit
    index.remove(item)                                                          # on unpublish / delete

Full rebuilds read every app's ``gongkai/<app>/search_sources.py``: a function ``search_documents()`` yielding
``(obj, document)`` pairs for everything that is public now (`gongkai search reindex`).
"""

import datetime
from dataclasses import asdict, dataclass, fields

import rjieba
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from gongkai.core.discovery import app_modules

from . import engine, text
from .models import Kind, SearchEntry, Validity

#: PostgreSQL keeps word positions only up to 16,383; the body is cut at this many tokens on *both* engines so
#: they index the same thing. About 15,000 Chinese characters of body text; the title and 文号 are always indexed.
MAX_BODY_TOKENS = 15000


@dataclass
class Document:
    """What the index stores about one public object. `kind` is one of `models.Kind`; `validity` one of
    `models.Validity` or empty; `year` defaults to the year of `published`."""

    title: str
    url: str
    kind: str = Kind.ITEM
    number: str = ""
    body: str = ""
    department_id: int | None = None
    department_name: str = ""
    column: str = ""
    topic: str = ""
    year: int | None = None
    validity: str = ""
    published: datetime.date | None = None
    site_id: int | None = None  # default: the site of the department


_FIELD_NAMES = {f.name for f in fields(Document)}


def as_document(document):
    """A `Document` from a Document or a dict; a clear error for anything the index cannot hold."""
    if isinstance(document, Document):
        doc = Document(**asdict(document))
    elif isinstance(document, dict):
        unknown = set(document) - _FIELD_NAMES
        if unknown:
            raise ValueError(f"检索文档含有未知字段：{'、'.join(sorted(unknown))}")
        doc = Document(**document)
    else:
        raise TypeError("检索文档应为 gongkai.search.index.Document 或 dict。")
    if not (doc.title or "").strip():
        raise ValueError("检索文档缺少标题。")
    if not (doc.url or "").strip():
        raise ValueError("检索文档缺少链接。")
    if doc.kind not in Kind.values:
        raise ValueError(f"检索文档类别「{doc.kind}」不在 {', '.join(Kind.values)} 之中。")
    if doc.validity and doc.validity not in Validity.values:
        raise ValueError(f"有效性「{doc.validity}」不在 {', '.join(Validity.values)} 之中。")
    if isinstance(doc.published, datetime.datetime):
        doc.published = doc.published.date()
    if doc.year is None and doc.published is not None:
        doc.year = doc.published.year
    return doc


def title_words(title_key):
    """The jieba words of a normalised title, space-padded (" 不动产 登记 … ") so a whole-word test is a
    substring test for " word ". Used for ranking only, never for matching (research/search-perf.md §1.2)."""
    words = [w for w in rjieba.cut_for_search(title_key, hmm=False) if text.tokens_chars(w)]
    return " " + " ".join(dict.fromkeys(words)) + " " if words else ""


def _department_site(department_id, cache):
    if department_id not in cache:
        from gongkai.org.models import Department

        cache[department_id] = (
            Department.objects.filter(pk=department_id).values_list("site_id", flat=True).first()
        )
    return cache[department_id]


def entry_fields(document, site_cache=None):
    """The SearchEntry columns for a document, tokens included."""
    doc = as_document(document)
    site_id = doc.site_id
    if site_id is None and doc.department_id is not None:
        site_id = _department_site(doc.department_id, {} if site_cache is None else site_cache)
    title_key = text.normalize(doc.title.strip())[:500]
    return {
        "kind": doc.kind,
        "title": doc.title.strip()[:500],
        "number": (doc.number or "").strip()[:100],
        "body": doc.body or "",
        "url": doc.url[:500],
        "department_id": doc.department_id,
        "department_name": (doc.department_name or "")[:100],
        "site_id": site_id,
        "column": (doc.column or "")[:100],
        "topic": (doc.topic or "")[:100],
        "year": doc.year,
        "validity": doc.validity or "",
        "published": doc.published,
        "title_tokens": text.token_text(doc.title),
        "number_tokens": text.token_text(doc.number),
        "body_tokens": " ".join(text.tokens(doc.body)[:MAX_BODY_TOKENS]),
        "title_key": title_key,
        "title_words": title_words(title_key),
    }


def _source(obj):
    return ContentType.objects.get_for_model(obj, for_concrete_model=False), str(obj.pk)


def update(obj, document):
    """Insert or replace the entry of `obj` (call it when `obj` is published or its public text changes)."""
    content_type, object_id = _source(obj)
    return update_source(content_type, object_id, document)


@transaction.atomic
def update_source(content_type, object_id, document):
    """`update` for a source given as (ContentType, object id) — for sources that are not model instances."""
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=content_type, object_id=str(object_id), defaults=entry_fields(document)
    )
    return entry


def remove(obj):
    """Drop the entry of `obj` (call it when `obj` is unpublished or deleted). Returns how many were removed."""
    content_type, object_id = _source(obj)
    deleted, _ = SearchEntry.objects.filter(content_type=content_type, object_id=object_id).delete()
    return deleted


def source_modules():
    """Every installed gongkai app's `search_sources` module, in INSTALLED_APPS order."""
    return [
        module
        for _label, module in app_modules("search_sources")
        if callable(getattr(module, "search_documents", None))
    ]


def iter_source_documents():
    for module in source_modules():
        yield from module.search_documents()


def bulk_load(pairs, batch_size=1000, progress=None):
    """Insert entries for (obj, document) pairs — or (content_type, object_id, document) triples — in batches,
    without deleting anything first. Returns the number written. `progress(n)` is called after each batch."""
    batch, written = [], 0
    ct_cache, site_cache = {}, {}

    def flush():
        nonlocal batch, written
        if batch:
            SearchEntry.objects.bulk_create(batch)
            written += len(batch)
            if progress:
                progress(len(batch))
            batch = []

    for pair in pairs:
        if len(pair) == 3:
            content_type, object_id, document = pair
        else:
            obj, document = pair
            model = type(obj)
            if model not in ct_cache:
                ct_cache[model] = ContentType.objects.get_for_model(obj, for_concrete_model=False)
            content_type, object_id = ct_cache[model], str(obj.pk)
        batch.append(
            SearchEntry(content_type=content_type, object_id=object_id, **entry_fields(document, site_cache))
        )
        if len(batch) >= batch_size:
            flush()
    flush()
    return written


def reindex(pairs=None, batch_size=1000, progress=None):
    """Rebuild the whole index from `pairs` (default: every app's search_sources) in one transaction, so the
    public search never sees a half-built index. Re-installs the engine structure first."""
    if not engine.installed():
        engine.install()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        written = bulk_load(iter_source_documents() if pairs is None else pairs, batch_size, progress)
    engine.rebuild_structure()
    return written
