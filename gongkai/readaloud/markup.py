"""HTML ↔ read-aloud sentences. The server's sentence list and the page's `<span class="ra-s" data-ra="N">`
marks both come from `html_to_text` + `sentences.sentence_spans`, so sentence N on the page is audio file N.

Block elements (p, li, h1–h6, td, br …) end a sentence like a line break does; script/style are not read.
Markup keeps every tag and attribute exactly as written and only wraps (escaped) text in spans; a sentence
that crosses inline tags (<a>, <strong>) gets one span per text piece, all with the same index.
"""

from html import escape
from html.parser import HTMLParser

from .sentences import DEFAULT_MAX_LEN, normalize, sentence_spans

BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
SILENT_TAGS = frozenset(("script", "style", "template", "noscript"))


class _Tokens(HTMLParser):
    """Splits HTML into raw markup pieces and text pieces, recording where each text piece sits in the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []  # ("raw", str) | ("text", str, offset)
        self.text = []
        self.length = 0
        self.silent = 0

    def _break(self):
        self.text.append("\n")
        self.length += 1

    def handle_starttag(self, tag, attrs):
        self.items.append(("raw", self.get_starttag_text()))
        if tag in SILENT_TAGS:
            self.silent += 1
        if tag in BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.items.append(("raw", self.get_starttag_text()))
        if tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        self.items.append(("raw", f"</{tag}>"))
        if tag in SILENT_TAGS and self.silent:
            self.silent -= 1
        if tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if self.silent:
            self.items.append(("raw", data))  # script/style content passes through untouched
            return
        self.items.append(("text", data, self.length))
        self.text.append(data)
        self.length += len(data)

    def handle_comment(self, data):
        self.items.append(("raw", f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.items.append(("raw", f"<!{decl}>"))

    def handle_pi(self, data):
        self.items.append(("raw", f"<?{data}>"))

    def unknown_decl(self, data):
        self.items.append(("raw", f"<![{data}]>"))


def _parse(html):
    parser = _Tokens()
    parser.feed(str(html or ""))
    parser.close()
    return parser


def html_to_text(html):
    """The readable text of an HTML fragment, with a line break at every block boundary."""
    return "".join(_parse(html).text)


def html_sentences(html, max_len=DEFAULT_MAX_LEN):
    """The sentences of an HTML fragment, as the speech engine gets them."""
    text = html_to_text(html)
    return [normalize(text[s:e]) for s, e in sentence_spans(text, max_len)]


def mark_sentences(html, start=0, max_len=DEFAULT_MAX_LEN):
    """`html` with each sentence's text wrapped in <span class="ra-s" data-ra="N">, N counted from `start`.

    Returns (marked_html, number_of_sentences)."""
    parser = _parse(html)
    text = "".join(parser.text)
    spans = sentence_spans(text, max_len)
    out = []
    k = 0  # first sentence that may still overlap the current text piece
    for item in parser.items:
        if item[0] == "raw":
            out.append(item[1])
            continue
        _, data, offset = item
        pos, end = offset, offset + len(data)
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        j = k
        while pos < end:
            if j >= len(spans) or spans[j][0] >= end:
                out.append(escape(text[pos:end], quote=False))
                break
            s, e = spans[j]
            if s > pos:
                out.append(escape(text[pos:s], quote=False))
                pos = s
            cut = min(e, end)
            out.append(
                f'<span class="ra-s" data-ra="{start + j}">{escape(text[pos:cut], quote=False)}</span>'
            )
            pos = cut
            if e <= end:
                j += 1
    return "".join(out), len(spans)
