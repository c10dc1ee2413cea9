"""The report as HTML (the body of its page in the 年报 column) and as .docx, from the stored snapshot and the
format version kept with it — so a report re-renders as it was written."""

import io

from django.template.loader import render_to_string

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


def build_docx(report):
    """The report as a Word document (仿宋 body, 方正小标宋-style bold title, the three tables as Word tables)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    ctx = context(report)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    def para(text, *, bold=False, size=None, center=False, indent=True):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            paragraph.paragraph_format.first_line_indent = Pt(28)
        return paragraph

    def heading(text):
        para(text, bold=True, indent=False)

    def table(rows, header_rows=1):
        t = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        t.style = "Table Grid"
        # row by row: Table.cell(i, j) walks the whole grid on every call
        for i, (row, docx_row) in enumerate(zip(rows, t.rows, strict=True)):
            for value, cell in zip(row, docx_row.cells, strict=False):
                cell.text = "" if value is None else str(value)
                if i < header_rows:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        return t

    para(report.title, bold=True, size=20, center=True)
    para(
        f"本报告根据《中华人民共和国政府信息公开条例》第五十条和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（{report.format_label}）的要求编制，报告中所列数据的统计期限自{report.year}年1月1日起至"
        f"{report.year}年12月31日止。"
    )
    heading("一、总体情况")
    for p in ctx["overview"]:
        para(p)

    heading("二、主动公开政府信息情况")
    rows = [["第二十条第（一）项", "", "", ""], ["信息内容", *compute.T2_DOC_COLUMNS]]
    rows += [[r["label"], *r["values"]] for r in ctx["table2_docs"]]
    for group in ctx["table2_entered"]:
        rows.append([group["item"], "", "", ""])
        rows.append(["信息内容", group["column"], "", ""])
        rows += [
            [r["label"], "（未填报）" if r["value"] is None else r["value"], "", ""] for r in group["rows"]
        ]
    t = table(rows, header_rows=2)
    for i, row in enumerate(rows):
        if row[1] == "" and row[2] == "":
            t.cell(i, 0).merge(t.cell(i, 3))
        elif row[2] == "" and row[3] == "":
            t.cell(i, 1).merge(t.cell(i, 3))
    para(
        "注：规章、行政规范性文件的数字由政府信息公开目录统计；"
        + "；".join(f"{s['label']}数字为填报数，来源：{s['source'] or '未注明'}" for s in ctx["sources"])
        + "。",
        size=10.5,
    )

    heading("三、收到和处理政府信息公开申请情况")
    cols = ctx["t3_columns"]
    rows = [
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "申请人情况",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", cols[0], "法人或其他组织", "", "", "", "", cols[6]],
        ["", "", *cols[1:6], ""],
    ]
    rows += [[r["label"], *(r["values"] or [""] * 7)] for r in ctx["table3"]]
    t = table(rows, header_rows=3)
    t.cell(0, 0).merge(t.cell(2, 0))
    t.cell(0, 1).merge(t.cell(0, 7))
    t.cell(1, 1).merge(t.cell(2, 1))
    t.cell(1, 2).merge(t.cell(1, 6))
    t.cell(1, 7).merge(t.cell(2, 7))
    t.cell(0, 0).text = rows[0][0]
    if ctx["imbalances"]:
        para("勾稽关系不成立：" + "；".join(ctx["imbalances"]), bold=True)

    heading("四、政府信息公开行政复议、行政诉讼情况")
    t4c = ctx["t4_columns"]
    rows = [
        ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [*t4c, *t4c, *t4c],
        [v for group in ctx["table4"] for v in group["values"]],
    ]
    t = table(rows, header_rows=3)
    t.cell(0, 0).merge(t.cell(1, 4))
    t.cell(0, 5).merge(t.cell(0, 14))
    t.cell(1, 5).merge(t.cell(1, 9))
    t.cell(1, 10).merge(t.cell(1, 14))
    t.cell(0, 0).text = "行政复议"

    heading("五、存在的主要问题及改进情况")
    for p in ctx["problems"]:
        para(p)
    heading("六、其他需要报告的事项")
    for p in ctx["other_matters"]:
        para(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
