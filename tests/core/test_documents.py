from pypdf import PdfReader

from gongkai.core.documents import new_pdf


def test_a_pdf_with_chinese_text_can_be_read_back(tmp_path):
    pdf = new_pdf()
    pdf.add_page()
    pdf.multi_cell(0, 10, "恩施市人民政府办公室政府信息公开申请答复书\n根据《中华人民共和国政府信息公开条例》第三十六条第（一）项")
    path = tmp_path / "letter.pdf"
    pdf.output(str(path))
    text = PdfReader(str(path)).pages[0].extract_text().replace("\x00", "")
    assert "政府信息公开申请答复书" in text
    assert path.stat().st_size < 200_000
