"""Highlighted snippets: a window of the raw text around the first hit, every term in <mark>, all else escaped.

Matching is done on the normalised text (full-width → half-width, lower case) with a map back to the raw
characters, so 'ＰＤＦ' in the text is marked for the query 'pdf' and the raw characters are what is shown.
"""

from django.utils.html import escape

from . import text

SNIPPET_LENGTH = 120
LEAD = 30


def _normalised_with_map(raw):
    chars, where = [], []
    for i, ch in enumerate(raw):
        for n in text.normalize(ch):
            chars.append(n)
            where.append(i)
    return "".join(chars), where


def _spans(raw, terms):
    """Sorted, merged [start, end) spans of `raw` where any term occurs."""
    norm, where = _normalised_with_map(raw)
    spans = []
    for term in terms:
        if not term:
            continue
        start = norm.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((where[start], where[end - 1] + 1))
            start = norm.find(term, end)
    spans.sort()
    merged = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _render(raw, spans, start, end):
    out, pos = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(escape(raw[pos:s]))
        out.append(f"<mark>{escape(raw[s:e])}</mark>")
        pos = e
    out.append(escape(raw[pos:end]))
    return "".join(out)


def highlight(raw, terms):
    """The whole of `raw` (e.g. a title), escaped, with the terms marked."""
    raw = raw or ""
    return _render(raw, _spans(raw, terms), 0, len(raw))


def snippet(raw, terms, length=SNIPPET_LENGTH):
    """About `length` characters of `raw` around the first hit, escaped, terms marked, … where cut."""
    raw = " ".join((raw or "").split())
    if not raw:
        return ""
    spans = _spans(raw, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - LEAD)
    end = min(len(raw), start + length)
    start = max(0, min(start, end - length))
    html = _render(raw, spans, start, end)
    return ("…" if start > 0 else "") + html + ("…" if end < len(raw) else "")
