"""Machine pre-publication check of Chinese text (MISSION B1), shared by disclosure drafts, citizen messages and
new-media posts.

Findings (character offsets into the text):
- personal data, found by the one detector public pages mask with (`gongkai.core.personal_data`): 居民身份证号
  (18 digits with check digit, or the old 15), mobile numbers, bank card numbers (Luhn): `block`; personal
  landlines and e-mail addresses: `warn`. Built not to fire on 统一社会信用代码, 索引号, 文号, dates or amounts;
- words of the sensitive-word list (`block` or `warn` per word) and known serious wording errors (wrong → right),
  both editable by the disclosure office, matched in one pass over the text (Aho–Corasick) whatever the list size.

Links and attachments are checked by the disclosure app (in the background); it feeds attachment text through here.
"""

import re
from dataclasses import asdict, dataclass
from html import unescape

import ahocorasick

from . import personal_data
from .snapshot import SharedSnapshot

BLOCK = "block"
WARN = "warn"


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    severity: str
    message: str

    def as_dict(self):
        return asdict(self)


# --- personal data --------------------------------------------------------------------------------------------
# a landline an item gives as its contact (联系电话：0718-8222345) is the issuing office's own line: a notice publishes
# it on purpose. Public masking of citizens' text is stricter — there the same words precede the citizen's own number.
_CONTACT_LINE_LABEL = re.compile(r"(?:联系电话|联系方式)[^，。；;\n]{0,6}$")


def find_personal_data(text):
    """The findings of the one personal-data detector (`gongkai.core.personal_data`), as the check reports them."""
    text = text or ""
    return [
        Finding(
            f.kind, f.start, f.end, personal_data.KINDS[f.kind].severity, personal_data.KINDS[f.kind].message
        )
        for f in personal_data.find(text)
        if not (f.kind == "landline" and _CONTACT_LINE_LABEL.search(text[max(0, f.start - 16) : f.start]))
    ]


# --- word lists -----------------------------------------------------------------------------------------------
class WordMatcher:
    """One Aho–Corasick automaton over the sensitive words and the wrong forms of the wording list."""

    def __init__(self, sensitive, corrections):
        self.automaton = ahocorasick.Automaton()
        for word, severity, note in sensitive:
            if word:
                self.automaton.add_word(word, ("sensitive_word", word, severity, note))
        for wrong, right, severity, note in corrections:
            if wrong:
                self.automaton.add_word(wrong, ("wording_error", wrong, severity, right or note))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text):
        if self.empty:
            return []
        findings = []
        # iter_long: leftmost-longest, non-overlapping matches (中华人民共合国 wins over 共合国), all in C
        for end, (kind, word, severity, extra) in self.automaton.iter_long(text):
            findings.append(
                Finding(kind, end - len(word) + 1, end + 1, severity, _message(kind, word, extra))
            )
        return findings


def _message(kind, word, extra):
    if kind == "wording_error":
        return f"严重表述错误：“{word}”应为“{extra}”。" if extra else f"严重表述错误：“{word}”。"
    return f"敏感词：“{word}”" + (f"（{extra}）" if extra else "") + "。"


def load_matcher():
    from .models import SensitiveWord, WordingCorrection

    sensitive = SensitiveWord.objects.filter(active=True).values_list("word", "severity", "category")
    corrections = WordingCorrection.objects.filter(active=True).values_list(
        "wrong", "right", "severity", "note"
    )
    return WordMatcher(list(sensitive), list(corrections))


_matcher = SharedSnapshot("gongkai:wordlists:version", load_matcher)


def get_matcher():
    """The word lists' matcher, rebuilt when a list changed in any process."""
    return _matcher.get()


def invalidate():
    _matcher.invalidate()


_BLOCK_END_RE = re.compile(r"(?i)<br\s*/?>|</(?:td|th|tr|p|div|li|h[1-6]|caption|blockquote)\s*>")
_TAG_RE = re.compile(r"<[^>]*>")


def html_text(html):
    """The text of a rich-text body as a reader sees it: each table cell, paragraph and line on its own line.
    Stripping the tags alone runs neighbouring cells together — a row of figures 2 1 1 1 5 … becomes one long
    number that reads as an identity number — and a tab or line break is no separator the detector accepts."""
    return unescape(_TAG_RE.sub("", _BLOCK_END_RE.sub("\n", html or "")))


def check_text(text, matcher=None):
    """All findings in `text`, ordered by position."""
    text = text or ""
    findings = find_personal_data(text)
    findings.extend((matcher or get_matcher()).find(text))
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def has_blocking(findings):
    return any(f.severity == BLOCK for f in findings)


def mask_personal_data(text, findings=None):
    """The text with personal data masked, for public display of citizen-written text (the same detector as the
    check: `personal_data.mask_text`)."""
    if findings is not None:
        findings = [f for f in findings if f.kind in personal_data.KINDS]
    return personal_data.mask_text(text or "", findings)


def mask_official_reply(text):
    """A department's published reply masked as citizens' text is, except the landlines: a reply gives the office's
    own line to call (致电市教育局基础教育科0718-8222345); a mobile, an ID or an e-mail it quotes is the citizen's."""
    text = text or ""
    return personal_data.mask_text(text, [f for f in personal_data.find(text) if f.kind != "landline"])
