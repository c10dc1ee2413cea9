"""Sentence splitting for Chinese read-aloud text (MISSION F7: read sentence by sentence, the sentence being read
highlighted). One function decides where sentences begin and end — the server uses it to cut the audio and the
template filter uses it to mark the page up — so the two always number sentences the same way.

Rules:
- a sentence ends at 。！？；!?; or …, together with the closing quotes/brackets right after them, and at every
  line break (a paragraph or list item is never read as part of the next one);
- a sentence longer than `max_len` characters is cut at the last ，、,：: that keeps the piece within `max_len`
  (or the first one after, if there is none), so one audio file stays short and the first one starts quickly;
- with no comma to cut at, it is cut at `max_len`, but never inside a number (3.5、2,000、12%) or a 文号
  (〔2024〕3号): the cut moves to the start of that token;
- pieces without anything to say (only punctuation or spaces) are dropped.
"""

import re

DEFAULT_MAX_LEN = 60


def max_len():
    """The longest sentence read as one piece, from settings (`GONGKAI_READALOUD_MAX_SENTENCE`)."""
    from django.conf import settings

    return int(getattr(settings, "GONGKAI_READALOUD_MAX_SENTENCE", DEFAULT_MAX_LEN))


_TERMINATORS = set("。！？；!?;…")
_CLOSERS = set("”’」』）)】》\"'〕]")
_LINE_BREAKS = set("\n\r\u2028\u2029")
_SOFT_BREAKS = set("，、,：:")
# tokens a hard cut must not split: 文号 (〔2024〕3号, [2024]3号), numbers with separators/percent, latin words
_PROTECTED = re.compile(
    r"[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d+\s*号"
    r"|\d+(?:[.,:：/]\d+)*\s*[%％‰]?"
    r"|[A-Za-z][A-Za-z'-]*"
)
_SPEAKABLE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")


def _trim(text, start, end):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_spans(text):
    """Cut at terminators (with their closing quotes) and line breaks."""
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _LINE_BREAKS:
            yield start, i
            i += 1
            start = i
            continue
        if ch in _TERMINATORS:
            i += 1
            while i < n and (text[i] in _TERMINATORS or text[i] in _CLOSERS):
                i += 1
            yield start, i
            start = i
            continue
        i += 1
    yield start, n


def _hard_cut(text, start, limit):
    """Where to cut a comma-less run at `limit`, moved back (or forward) so no protected token is split."""
    for match in _PROTECTED.finditer(text, start, limit + 40):
        if match.start() < limit < match.end():
            return match.start() if match.start() > start else match.end()
        if match.start() >= limit:
            break
    return limit


def _split_long(text, start, end, max_len):
    while end - start > max_len:
        window_end = start + max_len
        cut = None
        for i in range(window_end - 1, start, -1):
            if text[i] in _SOFT_BREAKS:
                cut = i + 1
                break
        if cut is None:
            cut = _hard_cut(text, start, window_end)
        if not _SPEAKABLE.search(text, cut, end):
            break  # only punctuation would be left: it stays with this piece
        piece = _trim(text, start, cut)
        if piece[0] < piece[1]:
            yield piece
        start = cut
    piece = _trim(text, start, end)
    if piece[0] < piece[1]:
        yield piece


def sentence_spans(text, max_len=DEFAULT_MAX_LEN):
    """(start, end) offsets of each sentence in `text`, whitespace trimmed, in reading order."""
    spans = []
    for start, end in _hard_spans(text):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        for s, e in _split_long(text, start, end, max_len):
            if _SPEAKABLE.search(text, s, e):
                spans.append((s, e))
    return spans


def normalize(sentence):
    """The text given to the speech engine: runs of whitespace collapsed to one space."""
    return " ".join(sentence.split())


def split_sentences(text, max_len=DEFAULT_MAX_LEN):
    """The sentences of `text` as strings, in reading order."""
    return [normalize(text[s:e]) for s, e in sentence_spans(text, max_len)]
