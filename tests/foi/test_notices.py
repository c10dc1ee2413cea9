"""The documents the FOI procedure sends (issue 15 finding 6): each generated at its step, in the GB/T 9704 layout,
numbered as the office configures, downloadable from the workbench; the reply's released documents private."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from gongkai.foi import actions
from gongkai.foi.models import Notice, NoticeKind, ReleasedFile

from .conftest import person_payload, shanghai

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def office(office_dept):
    office_dept.doc_prefix = "恩市政务公开"
    office_dept.phone = "0718-8222345"
    office_dept.address = "湖北省恩施市舞阳大道136号"
    office_dept.save()
    return office_dept


def post(client, app, action, data=None):
    response = client.post(reverse("foi_action", args=[app.pk, action]), data or {}, follow=True)
    assert response.status_code == 200
    return response


def docx_of(client, app, notice):
    response = client.get(reverse("foi_notice", args=[app.pk, notice.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return Document(io.BytesIO(response.content))


def text_of(document):
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture
def received(client, submit_case, office, office_user):
    """An online application of Thursday 2026-09-24, confirmed by the office the same day."""
    app = submit_case(at=shanghai(2026, 9, 24, 9))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 24, 10))
    client.force_login(office_user)
    app.refresh_from_db()
    return app


def test_receipt_is_issued_when_the_office_confirms(client, submit_case, office, office_user):
    # in person on Friday 2026-02-13, before the Spring Festival: 02-14 (make-up Saturday) is counted,
    # 02-15…02-23 are not, so 20 working days end on 2026-03-19
    from gongkai.foi import services

    cleaned, _ = services.validate(person_payload())
    app, _ = actions.submit(cleaned, channel="in_person", actor=office_user, at=shanghai(2026, 2, 13, 15))
    notice = app.notices.get()
    assert notice.kind == NoticeKind.RECEIPT
    client.force_login(office_user)
    text = text_of(docx_of(client, app, notice))
    assert "政府信息公开申请受理回执" in text
    assert "收到申请之日为2026年2月13日" in text and "即2026年3月19日前作出答复" in text
    assert app.id_number not in text and app.phone not in text


def test_document_number_is_the_offices_prefix_year_and_sequence(client, submit_case, office, office_user):
    first = submit_case(at=shanghai(2026, 12, 1, 9))
    second = submit_case(
        person_payload(description="请公开恩施市2026年度城区停车场收费标准。"), at=shanghai(2026, 12, 1, 9, 5)
    )
    actions.confirm_receipt(office_user, first, at=shanghai(2026, 12, 1, 10))
    actions.confirm_receipt(office_user, second, at=shanghai(2026, 12, 1, 11))
    numbers = [first.notices.get().number, second.notices.get().number]
    assert numbers == ["恩市政务公开〔2026〕1号", "恩市政务公开〔2026〕2号"]
    # the tracking code is no part of the 文号; the number is printed under the title
    assert first.tracking_code not in numbers[0]
    client.force_login(office_user)
    paragraphs = docx_of(client, first, first.notices.get()).paragraphs
    assert (
        paragraphs[0].text == "政府信息公开申请受理回执" and paragraphs[1].text == "恩市政务公开〔2026〕1号"
    )
    # a new year starts at 1
    later = submit_case(
        person_payload(description="请公开恩施市2027年一季度财政预算执行情况。"), at=shanghai(2027, 1, 4, 9)
    )
    actions.confirm_receipt(office_user, later, at=shanghai(2027, 1, 4, 10))
    assert later.notices.get().number == "恩市政务公开〔2027〕1号"


def test_notice_layout_is_gbt_9704(client, received, office_user):
    document = docx_of(client, received, received.notices.get())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.left_margin, section.right_margin, section.bottom_margin)
    ] == [
        37,
        28,
        26,
        35,
    ]
    # 版心 156 × 225 mm, 22 lines: the grid pitch and the exact line spacing are 225 mm / 22
    assert round((section.page_width - section.left_margin - section.right_margin) / 36000) == 156
    assert round((section.page_height - section.top_margin - section.bottom_margin) / 36000) == 225
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "580"
    assert round(document.styles["Normal"].paragraph_format.line_spacing.pt, 1) == 29.0
    title, _number, blank, salutation, *rest = document.paragraphs
    assert blank.text == ""  # a blank line between the 文号 and the addressee

    def east_asia(paragraph):
        return paragraph.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia(title) == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    body = next(p for p in rest if p.text.startswith("您于"))
    assert east_asia(body) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == 32  # 首行缩进 2 字
    assert salutation.text == "向春梅："
    # 落款 and 成文日期 right-aligned, the date four characters in, without leading zeros; the seal ring on the 署名
    organ = next(p for p in rest if p.text == "恩施市政务公开办公室")
    date = rest[rest.index(organ) + 1]
    assert date.text == "2026年9月24日" and date.paragraph_format.right_indent.pt == 64
    assert organ.alignment == date.alignment == 2  # RIGHT
    assert "（印章）" in organ._element.xml and "v:oval" in organ._element.xml
    # the contact block as 附注
    note = rest[rest.index(date) + 1].text
    assert (
        note.startswith("（联系方式：")
        and "联系电话：0718-8222345" in note
        and "湖北省恩施市舞阳大道136号" in note
    )
    # page numbers "— 1 —": odd right, even left
    footer = section.footer.paragraphs[0]
    assert "PAGE" in footer._element.xml and footer.text.startswith("— ") and footer.text.endswith(" —")
    assert document.settings.odd_and_even_pages_header_footer


def test_correction_notice_lists_the_items_and_the_last_day(client, received, office_user):
    # 15 working days from Thursday 2026-09-24 across the National Day holiday (10-01…10-07 off, Saturday 10-10
    # a working day)
    actions.request_correction(
        office_user,
        received,
        items="请写明所需信息的文件名称；请写明所属年度",
        period_days=15,
        at=shanghai(2026, 9, 24, 11),
    )
    notice = received.notices.get(kind=NoticeKind.CORRECTION)
    text = text_of(docx_of(client, received, notice))
    assert "政府信息公开申请补正告知书" in text and "第三十条" in text
    assert "1. 请写明所需信息的文件名称。" in text and "2. 请写明所属年度。" in text
    assert "15个工作日内，即于2026年10月22日前" in text and "视为放弃申请" in text
    assert notice.number == "恩市政务公开〔2026〕2号"


def test_consultation_letter_goes_to_the_third_party_without_the_applicant(
    client, received, office_user, edu, edu_editor
):
    actions.assign(office_user, received, edu, at=shanghai(2026, 9, 24, 11))
    actions.start_consultation(
        edu_editor, received, party="恩施市硒源茶业有限公司", at=shanghai(2026, 9, 24, 15)
    )
    client.force_login(edu_editor)
    notice = received.notices.get(kind=NoticeKind.CONSULTATION)
    text = text_of(docx_of(client, received, notice))
    assert (
        "政府信息公开征求第三方意见函" in text and "恩施市硒源茶业有限公司：" in text and "第三十二条" in text
    )
    assert "即于2026年10月22日前" in text  # 15 working days across the National Day holiday
    assert received.name not in text and received.tracking_code not in text


def test_extension_notice_states_the_reason_and_the_new_deadline(client, received, office_head):
    # received 2026-09-24: due 2026-10-29 (20 working days, 10-01…10-07 off); extended on 10-15 by 20 more
    actions.approve_extension(
        office_head,
        received,
        days=20,
        reason="申请公开的信息涉及多个年度的档案，需要调档检索",
        at=shanghai(2026, 10, 15, 10),
    )
    client.force_login(office_head)
    notice = received.notices.get(kind=NoticeKind.EXTENSION)
    text = text_of(docx_of(client, received, notice))
    assert "政府信息公开申请延期答复告知书" in text and "第三十三条第二款" in text
    assert "因申请公开的信息涉及多个年度的档案，需要调档检索，本机关不能在规定期限内作出答复" in text
    received.refresh_from_db()
    assert (
        f"答复期限延长20个工作日，本机关将于{received.due_date.year}年{received.due_date.month}月{received.due_date.day}日前"
        in text
    )
    assert received.due_date == D(2026, 11, 26)


def _reply_with_attachment(client, app, office_user, edu, edu_editor):
    client.force_login(office_user)
    post(client, app, "assign", {"department": edu.pk})
    client.force_login(edu_editor)
    upload = SimpleUploadedFile("2025年城乡低保资金发放标准.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("foi_released_upload", args=[app.pk]), {"file": upload}, follow=True)
    assert "已添加答复附件" in response.content.decode()
    post(client, app, "reply", {"outcome": "disclosed", "reply_text": "现将所申请的发放标准提供给您。"})
    client.force_login(office_user)
    post(client, app, "review", {"decision": "approve", "secrecy_checked": "1"})
    return ReleasedFile.objects.get(application=app)


def test_reply_lists_the_released_documents_as_attachments(client, received, office_user, edu, edu_editor):
    _reply_with_attachment(client, received, office_user, edu, edu_editor)
    notice = received.notices.get(kind=NoticeKind.REPLY)
    text = text_of(docx_of(client, received, notice))
    assert "政府信息公开申请答复书" in text and "附件：2025年城乡低保资金发放标准.pdf" in text
    assert re.search(r"恩市政务公开〔2026〕\d+号", notice.number)
    # the case page offers every notice for download
    page = client.get(reverse("foi_case", args=[received.pk])).content.decode()
    for n in received.notices.all():
        assert reverse("foi_notice", args=[received.pk, n.pk]) in page
    # after approval the attachments are frozen
    response = client.post(
        reverse("foi_released_upload", args=[received.pk]),
        {"file": SimpleUploadedFile("补充.pdf", PDF)},
        follow=True,
    )
    assert "答复审核通过后不能再增减答复附件" in response.content.decode()


def test_an_attachment_must_be_a_document(client, received, office_user):
    response = client.post(
        reverse("foi_released_upload", args=[received.pk]),
        {"file": SimpleUploadedFile("名单.pdf", b"<script>alert(1)</script>")},
        follow=True,
    )
    assert "扩展名与内容一致" in response.content.decode()
    assert not ReleasedFile.objects.exists()


def test_released_documents_are_private(
    client, submit_case, office, office_user, edu, edu_editor, hrss_editor, settings
):
    cleaned_payload = person_payload()
    from gongkai.foi import services

    cleaned, _ = services.validate(cleaned_payload)
    app, secret = actions.submit(cleaned, at=shanghai(2026, 9, 24, 9))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 24, 10))
    item = _reply_with_attachment(client, app, office_user, edu, edu_editor)
    # stored outside MEDIA_ROOT: no /media/ URL reaches it
    assert not str(item.file.path).startswith(str(settings.MEDIA_ROOT))
    client.logout()
    assert client.get(f"/media/{item.file.name}").status_code == 404
    # anonymous, or with a wrong secret: refused
    public_url = reverse("foi:released_file", args=[item.pk])
    assert client.get(public_url).status_code == 404
    client.post(reverse("foi:track"), {"tracking_code": app.tracking_code, "secret": "wrong-secret"})
    assert client.get(public_url).status_code == 404
    # another department's staff: refused; the handling department: allowed
    client.force_login(hrss_editor)
    assert client.get(reverse("foi_released", args=[app.pk, item.pk])).status_code == 404
    client.force_login(edu_editor)
    assert client.get(reverse("foi_released", args=[app.pk, item.pk])).status_code == 200
    # the applicant with the secret: only once the reply is delivered
    client.logout()
    page = client.post(reverse("foi:track"), {"tracking_code": app.tracking_code, "secret": secret})
    assert client.get(public_url).status_code == 404
    actions.deliver(office_user, app, method="online", proof="已通过网站推送答复书及附件")
    page = client.post(reverse("foi:track"), {"tracking_code": app.tracking_code, "secret": secret})
    assert public_url in page.content.decode()
    response = client.get(public_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    reply = app.notices.get(kind=NoticeKind.REPLY)
    assert client.get(reverse("foi:notice", args=[reply.pk])).status_code == 200
    # the consultation letter, had there been one, is not the applicant's; and another browser gets nothing
    client.logout()
    assert client.get(reverse("foi:notice", args=[reply.pk])).status_code == 404


def test_notice_numbers_are_unique_per_prefix_and_year(received):
    notice = received.notices.get()
    with pytest.raises(Exception):  # noqa: B017 — the database's unique constraint
        Notice.objects.create(
            application=received,
            kind=NoticeKind.RECEIPT,
            prefix=notice.prefix,
            year=notice.year,
            seq=notice.seq,
            number=notice.number,
            issued_on=notice.issued_on,
        )


def test_signature_keeps_with_the_end_of_the_body(client, received, office_user):
    """No page with only the 落款: the last body paragraph (unsplit) and the blank lines keep with the 署名, the
    署名 with the date, the date with the contact block (the printed pages: test_notice_pages.py)."""
    document = docx_of(client, received, received.notices.get())
    paragraphs = document.paragraphs
    last_body = next(i for i, p in enumerate(paragraphs) if p.text == "特此回执。")
    organ = next(i for i, p in enumerate(paragraphs) if p.text == "恩施市政务公开办公室")
    assert paragraphs[last_body].paragraph_format.keep_together
    for p in paragraphs[last_body : organ + 2]:  # through the date
        assert p.paragraph_format.keep_with_next, p.text
    assert paragraphs[organ + 2].text.startswith("（联系方式：")
