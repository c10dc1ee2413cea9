"""Check digits of Chinese identity numbers, shared by the FOI intake and the pre-publication check.

- 居民身份证号 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check.
- 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z less I, O, S, V, Z; weighted mod 31 check.
- 组织机构代码 (GB 11714-1997): 8 characters plus a mod 11 check (digit or X).
- Bank card numbers: Luhn.
"""

import datetime
import re

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
# first two digits of valid province-level region codes
PROVINCE_CODES = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "81",
    "82",
    "83",
}
RESIDENT_ID_RE = re.compile(r"^\d{17}[\dXx]$")

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def resident_id_check_char(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def resident_id_birth_date(number):
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def is_resident_id(number, today=None):
    """A plausible 18-digit 居民身份证号: known province prefix, a real birth date not in the future and not before
    1900, and the right check character."""
    if not RESIDENT_ID_RE.match(number or ""):
        return False
    if number[:2] not in PROVINCE_CODES:
        return False
    birth = resident_id_birth_date(number)
    today = today or datetime.date.today()  # noqa: DTZ011 — a date of birth has no time zone
    if birth is None or birth.year < 1900 or birth > today:
        return False
    return resident_id_check_char(number[:17]) == number[17].upper()


def resident_id_error(number):
    """A Chinese message saying what is wrong with a 居民身份证号, or None."""
    number = (number or "").strip()
    if not RESIDENT_ID_RE.match(number):
        return "居民身份证号应为 18 位（前 17 位为数字，最后一位为数字或 X）。"
    if number[:2] not in PROVINCE_CODES:
        return "居民身份证号的地区码不正确。"
    birth = resident_id_birth_date(number)
    if birth is None or birth.year < 1900 or birth > datetime.date.today():  # noqa: DTZ011
        return "居民身份证号中的出生日期不正确。"
    if resident_id_check_char(number[:17]) != number[17].upper():
        return "居民身份证号校验位不正确，请核对后重新填写。"
    return None


def org_code_check_char(first8):
    values = [USCC_CHARS.index(c) if c in USCC_CHARS else -1 for c in first8]
    if min(values) < 0:
        return None
    c = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_check_char(first17):
    total = 0
    for c, w in zip(first17, USCC_WEIGHTS, strict=True):
        if c not in USCC_CHARS:
            return None
        total += USCC_CHARS.index(c) * w
    return USCC_CHARS[(31 - total % 31) % 31]


def is_uscc(code):
    code = (code or "").strip().upper()
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def uscc_error(code):
    code = (code or "").strip().upper()
    if len(code) != 18:
        return "统一社会信用代码应为 18 位。"
    if any(c not in USCC_CHARS for c in code):
        return "统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母。"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对后重新填写。"
    return None


def make_uscc(registration, region, org_body):
    """Build a valid code from its parts: 2-char 登记管理部门+机构类别 (e.g. '11' = 机关), 6-digit region, 8-char
    organisation body (the org-code check and the final check are computed)."""
    org = org_body + org_code_check_char(org_body)
    first17 = registration + region + org
    return first17 + uscc_check_char(first17)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def is_mobile(number):
    return bool(MOBILE_RE.match(number or ""))


def mask(value, keep_start=3, keep_end=4):
    """Mask personal data for staff views and public pages: 4228****1234."""
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_name(name):
    """张三 → 张*, 欧阳小明 → 欧***."""
    name = name or ""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""
