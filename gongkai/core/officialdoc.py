"""The one builder of the documents staff send (FOI notices, the annual report): the 公文 layout of GB/T 9704-2012.

- A4 (210 × 297 mm); 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so 26 mm right, 35 mm bottom);
- 22 lines of 28 characters: 3号 (16 pt) body on a 225 mm / 22 = 28.95 pt line pitch (w:docGrid as well);
- 标题 2号方正小标宋简体, 正文 3号仿宋_GB2312, 一级标题 黑体, 二级标题 楷体_GB2312, named as the East Asian font
  (w:eastAsia) of each run — the office's Word picks the official families; where they are missing (LibreOffice
  here) fontconfig substitutes a CJK font;
- 页码 "— 1 —" in 4号 半角宋体, 单页码居右空一字, 双页码居左空一字, 7 mm below the 版心;
- 附件说明 under the body, 落款 (发文机关署名) centred over the 成文日期 ("2026年12月7日", 右空四字), the 印章
  position drawn as a red placeholder ring "（印章）" pressing on both (7.3.5.1), 附注 (the contact block) under
  the date, 居左空二字 in brackets.

A document is also kept as a list of [kind, text] pairs (`render_docx` / `render_pdf`), so a notice frozen when it
was sent renders the same later. Kinds: title, number, salutation, body, heading, heading2, attachment_intro,
attachment, signature, date, note.
"""

import io

from docx.shared import Mm, Pt

A4 = (Mm(210), Mm(297))
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TYPE_AREA = (156, 225)  # mm
LINES, CHARS = 22, 28
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = TYPE_AREA[1] / LINES * 72 / 25.4  # 28.99 pt
CHAR_PT = TYPE_AREA[0] / CHARS * 72 / 25.4  # 15.79 pt

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"
# what the font names fall back to where the office's fonts are missing (fontTable w:altName, read by Word)
FALLBACKS = {FONT_TITLE: "宋体", FONT_BODY: "仿宋", FONT_HEADING2: "楷体"}

SEAL_DIAMETER_PT = 119  # 4.2 cm: the seal of a 县级 organ
SEAL_TEXT = "（印章）"


def chinese_date(day):
    """成文日期 as GB/T 9704 7.3.5.1 writes it: Arabic numerals, no leading zeros — 2026年12月7日."""
    return f"{day.year}年{day.month}月{day.day}日"


def doc_number(prefix, year, seq):
    """发文字号: 机关代字 + 〔年份〕 + 发文顺序号 (no leading zeros, no 第), e.g. 恩市政务公开〔2026〕12号."""
    return f"{prefix}〔{year}〕{seq}号"


def text_width(text):
    """Width in characters of 3号 type: a CJK character is one, a half-width digit or letter one half."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


# --- python-docx helpers ----------------------------------------------------------------------------------------
def set_run_font(run, east_asia, size=None, bold=None, latin=FONT_LATIN):
    from docx.oxml.ns import qn

    run.font.name = latin
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    return run


def set_section_a4(section, landscape=False):
    """A4 with the GB/T 9704 margins; in landscape the 天头 stays at the top of the turned page (订口 at left)."""
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin, section.bottom_margin = LEFT, RIGHT
        section.left_margin, section.right_margin = TOP, BOTTOM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(15)
    # the page number's line starts 7 mm below the 版心: 35 − 7 − one 4号 line (≈ 5 mm)
    section.footer_distance = Mm(23)
    section.gutter = Mm(0)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    return section


def _page_number_paragraph(paragraph, align):
    """— PAGE — in 4号 宋体, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    if align == "right":
        paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
    set_run_font(paragraph.add_run("— "), FONT_PAGE_NUMBER, PAGE_NUMBER_PT, latin=FONT_PAGE_NUMBER)
    run = set_run_font(paragraph.add_run(), FONT_PAGE_NUMBER, PAGE_NUMBER_PT, latin=FONT_PAGE_NUMBER)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        else:
            node = OxmlElement("w:t")
            node.text = text
        run._element.append(node)
    set_run_font(paragraph.add_run(" —"), FONT_PAGE_NUMBER, PAGE_NUMBER_PT, latin=FONT_PAGE_NUMBER)


def add_page_numbers(section):
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.footer.paragraphs[0], "right")
    _page_number_paragraph(section.even_page_footer.paragraphs[0], "left")


