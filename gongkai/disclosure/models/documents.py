"""Attachments of government information: checked by content, not by name (RULES: PDF, Word, Excel, images)."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

# extension → how the content must start (or a check function name)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls / .wps / .et
SIGNATURES = {
    "pdf": "pdf",
    "docx": "ooxml",
    "xlsx": "ooxml",
    "doc": "ole",
    "xls": "ole",
    "wps": "ole",
    "et": "ole",
    "ofd": "zip",
    "png": "png",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "txt": "text",
    "csv": "text",
}


def sniff_error(name, head, fileobj=None):
    """Why a file's content does not match its extension, in Chinese, or None."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = SIGNATURES.get(ext)
    if kind is None:
        return f"不支持的附件类型“.{ext}”：仅限 PDF、Word、Excel、WPS、OFD、图片（PNG/JPG）和文本。"
    ok = {
        "pdf": head.startswith(b"%PDF-"),
        "ole": head.startswith(OLE_MAGIC),
        "png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "jpeg": head.startswith(b"\xff\xd8\xff"),
        "zip": head.startswith(b"PK\x03\x04"),
        "ooxml": head.startswith(b"PK\x03\x04"),
        "text": b"\x00" not in head,
    }[kind]
    if ok and kind == "ooxml" and fileobj is not None:
        try:
            with zipfile.ZipFile(fileobj) as archive:
                ok = "[Content_Types].xml" in archive.namelist()
        except zipfile.BadZipFile:
            ok = False
        finally:
            fileobj.seek(0)
    if ok and kind == "text":
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            ok = exc.start > len(head) - 4  # a character cut at the end of the sample is fine
    if not ok:
        return f"附件内容与扩展名“.{ext}”不符，请上传真实的文件（可能已损坏或被改名）。"
    return None


class GovDocument(AbstractDocument):
    """Wagtail's document, with a content check on upload."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self):
        super().clean()
        f = self.file
        if not f:
            return
        size = getattr(f, "size", 0) or 0
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                {"file": f"附件过大（{size / 1048576:.1f} MB），上限 {MAX_ATTACHMENT_BYTES // 1048576} MB。"}
            )
        f.seek(0)
        head = f.read(2048)
        f.seek(0)
        error = sniff_error(f.name, head, f)
        if error:
            raise ValidationError({"file": error})
