"""Machine pre-publication check of Chinese text (MISSION B1), shared by disclosure drafts, citizen messages and
new-media posts.

Findings (character offsets into the text):
- personal data — 18-digit 居民身份证号 (region prefix, real birth date, ISO 7064 MOD 11-2 check digit), mobile
  numbers, bank card numbers (Luhn): `block`. Built not to fire on 统一社会信用代码, 索引号, 文号, dates, landlines
  or amounts;
- words of the sensitive-word list (`block` or `warn` per word) and known serious wording errors (wrong → right),
  both editable by the disclosure office, matched in one pass over the text (Aho–Corasick) whatever the list size.

Links and attachments are checked by the disclosure app (in the background); it feeds attachment text through here.
"""

import re
from dataclasses import asdict, dataclass

import ahocorasick

from . import identity
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
# Digit runs not glued to other letters/digits. Separators inside phone and card numbers are allowed.
_ID_RE = re.compile(r"(?<![0-9A-Za-z/\-])(\d{17}[\dXx])(?![0-9A-Za-z/\-])")
_MOBILE_RE = re.compile(r"(?<![\d\-.])(?:\+?86[\s\-]?)?(1[3-9]\d)[\s\-]?(\d{4})[\s\-]?(\d{4})(?![\d.])")
_CARD_RE = re.compile(r"(?<![\d\-.])((?:\d[ \-]?){15,18}\d)(?![\d.])")
_AMOUNT_AFTER = re.compile(r"^\s*(?:元|万|亿|千|百|个|人|次|户|件|份|平方|公里|米|吨|斤|%|％|年|月|日|号)")
_ORG_CODE_CONTEXT = re.compile(
    r"(?:统一社会信用代码|信用代码|组织机构代码|索引号|税号|纳税人识别号)[:：\s]*$"
)
_CARD_CONTEXT = re.compile(r"(?:卡号|账号|帐号|银行卡|开户|户名|银行|储蓄卡|信用卡|社保卡)")


def _preceded_by_code_label(text, start):
    return bool(_ORG_CODE_CONTEXT.search(text[max(0, start - 16) : start]))


def find_personal_data(text):
    findings = []
    taken = []

    def overlaps(start, end):
        return any(s < end and start < e for s, e in taken)

    for m in _ID_RE.finditer(text):
        number = m.group(1)
        if _preceded_by_code_label(text, m.start()):
            continue
        if identity.is_resident_id(number):
            findings.append(
                Finding(
                    "resident_id",
                    m.start(1),
                    m.end(1),
                    BLOCK,
                    "疑似公民身份证号码（校验位正确），公开前须删除或脱敏。",
                )
            )
            taken.append((m.start(1), m.end(1)))
    for m in _MOBILE_RE.finditer(text):
        if overlaps(m.start(), m.end()) or _AMOUNT_AFTER.match(text[m.end() : m.end() + 3]):
            continue
        if _preceded_by_code_label(text, m.start()):
            continue
        findings.append(
            Finding("mobile", m.start(), m.end(), BLOCK, "疑似个人手机号码，公开前须删除或脱敏。")
        )
        taken.append((m.start(), m.end()))
    for m in _CARD_RE.finditer(text):
        raw = m.group(1)
        digits = re.sub(r"[ \-]", "", raw)
        if not 16 <= len(digits) <= 19 or overlaps(m.start(1), m.end(1)):
            continue
        if _AMOUNT_AFTER.match(text[m.end(1) : m.end(1) + 3]) or _preceded_by_code_label(text, m.start(1)):
            continue
        if not identity.luhn_ok(digits):
            continue
        # an unlabelled 16–19 digit run passes Luhn one time in ten: require a card-like issuer prefix, and a
        # nearby label unless the prefix is UnionPay's 62
        near = text[max(0, m.start(1) - 20) : m.start(1)]
        if digits[0] not in "3456" or (not digits.startswith("62") and not _CARD_CONTEXT.search(near)):
            continue
        findings.append(
            Finding(
                "bank_card",
                m.start(1),
                m.end(1),
                BLOCK,
                "疑似银行卡号（Luhn 校验通过），公开前须删除或脱敏。",
            )
        )
        taken.append((m.start(1), m.end(1)))
    return findings


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
    """The text with personal data masked, for public display of citizen-written text."""
    findings = [
        f
        for f in (findings if findings is not None else find_personal_data(text or ""))
        if f.kind in ("resident_id", "mobile", "bank_card")
    ]
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out.append(text[pos : f.start])
        out.append(identity.mask(text[f.start : f.end], 3, 4))
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
