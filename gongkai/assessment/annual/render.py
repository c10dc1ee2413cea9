"""The report as HTML (the body of its page in the 年报 column) and as .docx, from the stored snapshot and the
format version kept with it — so a report re-renders as it was written."""

from django.template.loader import render_to_string

from gongkai.core import officialdoc

from . import compute

TEMPLATES = {"2021": "assessment/annual/body_2021.html"}

ENTERED_GROUPS = [
    ("第二十条第（五）项", "本年处理决定数量", ["licensing"]),
    ("第二十条第（六）项", "本年处理决定数量", ["penalty", "coercion"]),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", ["fees_wan"]),
]


def _paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def context(report):
    data = report.data
    labels = {key: label for key, label, *_ in compute.INPUTS}
    entered = []
    for item, column, keys in ENTERED_GROUPS:
        rows = [{"label": labels[k], "value": (report.inputs.get(k) or {}).get("value")} for k in keys]
        entered.append({"item": item, "column": column, "rows": rows})
    t4_columns = data["table4"]["columns"]
    return {
        "report": report,
        "body_template": TEMPLATES[report.format_version],
        "year": report.year,
        "format_label": report.format_label,
        "overview": _paragraphs(report.overview),
        "problems": _paragraphs(report.problems),
        "other_matters": _paragraphs(report.other_matters),
        "table2_docs": data["table2"]["documents"],
        "table2_entered": entered,
        "sources": [
            {"label": label, "source": (report.inputs.get(key) or {}).get("source", "")}
            for key, label, *_ in compute.INPUTS
        ],
        "table3": data["table3"]["rows"],
        "t3_columns": data["table3"]["columns"],
        "t3_org_columns": data["table3"]["columns"][1:6],
        "imbalances": data["table3"]["imbalances"],
        "table4": [
            {"label": r["label"], "values": [r[c] for c in t4_columns]} for r in data["table4"]["rows"]
        ],
        "t4_columns": t4_columns,
    }


def body_html(report):
    return render_to_string(TEMPLATES[report.format_version], context(report)).strip()


TABLE_PT = 10  # the tables' type (a little under 五号, so 表三 fits one landscape page)
TABLE_LINE_PT = 11.5  # their exact line height (a CJK font's "single" line is near 1.5 × its size)


def _cell(cell, text, *, header=False, number=False):
    """One cell: 10 pt type on an exact 11.5 pt line, off the 版心 grid, headers centred in 黑体, figures right-aligned."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    cell.text = ""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = (
        WD_ALIGN_PARAGRAPH.RIGHT
        if number
        else WD_ALIGN_PARAGRAPH.CENTER
        if header
        else WD_ALIGN_PARAGRAPH.LEFT
    )
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(TABLE_LINE_PT)
    fmt.first_line_indent = None
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().find(qn("w:spacing")).addprevious(snap)  # the schema's order
    font = officialdoc.FONT_HEADING if header else officialdoc.FONT_BODY
    officialdoc.set_run_font(paragraph.add_run(str(text)), font, TABLE_PT)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _grid_table(doc, n_rows, widths_mm, header_rows):
    """A bordered table of fixed column widths (mm), its header rows repeated on a following page and no row
    split across pages."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    table = doc.document.add_table(rows=n_rows, cols=len(widths_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
    for i, row in enumerate(table.rows):
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def _table2(doc, ctx):
    """表二 主动公开政府信息情况 in its official shape: per item of Art. 20 a row spanning the table, then
    信息内容 and the figures' columns."""
    rows = [("span", "第二十条第（一）项"), ("head", ["信息内容", *compute.T2_DOC_COLUMNS])]
    rows += [("values", [r["label"], *r["values"]]) for r in ctx["table2_docs"]]
    for group in ctx["table2_entered"]:
        rows.append(("span", group["item"]))
        rows.append(("head", ["信息内容", group["column"]]))
        rows += [
            ("value", [r["label"], "（未填报）" if r["value"] is None else r["value"]]) for r in group["rows"]
        ]
    table = _grid_table(doc, len(rows), [54, 34, 34, 34], header_rows=0)
    for (kind, content), row in zip(rows, table.rows, strict=True):
        cells = row.cells
        if kind == "span":
            _cell(cells[0].merge(cells[3]), content, header=True)
        elif kind == "head" and len(content) == 2:
            _cell(cells[0], content[0], header=True)
            _cell(cells[1].merge(cells[3]), content[1], header=True)
        elif kind == "head":
            for cell, text in zip(cells, content, strict=True):
                _cell(cell, text, header=True)
        elif kind == "value":
            _cell(cells[0], content[0])
            _cell(cells[1].merge(cells[3]), content[1], number=content[1] != "（未填报）")
        else:
            _cell(cells[0], content[0])
            for cell, value in zip(cells[1:], content[1:], strict=True):
                _cell(cell, value, number=True)
    return table


# 表三 column widths (mm) on the landscape 版心 (225 mm): 三、本年度办理结果 | （一）…（七） | 1.… | 7 figures
T3_WIDTHS = [18, 20, 83, 15, 15, 15, 15, 15, 15, 14]


