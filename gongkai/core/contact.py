"""A citizen's contact telephone, as people write it: an 11-digit mobile (138 1234 5678, 138-1234-5678,
+86 13812345678, full-width digits) or a landline with its area code (0718-8221234, (0718)8221234, 0718 822 1234,
with an extension 0718-8221234-806). One rule for every form, the API and the spreadsheet imports, so each refuses
the same input with the same message (RULES.md: the applicant's 联系方式, Art. 29)."""

import re

MESSAGE = "联系电话格式不正确：请填写 11 位手机号码或带区号的固定电话（如 0718-8221234）。"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９（）－—＋　", "0123456789()--+ ")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# area codes are 010, 02x and 0xxx (three or four digits with the leading 0); local numbers 7 or 8 digits
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))(\d{7,8})")


def normalize_phone(text):
    """The number in one written form ('13812345678', '0718-8221234', '0718-8221234-806'), or None when it is not
    a telephone number a department can call back (too short, no area code, a service number such as 12345)."""
    value = (text or "").translate(_FULL_WIDTH).strip()
    if not value:
        return None
    extension = ""
    m = re.fullmatch(r"(.*?)(?:转|-|—|ext\.?)\s*(\d{1,6})", value, flags=re.IGNORECASE)
    if m and len(re.sub(r"\D", "", m[1])) >= 10:
        value, extension = m[1], m[2]
    if re.search(r"[^\d\s().+-]", value):
        return None
    digits = re.sub(r"\D", "", value)
    if value.lstrip().startswith("+86") or (digits.startswith("86") and len(digits) == 13):
        digits = digits[2:]
    if not extension and _MOBILE.fullmatch(digits):
        return digits
    landline = _LANDLINE.fullmatch(digits)
    if landline and _plausible_split(value, landline[1]):
        return f"{landline[1]}-{landline[2]}" + (f"-{extension}" if extension else "")
    return None


def _plausible_split(written, area):
    """A landline written without separators must start with its area code as a whole ('07188221234'); with
    separators the first group is the area code ('0718-8221234', '(0718)8221234')."""
    groups = re.findall(r"\d+", written)
    return len(groups) == 1 or groups[0] == area
