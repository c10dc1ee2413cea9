"""Every upload path decides the file type by content, not by name: a web page or program renamed to an allowed
extension is refused on each of them (OWASP ASVS 12.2.1)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.mark.parametrize(
    ("name", "content"), [("身份证复印件.pdf", HTML), ("营业执照.jpg", EXE), ("申请.png", PDF)]
)
def test_foi_attachments(name, content):
    from gongkai.foi import services

    assert services.check_attachment(name, content) is not None
    assert services.check_attachment("身份证复印件.pdf", PDF) is None


@pytest.mark.parametrize(("name", "content"), [("现场照片.jpg", HTML), ("截图.png", EXE), ("说明.pdf", PNG)])
def test_interaction_attachments(name, content):
    from gongkai.interaction import intake

    assert "按文件内容检查" in intake.check_attachment(SimpleUploadedFile(name, content))
    assert intake.check_attachment(SimpleUploadedFile("现场照片.png", PNG)) is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("关于招生的通知.pdf", HTML),
        ("统计表.xlsx", HTML),
        ("公告.doc", EXE),
        ("附件.docx", b"PK\x03\x04" + bytes(60)),
    ],
)
def test_wagtail_documents(db, name, content):
    from wagtail.documents.forms import get_document_form

    from gongkai.disclosure.models import GovDocument

    form_class = get_document_form(GovDocument)
    form = form_class({"title": "附件"}, {"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert "file" in form.errors


def test_wagtail_documents_accept_a_real_pdf(db):
    from wagtail.documents.forms import get_document_form

    from gongkai.disclosure.models import GovDocument

    form = get_document_form(GovDocument)({"title": "通知"}, {"file": SimpleUploadedFile("通知.pdf", PDF)})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "content"), [("图解.png", HTML), ("照片.jpg", EXE), ("logo.svg", b"<svg/>")]
)
def test_wagtail_images(db, name, content):
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form = get_image_form(get_image_model())({"title": "图解"}, {"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid() and "file" in form.errors


def test_services_spreadsheet_import():
    from gongkai.services.admin_views import ImportForm

    form = ImportForm(
        {"list_type": "power", "mode": "validate"}, {"file": SimpleUploadedFile("权责清单.xlsx", HTML)}
    )
    assert not form.is_valid() and "不是 Excel" in str(form.errors["file"])


@pytest.mark.parametrize(
    ("name", "content"), [("工单.xlsx", EXE), ("工单.csv", EXE), ("工单.xlsx", b"PK\x03\x04junk")]
)
def test_hotline_import(name, content):
    from gongkai.interaction import hotline

    with pytest.raises(hotline.ImportRejected):
        hotline.read_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(("name", "content"), [("导出.xlsx", HTML), ("导出.csv", EXE)])
def test_newmedia_table_import(name, content):
    from gongkai.newmedia import imports

    with pytest.raises(imports.SourceError):
        imports.parse_table(content, name)


def test_calendar_import(db):
    from gongkai.core.wagtail_hooks import CalendarImportForm

    form = CalendarImportForm({}, {"file": SimpleUploadedFile("2027.csv", EXE + "\u4e2d".encode("gbk"))})
    assert not form.is_valid()


def test_spreadsheet_cells_exported_for_the_auditor_cannot_carry_formulas(db):
    from gongkai.operations import audit_retention

    assert audit_retention._safe('=HYPERLINK("http://evil")').startswith("'")
    out = io.StringIO()
    audit_retention.write_csv(out, [])
    assert out.getvalue().startswith("\ufeff编号")
