"""Read-aloud domain services (MISSION F7): what a page says, its sentences, and their cached MP3 audio.

Audio is cached in Django's default storage under
    readaloud/<page id>/<revision id>/<engine name>-<engine version>/<index>-<sha1 of the sentence>.mp3
so a newly published revision, another engine or voice, or a change in sentence splitting each get new files,
and everything under a revision that is no longer live can be pruned (`prune_audio`).
"""

import contextlib
import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass

import lameenc
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.html import escape
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from . import markup
from .engines import get_engine
from .sentences import max_len

logger = logging.getLogger("gongkai.readaloud")

ROOT = "readaloud"


# --- encoding -------------------------------------------------------------------------------------


def encode_mp3(pcm, sample_rate):
    """16-bit mono PCM → MP3 (48 kbit/s: clear speech at a tenth of the WAV size)."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(int(getattr(settings, "GONGKAI_READALOUD_BITRATE", 48)))
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(pcm) + encoder.flush())


def synthesize_mp3(text, engine=None):
    """Speak `text` with the configured engine and return MP3 bytes (also used by the captcha's audio)."""
    engine = engine or get_engine()
    pcm, sample_rate = engine.synthesize(text)
    return encode_mp3(pcm, sample_rate)


# --- what a page says -----------------------------------------------------------------------------


def _field_html(value):
    # RichTextField holds the stored HTML as a str; a StreamValue renders its blocks' HTML through str()
    return str(value) if value else ""


def body_html(page):
    """The HTML of a page's RichTextField/StreamField content, in field order."""
    parts = []
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField | StreamField):
            parts.append(_field_html(getattr(page, field.name)))
    return "\n".join(p for p in parts if p)


def read_aloud_html(page):
    """What is read for a page, as HTML: `page.read_aloud_text()` if its type defines one (plain text or HTML),
    else the title followed by its rich-text/StreamField content."""
    specific = page.specific
    custom = getattr(specific, "read_aloud_text", None)
    if callable(custom):
        return str(custom())
    return f"<h1>{escape(specific.title)}</h1>\n{body_html(specific)}"


def page_sentences(page):
    return markup.html_sentences(read_aloud_html(page), max_len())


def title_sentence_count(page):
    """How many sentences the title takes, i.e. where the body's numbering starts (default text source)."""
    return len(markup.html_sentences(f"<h1>{escape(page.title)}</h1>", max_len()))


# --- who may hear it ------------------------------------------------------------------------------


def public_live_page(page_id):
    """The page if it is live and not behind a view restriction (private pages are never read to the public)."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None or page.get_view_restrictions().exists():
        return None
    return page


def live_revision_id(page):
    """The published revision the audio belongs to (0 for a page published without revisions, e.g. by a
    fixture; its files are still told apart by the sentence hash)."""
    return page.live_revision_id or 0


# --- the cache ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str


def engine_key(engine=None):
    engine = engine or get_engine()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", f"{engine.name}-{engine.version}")


def audio_name(page_id, revision_id, index, text, engine=None):
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{ROOT}/{page_id}/{revision_id}/{engine_key(engine)}/{index}-{digest}.mp3"


_key_locks = {}
_key_locks_guard = threading.Lock()


def _lock_for(name):
    with _key_locks_guard:
        if len(_key_locks) > 1000:
            _key_locks.clear()
        return _key_locks.setdefault(name, threading.Lock())


def cached_audio(name):
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    return None


def ensure_audio(page_id, revision_id, index, text, engine=None):
    """MP3 bytes for one sentence: from storage, or synthesised now and stored. Returns (bytes, from_cache)."""
    engine = engine or get_engine()
    name = audio_name(page_id, revision_id, index, text, engine)
    data = cached_audio(name)
    if data is not None:
        return data, True
    with _lock_for(name):  # two requests in one process for the same sentence synthesise it once
        data = cached_audio(name)
        if data is not None:
            return data, True
        data = synthesize_mp3(text, engine)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # another process stored it first; keep theirs
            default_storage.delete(saved)
    return data, False


def generate_page_audio(page_id):
    """Synthesise every missing sentence of the page's live revision (run in the background after publish).
    Returns how many files were made."""
    page = public_live_page(page_id)
    if page is None:
        return 0
    engine = get_engine()
    revision_id = live_revision_id(page)
    made = 0
    for index, text in enumerate(page_sentences(page)):
        _, from_cache = ensure_audio(page.pk, revision_id, index, text, engine)
        made += not from_cache
    return made


def _listdir(path):
    try:
        return default_storage.listdir(path)
    except FileNotFoundError:
        return [], []


def _delete_tree(path):
    dirs, files = _listdir(path)
    count = 0
    for name in files:
        default_storage.delete(f"{path}/{name}")
        count += 1
    for name in dirs:
        count += _delete_tree(f"{path}/{name}")
    # object stores have no directories; on the file system remove the emptied one
    if isinstance(default_storage, FileSystemStorage):
        with contextlib.suppress(OSError):
            os.rmdir(default_storage.path(path))
    return count


def prune_audio():
    """Delete audio of revisions that are no longer live (and of pages no longer public) and of engines no
    longer configured. Returns the number of files deleted."""
    current_engine = engine_key()
    page_dirs, _ = _listdir(ROOT)
    ids = [int(d) for d in page_dirs if d.isdecimal()]
    live = {p.pk: p for p in Page.objects.filter(pk__in=ids, live=True)}
    deleted = 0
    for page_dir in page_dirs:
        if not page_dir.isdecimal():
            deleted += _prune_source(page_dir, current_engine)
            continue
        page = live.get(int(page_dir))
        if page is None or page.get_view_restrictions().exists():
            deleted += _delete_tree(f"{ROOT}/{page_dir}")
            continue
        keep = str(live_revision_id(page))
        revision_dirs, _ = _listdir(f"{ROOT}/{page_dir}")
        for revision_dir in revision_dirs:
            if revision_dir != keep:
                deleted += _delete_tree(f"{ROOT}/{page_dir}/{revision_dir}")
                continue
            engine_dirs, _ = _listdir(f"{ROOT}/{page_dir}/{revision_dir}")
            for engine_dir in engine_dirs:
                if engine_dir != current_engine:
                    deleted += _delete_tree(f"{ROOT}/{page_dir}/{revision_dir}/{engine_dir}")
    return deleted


def _prune_source(kind, current_engine):
    """Audio of objects that are not pages (sources.py): kept only for the object's current text and engine."""
    from . import sources

    deleted = 0
    key_dirs, _ = _listdir(f"{ROOT}/{kind}")
    for key in key_dirs:
        readable = sources.resolve(kind, key) if kind in sources.registry() else None
        keep = sources.version(sources.sentences(readable)) if readable is not None else None
        version_dirs, _ = _listdir(f"{ROOT}/{kind}/{key}")
        for version in version_dirs:
            path = f"{ROOT}/{kind}/{key}/{version}"
            if version != keep:
                deleted += _delete_tree(path)
                continue
            engine_dirs, _ = _listdir(path)
            for engine_dir in engine_dirs:
                if engine_dir != current_engine:
                    deleted += _delete_tree(f"{path}/{engine_dir}")
    return deleted
