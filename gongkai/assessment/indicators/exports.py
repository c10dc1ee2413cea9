"""A run as an Excel workbook (openpyxl) and a printable PDF (fpdf2 with the CJK font, `core.documents`).

Both are built from the stored results only, so the export of a published run is the same whatever happens later.
`results` is already limited to what the user may see (a department exports only its own result)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gongkai.core.documents import new_pdf

from .models import Score
from .scoring import COLOUR_LABELS

FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
PDF_FILLS = {"green": (198, 239, 206), "yellow": (255, 235, 156), "red": (255, 199, 206)}


def _status(run):
    if run.published:
        return f"已发布（{run.published_at:%Y-%m-%d}），结果冻结"
    return (
        f"{run.get_status_display()}，数据截至 {run.cutoff:%Y-%m-%d}"
        if run.cutoff
        else run.get_status_display()
    )


def _scores(results):
    out = {}
    for s in Score.objects.filter(result__in=results).order_by("result_id", "sort_order", "pk"):
        out.setdefault(s.result_id, []).append(s)
    return out


def _fmt(value):
    return "" if value is None else float(value)


def _print_setup(sheet, title_rows):
    """Printed as staff hand it on: A4 landscape, every column on one page's width, the header repeated on each
    page (a wide table otherwise printed as 81 portrait pages)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def xlsx(run, results):
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    bold = Font(bold=True)
    ws.append([f"{run} 政务公开常态化考评结果（{run.start:%Y-%m-%d} 至 {run.end:%Y-%m-%d}）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(
        [
            f"状态：{_status(run)}；绿色线 {run.config.get('green_min')} 分，黄色线 {run.config.get('yellow_min')} 分，单项否决即为红"
        ]
    )
    columns = [s for s in run.config.get("indicators", []) if not s.get("site_wide")]
    header = ["排名", "部门", "得分", "标记", "单项否决情形"] + [
        f"{c['name']}（{c['weight']}）" for c in columns
    ]
    ws.append(header)
    for cell in ws[3]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    scores = _scores(results)
    for r in results:
        by_code = {s.code: s for s in scores.get(r.pk, [])}
        row = [
            r.rank or "",
            r.name,
            _fmt(r.total),
            COLOUR_LABELS.get(r.colour, ""),
            "；".join(r.veto_reasons),
        ]
        for c in columns:
            s = by_code.get(c["code"])
            row.append(
                "" if s is None else (_fmt(s.points) if s.points is not None else s.get_state_display())
            )
        ws.append(row)
        if r.colour in FILLS:
            ws.cell(row=ws.max_row, column=4).fill = PatternFill("solid", fgColor=FILLS[r.colour])
    widths = [6, 30, 8, 6, 40] + [12] * len(columns)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C4"

    detail = wb.create_sheet("指标明细")
    detail.append(["部门", "指标", "分值", "数值", "得分", "状态", "单项否决", "说明", "评分说明（人工）"])
    for cell in detail[1]:
        cell.font = bold
    evidence = wb.create_sheet("扣分依据")
    evidence.append(["部门", "指标", "依据", "链接"])
    for cell in evidence[1]:
        cell.font = bold
    for r in results:
        for s in scores.get(r.pk, []):
            detail.append(
                [
                    r.name,
                    s.name,
                    _fmt(s.weight),
                    _fmt(s.value),
                    _fmt(s.points),
                    s.get_state_display(),
                    "是" if s.vetoed else "",
                    s.detail,
                    s.note,
                ]
            )
            for e in s.evidence:
                evidence.append([r.name, s.name, e["label"], e["url"]])
    for sheet, ws_widths in ((detail, [30, 22, 6, 8, 8, 10, 8, 60, 40]), (evidence, [30, 22, 80, 40])):
        for i, w in enumerate(ws_widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = w
    _print_setup(ws, "1:3")
    _print_setup(detail, "1:1")
    _print_setup(evidence, "1:1")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pdf(run, results):
    """A4 landscape: the department table with colours, then each department's indicators."""
    doc = new_pdf()
    doc.add_page(orientation="L")
    width = doc.w - doc.l_margin - doc.r_margin
    doc.set_font("cjk", size=16)
    doc.multi_cell(width, 10, f"{run}政务公开常态化考评结果", align="C", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("cjk", size=10)
    doc.multi_cell(
        width,
        6,
        f"考评期 {run.start:%Y-%m-%d} 至 {run.end:%Y-%m-%d}；{_status(run)}；"
        f"绿色线 {run.config.get('green_min')} 分，黄色线 {run.config.get('yellow_min')} 分，单项否决即为红。",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.ln(3)
    cols = [("排名", 14), ("部门", 80), ("得分", 20), ("标记", 16), ("单项否决情形", width - 130)]
    doc.set_font("cjk", size=10)

    def header():
        doc.set_fill_color(230, 230, 230)
        for label, w in cols:
            doc.cell(w, 8, label, border=1, align="C", fill=True)
        doc.ln()

    header()
    for r in results:
        reasons = "；".join(r.veto_reasons)[:120]
        if doc.get_y() > doc.h - 30:
            doc.add_page(orientation="L")
            header()
        doc.cell(cols[0][1], 7, str(r.rank or ""), border=1, align="C")
        doc.cell(cols[1][1], 7, r.name[:26], border=1)
        doc.cell(cols[2][1], 7, "—" if r.total is None else str(r.total), border=1, align="C")
        fill = PDF_FILLS.get(r.colour)
        if fill:
            doc.set_fill_color(*fill)
        doc.cell(cols[3][1], 7, COLOUR_LABELS.get(r.colour, ""), border=1, align="C", fill=bool(fill))
        doc.cell(cols[4][1], 7, reasons[:60], border=1)
        doc.ln()

    scores = _scores(results)
    for r in results:
        doc.add_page(orientation="L")
        doc.set_font("cjk", size=13)
        shown = "—" if r.total is None else r.total
        doc.multi_cell(
            width,
            8,
            f"{r.name}：{shown} 分（{COLOUR_LABELS.get(r.colour, '')}）"
            + (f"，第 {r.rank} 名" if r.rank else ""),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        doc.set_font("cjk", size=9)
        if r.note:
            doc.multi_cell(width, 6, f"考评意见：{r.note}", new_x="LMARGIN", new_y="NEXT")
        for s in scores.get(r.pk, []):
            points = "—" if s.points is None else f"{s.points}/{s.weight.normalize():f}"
            line = (
                f"· {s.name}：{points}（{s.get_state_display()}{'，单项否决' if s.vetoed else ''}）{s.detail}"
            )
            if s.note:
                line += f"；评分说明：{s.note}"
            doc.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())
