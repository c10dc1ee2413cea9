"""Read-aloud for what is not a Wagtail page (办事指南, 问答, 操作指引, 留言详情 …).

An app offers its objects to read-aloud by a module `<app>/read_aloud.py` (found like `api.py` or `tasks.py`,
gongkai.core.discovery) defining `SOURCES = {kind: resolve, …}`. `resolve(key, request)` returns a `Readable`
(or None when the object is not public on that request's site; `request` is None when the prune job asks, meaning
"on any site"). A Readable is the title and a template fragment with its context: the detail page includes the
same fragment inside `{% read_aloud_region %}`, so the page's sentence marks and the server's audio list come
from the same HTML (docs/readaloud.md).

Audio is cached under readaloud/<kind>/<key>/<version>/…, where the version is a hash of the sentences: an edited
answer or guide gets new files, and the prune job deletes the old ones.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.html import escape

from gongkai.core.discovery import app_modules

from . import markup
from .sentences import max_len

KEY = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


@dataclass(frozen=True)
class Readable:
    title: str
    template: str
    context: dict = field(default_factory=dict)

    def body_html(self):
        return render_to_string(self.template, self.context)

    def html(self):
        return f"<h1>{escape(self.title)}</h1>\n{self.body_html()}"


@lru_cache(maxsize=1)
def registry():
    found = {}
    for label, module in app_modules("read_aloud"):
        for kind, resolve in getattr(module, "SOURCES", {}).items():
            if kind in found or not KEY.match(kind) or kind.isdecimal():
                raise ValueError(f"read_aloud.SOURCES of {label}: kind {kind!r} is taken or not a plain name")
            found[kind] = resolve
    return found


def resolve(kind, key, request=None):
    """The Readable of one object, or None (unknown kind, malformed key, not public)."""
    resolver = registry().get(kind)
    if resolver is None or not KEY.match(str(key)):
        return None
    return resolver(str(key), request)


def sentences(readable):
    return markup.html_sentences(readable.html(), max_len())


def version(sentence_list):
    """What the cached audio of an object belongs to: changes whenever what is read changes."""
    digest = hashlib.sha1("\n".join(sentence_list).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:12]
