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
from django.utils.html import conditional_escape, escape
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
    return {"enabled": True, "ident": page.pk, "url": reverse("readaloud:sentences", args=[page.pk])}


@register.inclusion_tag("readaloud/button.html")
def read_aloud_source_button(kind, key):
    """The 朗读 control for an object an app offers in its read_aloud.py (sources.py), e.g.
    `{% read_aloud_source_button "fuwu-zhinan" guide.pk %}`."""
    key = str(key)
    return {
        "enabled": True,
        "ident": f"{kind}-{key}",
        "url": reverse("readaloud:source_sentences", args=[kind, key]),
    }


class RegionNode(template.Node):
    def __init__(self, title, nodelist):
        self.title, self.nodelist = title, nodelist

    def render(self, context):
        title = self.title.resolve(context)
        start = len(markup.html_sentences(f"<h1>{escape(title)}</h1>", services.max_len()))
        marked, _ = markup.mark_sentences(self.nodelist.render(context), start, services.max_len())
        return mark_safe(marked)  # noqa: S308 — tags kept verbatim, every text piece escaped by mark_sentences


@register.tag
def read_aloud_region(parser, token):
    """`{% read_aloud_region title %}{% include "fragment.html" %}{% end_read_aloud_region %}`: the fragment's
    sentences marked, numbered after the title's — what a sources.py Readable with that title and fragment reads."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("read_aloud_region 需要一个参数：标题")
    nodelist = parser.parse(("end_read_aloud_region",))
    parser.delete_first_token()
    return RegionNode(parser.compile_filter(bits[1]), nodelist)
