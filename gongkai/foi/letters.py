"""The reply letter (政府信息公开申请答复告知书): one template per outcome (rules.LETTER_DECISION), citing the legal
basis and stating the remedies (行政复议 60 days, 行政诉讼 6 months). Built as .docx (python-docx, what the office
edits and prints) and PDF (fpdf2 with the CJK font, what is served online). Generated only after the office's
review with 保密审查 (actions.review) or at an automatic closure.

The letter carries the applicant's name (it is addressed to them) but no identity number, phone or address.
"""

import io

from gongkai.core.documents import new_pdf

from . import rules


def paragraphs(app, on):
    """The letter as [kind, text] pairs: title, number, salutation, body paragraphs, signature, date. Frozen on
    the case at release (`Application.letter`), so a later change of a template leaves sent letters as sent."""
    outcome = rules.Outcome(app.outcome)
    office = app.department.name if app.department else "恩施市人民政府办公室"
    received = f"{app.receipt_date:%Y年%m月%d日}" if app.receipt_date else f"{app.submitted_at:%Y年%m月%d日}"
    summary = app.description.split("\n", 1)[0]
    if len(summary) > 80:
        summary = summary[:80] + "……"
    body = [
        f"本机关于 {received} 收到您提出的政府信息公开申请（查询码 {app.tracking_code}），申请获取“{summary}”。",
        rules.LETTER_DECISION[outcome],
    ]
    if app.reply_text:
        body.append(f"答复内容：{app.reply_text}")
    body.append(f"依据：{rules.LEGAL_BASIS[outcome]}。")
    body.append(rules.REMEDY_TEXT)
    return [
        ["title", "政府信息公开申请答复告知书"],
        ["number", f"依申请公开答复〔{on.year}〕{app.tracking_code}号"],
        ["salutation", f"{app.name}："],
        *[["body", text] for text in body],
        ["signature", office],
        ["date", f"{on:%Y年%m月%d日}"],
    ]


def build_docx(letter):
    """The .docx of a frozen letter (`Application.letter`)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    for kind, text in letter:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if kind == "title":
            run.bold = True
            run.font.size = Pt(22)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "number":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind in ("signature", "date"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind == "body":
            paragraph.paragraph_format.first_line_indent = Pt(32)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_pdf(letter):
    """The PDF of a frozen letter."""
    pdf = new_pdf()
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, text in letter:
        if kind == "title":
            pdf.set_font("cjk", size=18)
            pdf.multi_cell(width, 12, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("cjk", size=12)
        elif kind == "number":
            pdf.multi_cell(width, 8, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind in ("signature", "date"):
            pdf.multi_cell(width, 8, text, align="R", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(width, 8, ("　　" if kind == "body" else "") + text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    return bytes(pdf.output())