class OfficialDocument:
    """A Word document in the 公文 layout; the methods add its parts in order."""

    def __init__(self):
        from docx import Document
        from docx.oxml.ns import qn

        self.document = Document()
        normal = self.document.styles["Normal"]
        normal.font.name = FONT_LATIN
        normal.font.size = Pt(BODY_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_BODY)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(LINE_PT)
        fmt.widow_control = False
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        set_section_a4(section)
        add_page_numbers(section)
        self._font_table_fallbacks()

    def _font_table_fallbacks(self):
        """Name the official families in the font table with the 宋体/仿宋/楷体 every Chinese Windows has as
        their w:altName, so Word falls back to them where 方正小标宋简体 or 仿宋_GB2312 is not installed."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        part = self.document.part
        try:
            fonts = part.part_related_by(RT.FONT_TABLE)
        except KeyError:
            return
        root = parse_xml(fonts.blob) if not hasattr(fonts, "element") else fonts.element
        for name in (FONT_TITLE, FONT_BODY, FONT_HEADING, FONT_HEADING2):
            alt = FALLBACKS.get(name)
            node = parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}">'
                + (f'<w:altName w:val="{alt}"/>' if alt else "")
                + '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
            root.append(node)
        if not hasattr(fonts, "element"):
            from lxml import etree

            fonts._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # --- paragraphs -------------------------------------------------------------------------------------------
    def paragraph(
        self,
        text="",
        *,
        font=FONT_BODY,
        size=BODY_PT,
        bold=False,
        align="justify",
        indent=0,
        right_indent=0,
        left_indent=0,
        keep_with_next=False,
    ):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self.document.add_paragraph()
        p.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        fmt = p.paragraph_format
        if indent:
            fmt.first_line_indent = Pt(indent * size)
        if right_indent:
            fmt.right_indent = Pt(right_indent * BODY_PT)
        if left_indent:
            fmt.left_indent = Pt(left_indent * BODY_PT)
        if keep_with_next:
            fmt.keep_with_next = True
        if text:
            set_run_font(p.add_run(text), font, size, bold=bold or None)
        return p

    def blank(self):
        return self.paragraph()

    def title(self, text):
        """标题: 2号小标宋, centred; a long one on two lines, the line spacing of the 版心 grid."""
        p = self.paragraph(text, font=FONT_TITLE, size=TITLE_PT, align="center", keep_with_next=True)
        p.paragraph_format.line_spacing = Pt(LINE_PT * 1.2)
        return p

    def number(self, text):
        """发文字号 under the title, centred, with a blank line after."""
        p = self.paragraph(text, align="center", keep_with_next=True)
        self.blank()
        return p

    def salutation(self, text):
        """主送机关 (the addressee), 顶格, ending with a full-width colon."""
        return self.paragraph(text, align="left")

    def body(self, text):
        return self.paragraph(text, indent=2)

    def heading(self, text):
        """一级标题 "一、……" in 黑体, 首行缩进 2 字."""
        return self.paragraph(text, font=FONT_HEADING, indent=2, keep_with_next=True)

    def heading2(self, text):
        """二级标题 "（一）……" in 楷体."""
        return self.paragraph(text, font=FONT_HEADING2, indent=2, keep_with_next=True)

    def attachments(self, names):
        """附件说明 (7.3.4): 正文下空一行，左空二字 "附件："; several are numbered, the lines of a long name
        aligned with the first character of the name."""
        if not names:
            return
        self.blank()
        if len(names) == 1:
            self.paragraph(f"附件：{names[0]}", indent=2, align="left")
            return
        for i, name in enumerate(names, start=1):
            lead = "附件：" if i == 1 else ""
            p = self.paragraph(f"{lead}{i}. {name}", align="left", left_indent=5)
            p.paragraph_format.first_line_indent = Pt(-3 * BODY_PT) if i == 1 else None

    def signature(self, organ, day, *, seal=True):
        """落款 (7.3.5.1): 成文日期右空四字; 发文机关署名 centred over the date; the 印章 centred on both, its top
        within one line of the text above (two blank lines before the 署名, the seal starting one line up)."""
        date = chinese_date(day) if not isinstance(day, str) else day
        self._keep_end_of_body()
        self.blank().paragraph_format.keep_with_next = True
        self.blank().paragraph_format.keep_with_next = True
        date_width = text_width(date)
        organ_right = 4 + (date_width - text_width(organ)) / 2
        p = self.paragraph(organ, align="right", right_indent=max(organ_right, 0), keep_with_next=True)
        if seal:
            centre_from_right = (4 + date_width / 2) * BODY_PT
            area = TYPE_AREA[0] * 72 / 25.4
            left = area - centre_from_right - SEAL_DIAMETER_PT / 2
            top = -2 * LINE_PT  # the top of the 署名 line is two lines below the text; the seal one line up
            p._element.append(_seal_placeholder(left, top))
        self.paragraph(date, align="right", right_indent=4)
        return p

    def _keep_end_of_body(self):
        """No page with only the 落款 on it (GB/T 9704 has no "此页无正文" page): the last paragraph of the body,
        and the 附件说明 after it, keep with the 署名 that follows; the last body paragraph is not split, so
        when the 落款 does not fit it moves to the next page with that whole paragraph above it."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        for p in reversed(self.document.paragraphs):
            p.paragraph_format.keep_with_next = True
            if p.text and p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY:  # the last body paragraph
                p.paragraph_format.keep_together = True
                break

    def note(self, text):
        """附注 (here the contact block): 居左空二字, in brackets, under the 成文日期 and on its page."""
        text = text if text.startswith("（") else f"（{text}）"
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        p = self.paragraph(text, indent=2, align="left")
        p.paragraph_format.keep_together = True
        return p

    # --- sections -----------------------------------------------------------------------------------------------
    def new_section(self, *, landscape):
        from docx.enum.section import WD_SECTION

        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        set_section_a4(section, landscape=landscape)
        return section

    def content_width(self):
        section = self.document.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def to_bytes(self):
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def _seal_placeholder(left_pt, top_pt):
    """A red ring with "（印章）", floating behind the text, anchored to the 署名 paragraph (VML, which Word and
    LibreOffice both place; the real seal is stamped or applied by the 电子印章 system on this spot)."""
    from docx.oxml import parse_xml

    d = SEAL_DIAMETER_PT
    # the label one line above the ring's middle, clear of the 署名 that the seal presses on (VML has no
    # vertical centring of a text box)
    pad = d / 2 - 9 - LINE_PT
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        "<w:pict>"
        f'<v:oval id="seal" o:spid="seal" style="position:absolute;margin-left:{left_pt:.1f}pt;'
        f"margin-top:{top_pt:.1f}pt;width:{d}pt;height:{d}pt;z-index:-251657216;"
        "mso-position-horizontal-relative:text;mso-position-vertical-relative:text;"
        'v-text-anchor:top" strokecolor="#E60012" strokeweight="1.5pt" filled="f">'
        f'<v:textbox inset="0,{pad:.0f}pt,0,0"><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:color w:val="E60012"/><w:sz w:val="24"/></w:rPr>'
        f"<w:t>{SEAL_TEXT}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:oval></w:pict></w:r>"
    )
    return parse_xml(xml)


