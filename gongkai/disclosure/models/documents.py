"""Attachments of government information: checked by content, not by name (RULES: PDF, Word, Excel, images), and
kept where no URL reaches them until the item they belong to is published.

A Wagtail document used to live under MEDIA_ROOT/documents/, which nginx (and the embedded mode) serve to anyone
at /media/documents/<its upload name>: the attachment of an item still in review — government information not yet
cleared by 保密审查 — was one guessable name away. The files now live in `DocumentStorage`
(GONGKAI_PRIVATE_ROOT/documents/, in the clear — they are public once published —, backed up with the private
files, no URL of its own) and are handed out only by Wagtail's serve
view (`WAGTAILDOCS_SERVE_METHOD = "serve_view"`, /documents/<id>/<name>), which asks `GovDocument.served_to`
first (the `before_serve_document` hook in disclosure/wagtail_hooks.py): anyone may have a document that a live,
unrestricted page uses (as an attachment or a link in its text); staff who may choose or edit it in the admin may
have any; everyone else gets 404, as if it did not exist.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from gongkai.core.privatefiles import PrivateRootStorage

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


class DocumentStorage(PrivateRootStorage):
    """GONGKAI_PRIVATE_ROOT, names starting documents/, in the clear (they are public once published)."""


def document_storage():
    return DocumentStorage()


class GovDocument(AbstractDocument):
    """Wagtail's document, with a content check on upload, stored where only the serve view reaches it."""

    file = models.FileField(upload_to="documents", verbose_name=_("文件"), storage=document_storage)

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

    def is_public(self):
        """True when a live page that anyone may see uses this document: as an item's 附件, or linked from its text
        (Wagtail's reference index records both)."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page, ReferenceIndex

        from .pages import GovInfoPage, ItemAttachment

        # a withdrawn item (撤稿) stays at its address with its status, but its content and files are gone
        visible = (
            Page.objects.live()
            .public()
            .exclude(id__in=GovInfoPage.objects.filter(withdrawn=True).values("id"))
        )
        if ItemAttachment.objects.filter(document=self, page__in=visible).exists():
            return True
        page_type = ContentType.objects.get_for_model(Page)
        ids = [
            int(object_id)
            for object_id in ReferenceIndex.get_references_to(self)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
            if str(object_id).isdigit()
        ]
        return bool(ids) and visible.filter(id__in=ids).exists()

    def served_to(self, user):
        """May this user download the file? The public may once it is published; staff who may choose or edit
        documents in its collection may before."""
        if self.is_public():
            return True
        if not (user and user.is_authenticated and user.is_active):
            return False
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(type(self))
        return policy.user_has_any_permission_for_instance(user, ["change", "choose"], self)