def _table3(doc, ctx):
    """表三 收到和处理政府信息公开申请情况 as the 2021 format draws it: the 勾稽 note over the three label columns,
    申请人情况 over 自然人 / 法人或其他组织 (its five kinds) / 总计; 一、二、四 spanning the label columns;
    三、本年度办理结果 one cell down the left of its rows; （一）（二）（七） spanning two label columns, （三）–（六）
    one cell down the left of their numbered rows."""
    cols = ctx["t3_columns"]
    data = [r for r in ctx["table3"] if r["values"]]
    table = _grid_table(doc, 3 + len(data), T3_WIDTHS, header_rows=3)
    grid = [row.cells for row in table.rows]
    _cell(
        grid[0][0].merge(grid[2][2]), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    _cell(grid[0][3].merge(grid[0][9]), "申请人情况", header=True)
    _cell(grid[1][3].merge(grid[2][3]), cols[0], header=True)
    _cell(grid[1][4].merge(grid[1][8]), "法人或其他组织", header=True)
    _cell(grid[1][9].merge(grid[2][9]), cols[6], header=True)
    for j, name in enumerate(cols[1:6], start=4):
        _cell(grid[2][j], name, header=True)

    results = None  # the first row under 三、本年度办理结果
    group = None  # (label, first row) of the （三）–（六） group being laid out
    labels = ctx["table3"]
    i = 3
    for index, row in enumerate(labels):
        if row["values"] is None:
            if row["level"] == 0:
                results = (row["label"], i)
            else:
                group = (row["label"], i)
            continue
        cells = grid[i]
        if row["level"] == 0:
            if results and results[1] < i:
                _cell(grid[results[1]][0].merge(grid[i - 1][0]), results[0], header=True)
                results = None
            _cell(cells[0].merge(cells[2]), row["label"])
        elif row["level"] == 1:
            _cell(cells[1].merge(cells[2]), row["label"])
        else:
            _cell(cells[2], row["label"])
            following = labels[index + 1] if index + 1 < len(labels) else None
            if group and (following is None or following["level"] != 2):
                _cell(grid[group[1]][1].merge(grid[i][1]), group[0])
                group = None
        for cell, value in zip(cells[3:], row["values"], strict=True):
            _cell(cell, value, number=True)
        i += 1
    return table


def _table4(doc, ctx):
    """表四 政府信息公开行政复议、行政诉讼情况: 行政复议 over its five results (each down two header rows),
    行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over the same five."""
    columns = ctx["t4_columns"]
    table = _grid_table(doc, 4, [15] * 15, header_rows=3)
    grid = [row.cells for row in table.rows]
    _cell(grid[0][0].merge(grid[0][4]), "行政复议", header=True)
    _cell(grid[0][5].merge(grid[0][14]), "行政诉讼", header=True)
    _cell(grid[1][5].merge(grid[1][9]), "未经复议直接起诉", header=True)
    _cell(grid[1][10].merge(grid[1][14]), "复议后起诉", header=True)
    for j, name in enumerate(columns):
        _cell(grid[1][j].merge(grid[2][j]), name, header=True)
        _cell(grid[2][5 + j], name, header=True)
        _cell(grid[2][10 + j], name, header=True)
    values = [v for group in ctx["table4"] for v in group["values"]]
    for cell, value in zip(grid[3], values, strict=True):
        _cell(cell, value, number=True)
    return table


def build_docx(report):
    """The report as a Word document in the 公文 layout (`core.officialdoc`: A4, GB/T 9704 margins, 仿宋 body,
    黑体 headings, page numbers); 表三 and 表四 on A4 landscape pages, the tables in the 2021 format's shape."""
    ctx = context(report)
    doc = officialdoc.OfficialDocument()
    doc.title(report.title)
    doc.blank()
    doc.body(
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和《国务院办公厅政府信息公开办公室"
        f"关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{report.format_label}）的要求编制，"
        f"报告中所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"
    )
    doc.heading("一、总体情况")
    for p in ctx["overview"]:
        doc.body(p)

    doc.heading("二、主动公开政府信息情况")
    _table2(doc, ctx)
    note = doc.paragraph(
        "注：规章、行政规范性文件的数字由本平台政府信息公开目录统计；"
        + "；".join(f"{s['label']}数字为填报数，来源：{s['source'] or '未注明'}" for s in ctx["sources"])
        + "。",
        size=TABLE_PT,
        align="left",
    )
    note.paragraph_format.line_spacing = 1.2

    doc.new_section(landscape=True)
    doc.heading("三、收到和处理政府信息公开申请情况")
    _table3(doc, ctx)
    if ctx["imbalances"]:
        doc.paragraph("勾稽关系不成立：" + "；".join(ctx["imbalances"]), font=officialdoc.FONT_HEADING)
    doc.heading("四、政府信息公开行政复议、行政诉讼情况")
    _table4(doc, ctx)

    doc.new_section(landscape=False)
    doc.heading("五、存在的主要问题及改进情况")
    for p in ctx["problems"]:
        doc.body(p)
    doc.heading("六、其他需要报告的事项")
    for p in ctx["other_matters"]:
        doc.body(p)
    return doc.to_bytes()