# --- frozen documents ([kind, text] pairs) -------------------------------------------------------------------
def render_docx(paragraphs):
    """The .docx of a document kept as [kind, text] pairs (a notice frozen when it was sent)."""
    doc = OfficialDocument()
    items = list(paragraphs)
    i = 0
    while i < len(items):
        kind, text = items[i]
        if kind == "title":
            doc.title(text)
        elif kind == "number":
            doc.number(text)
        elif kind == "salutation":
            doc.salutation(text)
        elif kind == "heading":
            doc.heading(text)
        elif kind == "heading2":
            doc.heading2(text)
        elif kind == "attachment":
            names = []
            while i < len(items) and items[i][0] == "attachment":
                names.append(items[i][1])
                i += 1
            doc.attachments(names)
            continue
        elif kind == "signature":
            date = next((t for k, t in items[i + 1 :] if k == "date"), "")
            doc.signature(text, date)
        elif kind == "date":
            pass  # written with the signature
        elif kind == "note":
            doc.note(text)
        else:
            doc.body(text)
        i += 1
    return doc.to_bytes()


#: 避头尾 (GB/T 15834 and every Chinese typesetter): what may not begin a line, and what may not end one
NO_LINE_START = frozenset("，。、；：？！）》」』〕】〉’”…—%‰·～,.;:?!)]}")
NO_LINE_END = frozenset("（《「『〔【〈‘“([{")


def _latin(ch):
    return ch.isascii() and (ch.isalnum() or ch in "-./%")


def break_lines(text, width, measure):
    """The lines of a paragraph `width` wide, broken between characters as Chinese is, except that closing
    punctuation never begins a line and opening punctuation never ends one (the character before goes down with
    it), and a run of Latin letters and digits (a 文号 year, a tracking code) is not split when it fits a line."""
    lines, current, used = [], "", 0.0
    for ch in text:
        if ch == "\n":
            lines.append(current)
            current, used = "", 0.0
            continue
        w = measure(ch)
        if current and used + w > width:
            cut = len(current)
            if ch in NO_LINE_START:
                cut -= 1
            elif _latin(ch) and _latin(current[-1]):
                while cut > 0 and _latin(current[cut - 1]):
                    cut -= 1
            while cut > 0 and current[cut - 1] in NO_LINE_END:
                cut -= 1
            if cut <= 0:
                cut = len(current)  # nothing sensible to carry down: break here
            lines.append(current[:cut])
            current = current[cut:]
            used = measure(current) if current else 0.0
        current += ch
        used += w
    lines.append(current)
    return lines


