"""Validation of what citizens submit (issue 6 §2), shared by the API, the HTML forms and the 12345 import: one
Chinese message per field, and nothing is stored when any field is wrong."""

import time
import unicodedata
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from gongkai.core import contact
from gongkai.org.models import Department
from gongkai.org.sites import public_site_q

from .models import Category, Channel

LIMITS = {"name": 50, "title": 100, "content": 5000, "description": 2000, "page_url": 500, "comment": 500}
MIN_CONTENT = 10
MAX_ATTACHMENT = 5 * 1024 * 1024
ATTACHMENT_TYPES = {
    b"%PDF-": "pdf",
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
}
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def clean_text(value):
    """Text as text: control characters removed, NFC, trimmed. Never interpreted as HTML anywhere."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError
    return unicodedata.normalize("NFC", value.translate(_CONTROL)).strip()


def _text(data, field, errors, *, required, label, minimum=1):
    try:
        value = clean_text(data.get(field))
    except TypeError:
        errors[field] = f"{label}应为文本。"
        return ""
    if required and not value:
        errors[field] = f"请填写{label}。"
    elif value and len(value) < minimum:
        errors[field] = f"{label}过短，请至少写 {minimum} 个字。"
    elif len(value) > LIMITS.get(field, 100):
        errors[field] = f"{label}过长（最多 {LIMITS.get(field, 100)} 个字）。"
    return value


def _contact(data, errors):
    phone = email = ""
    try:
        phone = clean_text(data.get("phone")).strip()
    except TypeError:
        errors["phone"] = "联系电话应为文本。"
    try:
        email = clean_text(data.get("email"))
    except TypeError:
        errors["email"] = "电子邮箱应为文本。"
    if phone:
        phone = contact.normalize_phone(phone)
        if phone is None:
            errors["phone"] = contact.MESSAGE
            phone = ""
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = "电子邮箱格式不正确。"
    if not phone and not email and "phone" not in errors and "email" not in errors:
        errors["phone"] = "请至少填写联系电话或电子邮箱之一，以便告知办理结果。"
    return phone, email


def _bool(data, field, errors, default=True):
    value = data.get(field, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "1", "on", "yes", "是"):
        return True
    if isinstance(value, str) and value.lower() in ("false", "0", "off", "no", "否", ""):
        return False
    errors[field] = "应为是或否（true/false）。"
    return default


_category_cache = {}
CATEGORY_CACHE_SECONDS = 10


def categories(channel, site=None):
    """Active categories of a channel. Kept for a few seconds per process (every submission validates against
    them); an edit in this process clears it at once (signal in apps.py), other processes see it within 10 s.

    With `site` (集约化, docs/multisite.md): only the categories that route to that site's departments, and those
    routed to nobody (the site's office dispatches them)."""
    now = time.monotonic()
    hit = _category_cache.get(channel)
    if hit and now - hit[0] < CATEGORY_CACHE_SECONDS:
        rows = hit[1]
    else:
        rows = list(Category.objects.filter(channel=channel, active=True).select_related("department"))
        _category_cache[channel] = (now, rows)
    if site is None:
        return rows
    return [c for c in rows if c.department is None or _in_site(c.department, site)]


def _in_site(department, site):
    return department.site_id == site.pk or (department.site_id is None and site.is_default_site)


def clear_category_cache(**_kwargs):
    _category_cache.clear()


def _category(data, channel, errors, *, required, site=None):
    raw = data.get("category")
    if raw in (None, ""):
        if required:
            errors["category"] = "请选择留言类别。"
        return None
    options = categories(channel, site)
    for cat in options:
        if str(raw) == cat.name or str(raw) == str(cat.pk):
            return cat
    names = "、".join(c.name for c in options)
    errors["category"] = f"类别“{str(raw)[:20]}”不存在，请从以下类别中选择：{names}。"
    return None


def _department(data, errors, site=None):
    raw = data.get("department")
    if raw in (None, ""):
        return None
    qs = Department.objects.filter(active=True)
    if site is not None:
        qs = qs.filter(public_site_q("site", site))
    found = None
    if isinstance(raw, int) or (isinstance(raw, str) and raw.isdecimal()):
        found = qs.filter(pk=int(raw)).first()
    elif isinstance(raw, str):
        found = qs.filter(name=raw.strip()).first() or qs.filter(short_name=raw.strip()).first()
    if found is None:
        errors["department"] = "所选部门不存在，可不填，由政务公开办转交相关部门。"
    return found


def validate_message(data, site=None):
    """Fields of a 留言 (or a 12345 ticket): returns (cleaned, errors). With `site`, the category and the
    department must be of that site."""
    errors = {}
    if not isinstance(data, dict):
        return {}, {"__all__": "请求体应为 JSON 对象。"}
    cleaned = {
        "name": _text(data, "name", errors, required=True, label="姓名"),
        "title": _text(data, "title", errors, required=True, label="标题", minimum=4),
        "content": _text(data, "content", errors, required=True, label="留言内容", minimum=MIN_CONTENT),
        "public": _bool(data, "public", errors),
        "category": _category(data, Channel.MESSAGE, errors, required=True, site=site),
        "department": _department(data, errors, site),
    }
    cleaned["phone"], cleaned["email"] = _contact(data, errors)
    return cleaned, errors


def validate_site_error(data, site=None):
    """Fields of a 纠错 report: page address and description; name optional; a contact required."""
    errors = {}
    if not isinstance(data, dict):
        return {}, {"__all__": "请求体应为 JSON 对象。"}
    cleaned = {
        "name": _text(data, "name", errors, required=False, label="姓名"),
        "description": _text(data, "description", errors, required=True, label="问题描述", minimum=5),
        "category": _category(data, Channel.SITE_ERROR, errors, required=False, site=site),
        "public": False,
    }
    url = _text(data, "page_url", errors, required=True, label="出错页面地址")
    if url and "page_url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if not urlsplit(url).hostname:
                raise ValidationError("no host")
        except ValidationError:
            errors["page_url"] = "出错页面地址应为完整网址，以 http:// 或 https:// 开头。"
    cleaned["page_url"] = url
    cleaned["phone"], cleaned["email"] = _contact(data, errors)
    return cleaned, errors


def validate_rating(data):
    errors = {}
    if not isinstance(data, dict):
        return {}, {"__all__": "请求体应为 JSON 对象。"}
    raw = data.get("rating")
    rating = None
    if isinstance(raw, bool) or raw in (None, ""):
        errors["rating"] = "请选择评价等级（5 非常满意、4 满意、3 基本满意、2 不满意、1 非常不满意）。"
    else:
        try:
            rating = int(raw)
            if not 1 <= rating <= 5 or str(raw).strip() not in (str(rating),):
                raise ValueError
        except (TypeError, ValueError):
            errors["rating"] = "评价等级应为 1 到 5 的整数（5 非常满意 … 1 非常不满意）。"
            rating = None
    comment = _text(data, "comment", errors, required=False, label="评价意见")
    return {"rating": rating, "comment": comment}, errors


def check_attachment(upload):
    """An optional attachment: PDF, PNG or JPEG, checked by its first bytes (not only the name), at most 5 MB."""
    if upload is None:
        return None
    if upload.size > MAX_ATTACHMENT:
        return "附件过大，最大 5 MB。"
    head = upload.read(16)
    upload.seek(0)
    kind = next((k for magic, k in ATTACHMENT_TYPES.items() if head.startswith(magic)), None)
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if kind is None or ext not in ({kind} | ({"jpeg"} if kind == "jpg" else set())):
        return "附件只能是 PDF、PNG 或 JPG 文件（按文件内容检查）。"
    return None
