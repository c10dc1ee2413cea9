"""The one detector of personal data in free text (个人信息, RULES.md; issue 18 §1), used both by the pre-publication
check (`textcheck.check_text`, disclosure drafts, citizen messages, new-media posts) and by the masking of citizen
text on public pages (`mask_text`: messages, replies, the board, search), so what the check finds is what the public
page hides.

Found as people write them — full-width digits (１３８…), spaces, hyphens or dots between groups:
- 居民身份证号: 18 digits with a real region prefix, birth date and ISO 7064 MOD 11-2 check digit (the check digit is
  what keeps a long document number from passing); the old 15-digit form (region, YYMMDD, sequence);
- mobile numbers 1[3-9]x-xxxx-xxxx, with or without +86; landlines with an area code, 0718-8221234 or
  (0718)8221234 — not when labelled as an office's line (咨询电话, 传真, 服务热线 …), which a notice publishes on
  purpose;
- e-mail addresses (not *.gov.cn, an office's own);
- bank card numbers (Luhn, an issuer-like prefix and, unless UnionPay's 62, a label near by).

Built not to fire on 统一社会信用代码, 索引号, 文号 (恩市教发〔2026〕12号), dates, amounts and prices. Offsets are
character offsets into the text as written.
"""

import re
from typing import NamedTuple

from . import identity

BLOCK = "block"
WARN = "warn"


class Kind(NamedTuple):
    severity: str
    message: str


#: what the pre-publication check says of each kind. Landlines and e-mail addresses are only a warning there: a
#: notice may name its contact's office line or mailbox on purpose; on public pages of citizen text all are masked.
KINDS = {
    "resident_id": Kind(BLOCK, "疑似公民身份证号码（校验位正确），公开前须删除或脱敏。"),
    "resident_id_15": Kind(BLOCK, "疑似 15 位公民身份证号码，公开前须删除或脱敏。"),
    "mobile": Kind(BLOCK, "疑似个人手机号码，公开前须删除或脱敏。"),
    "bank_card": Kind(BLOCK, "疑似银行卡号（Luhn 校验通过），公开前须删除或脱敏。"),
    "landline": Kind(WARN, "疑似个人固定电话号码；如非单位对外公布的办公电话，公开前须删除或脱敏。"),
    "email": Kind(WARN, "疑似个人电子邮箱；如非单位对外公布的邮箱，公开前须删除或脱敏。"),
}


class Found(NamedTuple):
    kind: str
    start: int
    end: int


# Full-width digits, letters X/x, signs and spaces are read as their ASCII forms. One character for one, so the
# offsets found in the normalised text are those of the text as written.
_NORMALISE = str.maketrans(
    "０１２３４５６７８９Ｘｘ＠．－（）＋\u3000\u00a0—",
    "0123456789Xx@.-()+  -",
)

_ID18_RE = re.compile(r"(?<![0-9A-Za-z/\-])(\d(?:[ \-]?\d){16}[ \-]?[\dXx])(?![0-9A-Za-z/\-])")
_ID15_RE = re.compile(r"(?<![0-9A-Za-z/\-.])(\d{6}[ \-]?\d{6}[ \-]?\d{3})(?![0-9A-Za-z/\-]|\.\d)")
# the same separator (or none) between the three groups: 138.1234.5678, 138 1234 5678, 138-1234-5678
_MOBILE_RE = re.compile(
    r"(?<![\d\-.])(?:(?:\+?86|\(\+?86\))[ \-]?)?(1[3-9]\d)([ \-.]?)(\d{4})\2(\d{4})(?!\d|\.\d)"
)
_LANDLINE_RE = re.compile(
    r"(?<![\d\-.])(?:\((0\d{2,3})\)[ \-]?|(0\d{2,3})[ \-])([2-9]\d{6,7})(?:(?:转|-)(\d{1,5}))?(?!\d|\.\d)"
)
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?![A-Za-z])"
)
_CARD_RE = re.compile(r"(?<![\d\-.])((?:\d[ \-]?){15,18}\d)(?!\d|\.\d)")

_AMOUNT_AFTER = re.compile(r"^\s*(?:元|万|亿|千|百|个|人|次|户|件|份|平方|公里|米|吨|斤|%|％|年|月|日|号)")
_CODE_LABEL_BEFORE = re.compile(
    r"(?:统一社会信用代码|信用代码|组织机构代码|索引号|税号|纳税人识别号|编号|编码|订单号|流水号|单号)[:：\s]*$"
)
_CARD_LABEL = re.compile(r"(?:卡号|账号|帐号|银行卡|开户|户名|银行|储蓄卡|信用卡|社保卡)")
_OFFICE_LINE_LABEL = re.compile(
    r"(?:咨询电话|办公电话|办公室电话|值班电话|服务电话|服务热线|热线电话|热线|监督电话|投诉电话|举报电话|传真)"
    r"[^，。；;\n]{0,6}$"
)


