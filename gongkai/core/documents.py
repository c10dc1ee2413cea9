"""Shared helpers for the documents the platform hands to staff and citizens (reply letters, reports).

PDFs are drawn with fpdf2 and the Noto Sans CJK font shipped on PyPI (`cvttf-NotoSansCJK-Regular`, SIL OFL), so no
system font or office suite is needed; fpdf2 embeds only the glyphs used (a one-page letter is ~15 KB).
"""

from functools import cache


@cache
def cjk_font_path():
    import cvttf_NotoSansCJK_Regular

    return cvttf_NotoSansCJK_Regular.get_TTF_path()


def new_pdf():
    """An A4 portrait FPDF with the CJK font registered as "cjk" and selected."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("cjk", "", cjk_font_path())
    pdf.set_font("cjk", size=12)
    return pdf