def balanced_width(text, width, measure):
    """The narrowest width that sets a title in as few lines as `width` does: 标题回行 in lines of about equal
    length (GB/T 9704 7.3.3: 排列对称，长短适宜), never one character left alone on the last line."""
    count = len(break_lines(text, width, measure))
    if count == 1:
        return width
    step = measure("国")
    trial = measure(text) / count
    while trial < width and len(break_lines(text, trial, measure)) > count:
        trial += step / 2
    return min(trial, width)


#: the face of each kind of paragraph in the PDF (the rest: 仿宋)
FACES = {"title": "title", "heading": "hei", "heading2": "kai"}


def render_pdf(paragraphs):
    """The PDF of the same document (fpdf2): the same A4 版心, 22 lines, left-aligned CJK text (fpdf2 can only
    justify by stretching spaces), indents in whole characters, the seal ring and page numbers; 标题 in 小标宋, 正文
    in 仿宋, 一级标题 黑体, 二级标题 楷体, 页码 宋体 — the Fandol faces (`core.fonts`), Noto Sans CJK where missing."""
    from fpdf import FPDF

    from gongkai.core.fonts import pdf_fonts

    class Pdf(FPDF):
        def footer(self):
            self.set_y(-(35 - 7) * 1.0)
            self.set_font("song", size=PAGE_NUMBER_PT)
            label = f"— {self.page_no()} —"
            self.cell(0, 6, label, align="R" if self.page_no() % 2 else "L")

    pdf = Pdf(format="A4", unit="mm")
    pdf.set_margins(28, 37, 26)
    pdf.set_auto_page_break(auto=True, margin=35)
    for role, path in pdf_fonts().items():
        pdf.add_font(role, "", path)
    pdf.add_page()
    width = TYPE_AREA[0]
    line = TYPE_AREA[1] / LINES
    char = BODY_PT * 25.4 / 72
    items = list(paragraphs)
    date = next((t for k, t in items if k == "date"), "")
    attachment_started = False
    left = 28

    def write(text, *, x=left, w=width, h=line, align="L"):
        for text_line in break_lines(text, w, pdf.get_string_width):
            pdf.set_x(x)
            pdf.cell(w, h, text_line, align=align, new_x="LMARGIN", new_y="NEXT")

    for kind, text in items:
        pdf.set_font(FACES.get(kind, "fang"), size=BODY_PT)
        if kind == "title":
            pdf.set_font("title", size=TITLE_PT)
            title_w = balanced_width(text, width, pdf.get_string_width)
            write(text, x=left + (width - title_w) / 2, w=title_w, h=line * 1.2, align="C")
        elif kind == "number":
            write(text, align="C")
            pdf.ln(line)
        elif kind == "salutation":
            write(text)
        elif kind == "attachment":
            if not attachment_started:
                pdf.ln(line)
                attachment_started = True
                label = "附件："
            else:
                label = "　　　"
            write(label + text, x=left + 2 * char, w=width - 2 * char)
        elif kind == "signature":
            pdf.ln(2 * line)
            date_w = text_width(date) * char
            organ_w = text_width(text) * char
            right = 4 * char + (date_w - organ_w) / 2
            y = pdf.get_y()
            pdf.set_x(left + width - right - organ_w)
            pdf.cell(organ_w, line, text, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(left + width - 4 * char - date_w)
            pdf.cell(date_w, line, date, new_x="LMARGIN", new_y="NEXT")
            radius = SEAL_DIAMETER_PT * 25.4 / 72 / 2
            cx = left + width - 4 * char - date_w / 2
            cy = y - line + radius
            pdf.set_draw_color(230, 0, 18)
            pdf.set_line_width(0.5)
            pdf.circle(x=cx, y=cy, radius=radius)
            pdf.set_text_color(230, 0, 18)
            pdf.set_font("song", size=12)
            pdf.set_xy(cx - radius, cy - radius * 0.55)
            pdf.cell(2 * radius, 6, SEAL_TEXT, align="C")
            pdf.set_text_color(0, 0, 0)
            pdf.set_xy(left, y + 2 * line)
        elif kind == "date":
            continue
        elif kind == "note":
            write(text if text.startswith("（") else f"（{text}）", x=left + 2 * char, w=width - 2 * char)
        else:
            write("　　" + text)  # 首行缩进 2 字; left-aligned so no line is stretched
    return bytes(pdf.output())