def _after(text, end, n=3):
    return text[end : end + n]


def _code_labelled(text, start):
    return bool(_CODE_LABEL_BEFORE.search(text[max(0, start - 16) : start]))


def _digits(value):
    return re.sub(r"\D", "", value)


def _plausible_id15(number):
    """An old 15-digit 居民身份证号: region prefix and a real date of birth 19YYMMDD (no check digit)."""
    if number[:2] not in identity.PROVINCE_CODES:
        return False
    return identity.resident_id_birth_date(number[:6] + "19" + number[6:12] + "0000") is not None


def find(text):
    """Every piece of personal data in `text`, ordered by position, none overlapping another."""
    text = text or ""
    plain = text.translate(_NORMALISE)
    found = []

    def free(start, end):
        return all(f.end <= start or end <= f.start for f in found)

    def add(kind, start, end):
        if free(start, end):
            found.append(Found(kind, start, end))

    for m in _ID18_RE.finditer(plain):
        number = _digits(m.group(1)[:-1]) + m.group(1)[-1]
        if len(number) == 18 and not _code_labelled(plain, m.start(1)) and identity.is_resident_id(number):
            add("resident_id", m.start(1), m.end(1))
    for m in _ID15_RE.finditer(plain):
        if _code_labelled(plain, m.start(1)) or _AMOUNT_AFTER.match(_after(plain, m.end(1))):
            continue
        if _plausible_id15(_digits(m.group(1))):
            add("resident_id_15", m.start(1), m.end(1))
    for m in _EMAIL_RE.finditer(plain):
        if not m.group(0).lower().endswith(".gov.cn"):
            add("email", m.start(), m.end())
    for m in _MOBILE_RE.finditer(plain):
        if _AMOUNT_AFTER.match(_after(plain, m.end())) or _code_labelled(plain, m.start()):
            continue
        add("mobile", m.start(), m.end())
    for m in _LANDLINE_RE.finditer(plain):
        if _OFFICE_LINE_LABEL.search(plain[max(0, m.start() - 16) : m.start()]):
            continue
        if _AMOUNT_AFTER.match(_after(plain, m.end())) or _code_labelled(plain, m.start()):
            continue
        add("landline", m.start(), m.end())
    for m in _CARD_RE.finditer(plain):
        digits = _digits(m.group(1))
        if not 16 <= len(digits) <= 19 or not free(m.start(1), m.end(1)):
            continue
        if _AMOUNT_AFTER.match(_after(plain, m.end(1))) or _code_labelled(plain, m.start(1)):
            continue
        if not identity.luhn_ok(digits):
            continue
        # an unlabelled 16–19 digit run passes Luhn one time in ten: require a card-like issuer prefix, and a
        # nearby label unless the prefix is UnionPay's 62
        near = plain[max(0, m.start(1) - 20) : m.start(1)]
        if digits[0] not in "3456" or (not digits.startswith("62") and not _CARD_LABEL.search(near)):
            continue
        add("bank_card", m.start(1), m.end(1))
    return sorted(found, key=lambda f: f.start)


def _mask_digits(value, keep_first, keep_last):
    """Digits (ASCII or full-width, and a final X) replaced by * except the first and last few; separators kept."""
    positions = [i for i, c in enumerate(value) if c.translate(_NORMALISE) in "0123456789Xx"]
    hidden = set(positions[keep_first : len(positions) - keep_last])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def mask_value(kind, value):
    """How one piece of personal data shows on a public page: 139****1234, 420***********1231, 0718-***1234,
    zh***@163.com."""
    if kind == "email":
        local, _, domain = value.partition("@")
        return local[:2] + "***@" + domain
    if kind == "landline":
        area = re.match(r"\D*\d{3,4}", value.translate(_NORMALISE))
        return _mask_digits(
            value, len(_digits(area.group(0))) if area else 3, 4 if len(_digits(value)) > 8 else 2
        )
    if kind == "mobile":  # +86 139 0718 1234 → +86 139 **** 1234
        return _mask_digits(value, 3 + len(_digits(value.translate(_NORMALISE))) - 11, 4)
    return _mask_digits(value, 3, 4)


def mask_text(text, found=None):
    """`text` with every piece of personal data masked, for public display of citizen-written text."""
    text = text or ""
    out, pos = [], 0
    for f in sorted(find(text) if found is None else found, key=lambda f: f.start):
        out.append(text[pos : f.start])
        out.append(mask_value(f.kind, text[f.start : f.end]))
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
