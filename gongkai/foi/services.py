"""Checking an application before anything is stored (Art. 29), shared by the public form, the JSON API and the
staff intake of oral applications. Returns Chinese messages per field; the caller stores nothing if any."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai.core import contact, identity

from . import rules

HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|on[a-z]+\s*=", re.IGNORECASE)
PASSPORT_RE = re.compile(r"^[A-Za-z0-9]{5,20}$")
HTML_MESSAGE = "请勿填写 HTML 标签或脚本代码，请用普通文字描述。"

# (content sniffing prefix, type, allowed file-name endings)
FILE_SIGNATURES = [
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
]


def max_attachment_bytes():
    return getattr(settings, "GONGKAI_FOI_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)


MAX_ATTACHMENTS = 3
FIELDS = [
    "applicant_type",
    "organization_type",
    "name",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "description",
    "delivery_form",
    "delivery_way",
]


def _text(data, key):
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    return value.strip()


def sniff(head):
    for prefix, content_type, endings in FILE_SIGNATURES:
        if head.startswith(prefix):
            return content_type, endings
    return None, ()


def too_large_message(name):
    return f"文件“{name}”过大，单个文件不能超过 {max_attachment_bytes() // (1024 * 1024)} MB。"


def check_attachment(name, content):
    """The type comes from the content, not the name: a PDF, JPEG or PNG whose name agrees; size capped."""
    if len(content) > max_attachment_bytes():
        return too_large_message(name)
    if not content:
        return f"文件“{name}”是空文件。"
    content_type, endings = sniff(content[:16])
    if content_type is None:
        return f"文件“{name}”的类型不允许，只能上传 PDF、JPG 或 PNG 格式的身份证明或执照复印件。"
    if not name.lower().endswith(endings):
        return f"文件“{name}”的扩展名与文件内容不符。"
    return None


def validate(data, attachments=()):
    """`data`: a mapping of the API field names; `attachments`: [(name, bytes)]. Returns (cleaned, errors)."""
    errors = {}
    cleaned = {}
    for key in FIELDS:
        value = _text(data, key)
        if value is None:
            errors[key] = "应为文本。"
        else:
            cleaned[key] = value

    def required(key, label):
        if key not in errors and not cleaned.get(key):
            errors[key] = f"请填写{label}。"
            return False
        return key not in errors

    def choice(key, enum, label):
        if required(key, label) and cleaned[key] not in enum.values:
            errors[key] = f"{label}的取值不正确，可选：{'、'.join(enum.values)}。"

    choice("applicant_type", rules.ApplicantType, "申请人类型")
    if cleaned.get("applicant_type") == rules.ApplicantType.ORGANIZATION:
        choice("organization_type", rules.OrganizationType, "法人或其他组织的类别")
    elif cleaned.get("applicant_type") == rules.ApplicantType.NATURAL_PERSON and cleaned.get(
        "organization_type"
    ):
        errors["organization_type"] = "申请人为自然人时无需填写组织类别。"
    if required("name", "申请人姓名或名称") and len(cleaned["name"]) > 100:
        errors["name"] = "姓名或名称不能超过 100 个字。"
    choice("id_type", rules.IdType, "证件类型")
    if required("id_number", "证件号码") and "id_type" not in errors:
        number, id_type = cleaned["id_number"].upper(), cleaned["id_type"]
        cleaned["id_number"] = number
        if id_type == rules.IdType.RESIDENT_ID:
            message = identity.resident_id_error(number)
        elif id_type == rules.IdType.USCC:
            message = identity.uscc_error(number)
        elif id_type == rules.IdType.PASSPORT:
            message = None if PASSPORT_RE.match(number) else "护照号码应为 5 到 20 位字母或数字。"
        else:
            message = None if 4 <= len(number) <= 40 else "证件号码应为 4 到 40 个字符。"
        if message:
            errors["id_number"] = message
    if (
        cleaned.get("applicant_type") == rules.ApplicantType.NATURAL_PERSON
        and cleaned.get("id_type") == rules.IdType.USCC
    ):
        errors["id_type"] = "自然人请使用居民身份证、护照或其他个人证件。"
    if required("phone", "联系电话"):
        phone = contact.normalize_phone(cleaned["phone"])
        if phone is None:
            errors["phone"] = contact.MESSAGE
        else:
            cleaned["phone"] = phone
    if cleaned.get("email") and "email" not in errors:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = "电子邮箱格式不正确。"
    if cleaned.get("address") and len(cleaned["address"]) > 200:
        errors["address"] = "通信地址不能超过 200 个字。"
    if required("description", "所需政府信息的描述"):
        if len(cleaned["description"]) < 10:
            errors["description"] = "请具体描述所需的政府信息（名称、文号或便于查询的特征，至少 10 个字）。"
        elif len(cleaned["description"]) > 2000:
            errors["description"] = "描述不能超过 2000 个字；多项信息请分别申请。"
    choice("delivery_form", rules.DeliveryForm, "获取信息的形式")
    choice("delivery_way", rules.DeliveryWay, "获取信息的方式")
    if cleaned.get("delivery_form") == rules.DeliveryForm.EMAIL and not cleaned.get("email"):
        errors.setdefault("email", "选择以电子邮件获取信息时，请填写电子邮箱。")
    if cleaned.get("delivery_way") == rules.DeliveryWay.POST and not cleaned.get("address"):
        errors.setdefault("address", "选择邮寄时，请填写通信地址。")
    for key in ("name", "id_number", "address", "description", "email"):
        if key not in errors and cleaned.get(key) and HTML_RE.search(cleaned[key]):
            errors[key] = HTML_MESSAGE
    if len(attachments) > MAX_ATTACHMENTS:
        errors["attachments"] = f"最多上传 {MAX_ATTACHMENTS} 个文件。"
    else:
        for name, content in attachments:
            message = check_attachment(name, content)
            if message:
                errors["attachments"] = message
                break
    return cleaned, errors
