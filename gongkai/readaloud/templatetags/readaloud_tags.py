"""Template side of read-aloud:

    {% load readaloud_tags %}
    {% read_aloud_button page %}
    <h1>{{ page.title|read_aloud_sentences }}</h1>
    {{ page.body|richtext|read_aloud_sentences:page }}

`read_aloud_sentences` wraps each sentence in <span class="ra-s" data-ra="N">. Its argument is where the
numbering starts: a number, or a page — then it starts after the page's title sentences, matching the default
text source (title, then body). With no argument it starts at 0.
"""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .. import markup, services

register = template.Library()


@register.filter(is_safe=True)
def read_aloud_sentences(value, start=0):
    if value is None:
        return ""
    html = str(conditional_escape(value))  # HTML (richtext output, SafeString) as is; plain text escaped
    if hasattr(start, "title") and hasattr(start, "pk"):
        start = services.title_sentence_count(start)
    marked, _ = markup.mark_sentences(html, int(start or 0), services.max_len())
    return mark_safe(marked)  # noqa: S308 — tags kept verbatim, every text piece escaped by mark_sentences


@register.inclusion_tag("readaloud/button.html")
def read_aloud_button(page):
    """The 朗读 control for a live public page (nothing for drafts or private pages)."""
    if page is None or not page.live or page.get_view_restrictions().exists():
        return {"enabled": False}
    return {"enabled": True, "page": page, "url": reverse("readaloud:sentences", args=[page.pk])}
