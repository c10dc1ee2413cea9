"""The pre-check of a submitted draft: body, attachments, links, policy without 解读; attachment upload checks."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from gongkai.disclosure import precheck
from gongkai.disclosure.models import GovDocument, ItemAttachment, PrecheckResult

from .fixtures import act, submit


def make_docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name, content):
    doc = GovDocument(title=name, file=ContentFile(content, name=name))
    doc.full_clean()
    doc.save()
    return doc


def test_attachment_text_is_checked_and_personal_data_is_not_copied_into_findings(make_draft, edu_editor):
    page = make_draft(edu_editor)
    doc = upload("录取名单.docx", make_docx("录取学生家长联系电话：13907181234"))
    ItemAttachment.objects.create(page=page, document=doc, title="录取名单")
    page.save_revision(user=edu_editor)
    submit(page, edu_editor)
    result = PrecheckResult.objects.get(page=page)
    finding = result.blocking[0]
    assert finding["kind"] == "mobile" and finding["where"] == "附件《录取名单》"
    assert "13907181234" not in str(result.findings)


def test_a_normative_document_without_its_interpretation_is_flagged(make_draft, edu_editor, edu_reviewers):
    page = make_draft(
        edu_editor,
        title="恩施市义务教育阶段学校招生入学管理办法",
        doc_level="normative",
        column=("fdzdgknr", "zcwj"),
    )
    submit(page, edu_editor)
    kinds = [f["kind"] for f in PrecheckResult.objects.get(page=page).warnings]
    assert kinds == ["missing_interpretation"]
    # a warning does not block the reviewer
    assert [a[0] for a in page.current_workflow_task.specific.get_actions(page, edu_reviewers["section"])][
        :2
    ] == ["reject", "approve"]


def test_an_interpretation_linked_to_the_policy_clears_the_warning(make_draft, edu_editor):
    policy = make_draft(
        edu_editor,
        title="恩施市义务教育阶段学校招生入学管理办法",
        doc_level="normative",
        column=("fdzdgknr", "zcwj"),
    )
    interp = make_draft(
        edu_editor,
        title="《恩施市义务教育阶段学校招生入学管理办法》政策解读",
        genre="解读",
        column=("fdzdgknr", "zcjd"),
    )
    interp.policies.add(policy)
    interp.save()
    assert precheck.has_interpretation(policy)
    assert all(f["kind"] != "missing_interpretation" for f in precheck.check_page(policy))


def test_internal_links_to_missing_pages_are_reported_in_the_background(make_draft, edu_editor, settings):
    settings.GONGKAI_LINKCHECK_EXTERNAL = True
    body = (
        '<p>详见<a linktype="page" id="999999">招生简章</a>和'
        '<a href="http://127.0.0.1:9/nowhere">附件下载</a>。</p>'
    )
    page = make_draft(edu_editor, body=body)
    result = precheck.run_precheck(page, page.get_latest_revision())
    broken = precheck.check_links(result.pk, resolve=lambda url: False)
    assert len(broken) == 2
    result.refresh_from_db()
    assert {f["kind"] for f in result.findings} == {"broken_link"} and result.links_checked_at


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("通知.pdf", b"MZ\x90\x00 this is an exe", "不符"),
        ("名单.xlsx", b"PK\x03\x04 not really a workbook", "不符"),
        ("病毒.exe", b"MZ\x90\x00", "不被允许|不支持"),
        ("图解.png", b"GIF89a....", "不符"),
    ],
)
def test_attachments_are_checked_by_content_not_by_name(db, name, content, message):
    with pytest.raises(ValidationError, match=message):
        upload(name, content)
    assert not GovDocument.objects.exists()


def test_a_real_pdf_and_docx_are_accepted(db):
    from gongkai.core.documents import new_pdf

    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 10, "恩施市教育局2026年秋季学期招生公告")
    assert upload("公告.pdf", bytes(pdf.output())).pk
    assert upload("名单.docx", make_docx("测试")).pk


def test_rejected_then_changed_draft_is_checked_again(make_draft, edu_editor, edu_reviewers):
    page = submit(make_draft(edu_editor, body="<p>联系电话13907181234</p>"), edu_editor)
    act(page, edu_reviewers["section"], "reject", comment="请删除个人手机号")
    page.body = "<p>联系电话：0718-8222345</p>"
    page.save_revision(user=edu_editor)
    page = submit(page, edu_editor)
    latest = precheck.latest_result(page)
    assert latest.findings == [] and PrecheckResult.objects.filter(page=page).count() == 2


def test_a_table_row_of_figures_is_not_read_as_an_identity_number_but_an_identity_number_in_a_cell_is(
    make_draft, edu_editor
):
    # 年报 表五 (行政复议、行政诉讼情况), figures of 恩施市 2025: fifteen cells that, run together, look like an old
    # 15-digit identity number (211153110510001) — the demo's annual report could not be published
    row = "".join(f'<td class="num">{n}</td>' for n in "211153110510001")
    figures = f"<p>五、政府信息公开行政复议、行政诉讼情况</p><table><tbody><tr>{row}</tr></tbody></table>"
    page = submit(make_draft(edu_editor, body=figures), edu_editor)
    assert PrecheckResult.objects.get(page=page).blocking == []

    listed = (
        "<table><tr><td>申请人</td><td>张某某</td><td>身份证号</td><td>422801199003151236</td></tr></table>"
    )
    kinds = [f["kind"] for f in precheck.check_page(make_draft(edu_editor, title="另一稿", body=listed))]
    assert "resident_id" in kinds
