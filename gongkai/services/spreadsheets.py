"""放管服 lists in Excel (F18): a template per list type, row-by-row validation, export in the same format.

Departments keep these lists in spreadsheets; the import never stores half a file silently: `parse()` reports every
bad row with the reason, and `actions.import_rows` stores either every good row or nothing, as the operator chose.
"""

import io
import re
from dataclasses import dataclass, field

from django.core.validators import URLValidator
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai.org.models import Department

from .models import Level, ListType, PowerKind, Theme

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-]{5,63}$")
LEVEL_BY_LABEL = {**{str(c.label): c.value for c in Level}, "市": "city", "乡": "town", "村": "village"}
POWER_BY_LABEL = {str(c.label): c.value for c in PowerKind}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str = "text"  # text, int, url, level, power_kind, themes, department
    required: bool = False
    max_length: int = 2000
    note: str = ""


BASE_COLUMNS = [
    Column(
        "code",
        "实施编码",
        required=True,
        max_length=64,
        note="GB/T 39554.1 实施编码，唯一；再次导入同一编码即更新该事项",
    ),
    Column("name", "事项名称", required=True, max_length=200),
    Column(
        "department", "责任部门", kind="department", required=True, note="部门全称或简称，如：恩施市教育局"
    ),
    Column("level", "行使层级", kind="level", note="市级、乡级或村级；不填为市级"),
    Column("basis", "设定依据"),
    Column("conditions", "申请条件"),
    Column("materials", "办理材料", note="每项材料占一行（单元格内 Alt+Enter 换行）"),
    Column("location", "办理地点", max_length=300),
    Column("agency", "办理机构", max_length=200),
    Column("fee", "收费标准", max_length=300, note="不收费请填写“不收费”"),
    Column("hours", "办理时间", max_length=200),
    Column("phone", "联系电话", max_length=60),
    Column("process", "办理流程", note="每个环节占一行"),
    Column("legal_limit_days", "法定时限（工作日）", kind="int"),
    Column("promised_limit_days", "承诺时限（工作日）", kind="int", note="0 表示即办件"),
    Column("visits", "跑动次数", kind="int", note="不填为 1"),
    Column("onsite_visits", "到现场次数", kind="int", note="不填为 1"),
    Column("online_url", "网上办理地址", kind="url", max_length=300),
    Column("themes", "所属主题", kind="themes", note="主题名称，多个用顿号“、”分隔，如：教育、就业创业"),
]

EXTRA_COLUMNS = {
    ListType.POWER: [
        Column("power_kind", "权力类型", kind="power_kind", required=True, note="、".join(POWER_BY_LABEL)),
        Column("accountability", "追责情形"),
    ],
    ListType.VISITS: [],
    ListType.PUBLIC: [Column("service_object", "服务对象", max_length=100, note="如：自然人、法人")],
    ListType.INTERMEDIARY: [Column("intermediary_agency", "中介服务机构", max_length=200)],
}


def columns_for(list_type):
    return [*BASE_COLUMNS, *EXTRA_COLUMNS[ListType(list_type)]]


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (not an .xlsx, too big, wrong headers)."""


@dataclass
class Row:
    number: int
    values: dict
    department: Department | None = None
    errors: dict = field(default_factory=dict)


@dataclass
class ParsedSheet:
    list_type: str
    rows: list
    department_scope: Department | None
    columns_stored: list

    @property
    def good_rows(self):
        return [r for r in self.rows if not r.errors]

    @property
    def bad_rows(self):
        return [r for r in self.rows if r.errors]

    @property
    def errors(self):
        return bool(self.bad_rows)

    def report(self):
        """Every bad row with its reasons, as the operator reads them (第 N 行 · 列: 原因)."""
        return [
            {
                "row": r.number,
                "code": str(r.values.get("code") or ""),
                "errors": [f"{header}：{message}" for header, message in r.errors.items()],
            }
            for r in self.bad_rows
        ]


DROPDOWN_ROWS = 2000  # the rows of the template that carry the drop-downs
OPTIONS_SHEET = "选项"


def template(list_type, departments=()):
    """An empty workbook with the headers of `list_type`, drop-downs on the enumerated columns (责任部门: the
    `departments` the user may import for; 行使层级; 权力类型) and a sheet explaining each column."""
    return _workbook(list_type, [], departments=departments)


def export(list_type, items, departments=()):
    """The items in the import format, so an export can be edited and imported back."""
    return _workbook(list_type, items, departments=departments)


def _choices(column, departments):
    if column.kind == "department":
        return [d.name for d in departments]
    if column.kind == "level":
        return [str(c.label) for c in Level]
    if column.kind == "power_kind":
        return list(POWER_BY_LABEL)
    return []


def _add_dropdowns(wb, ws, columns, departments, last_row):
    """Excel list validation for the enumerated columns; the lists are on a hidden sheet (a list written into the
    rule itself is limited to 255 characters, too short for a site's departments)."""
    options = wb.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    used = 0
    for index, column in enumerate(columns, start=1):
        values = _choices(column, departments)
        if not values:
            continue
        used += 1
        letter = get_column_letter(used)
        options.cell(row=1, column=used, value=column.header)
        for n, value in enumerate(values, start=2):
            options.cell(row=n, column=used, value=value)
        rule = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle=f"{column.header}填写有误",
            error=f"请从下拉列表中选择{column.header}。",
            showInputMessage=True,
            promptTitle=column.header,
            prompt=(column.note or f"请从下拉列表中选择{column.header}")[:255],
        )
        target = get_column_letter(index)
        rule.add(f"{target}2:{target}{last_row}")
        ws.add_data_validation(rule)


def _cell_value(item, column):
    if column.kind == "department":
        return item.department.name
    if column.kind == "level":
        return str(item.get_level_display())
    if column.kind == "power_kind":
        return str(item.get_power_kind_display()) if item.power_kind else ""
    if column.kind == "themes":
        return "、".join(t.name for t in item.themes.all())
    value = getattr(item, column.field)
    return "" if value is None else value


def _workbook(list_type, items, departments=()):
    columns = columns_for(list_type)
    wb = Workbook()
    ws = wb.active
    ws.title = str(ListType(list_type).label)
    ws.append([c.header for c in columns])
    header_font = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = header_font
        if column.required:
            cell.fill = required_fill
        ws.column_dimensions[get_column_letter(index)].width = 14 if column.kind != "text" else 24
    ws.freeze_panes = "A2"
    count = 0
    for item in items:
        ws.append([_cell_value(item, c) for c in columns])
        count += 1
    _add_dropdowns(wb, ws, columns, departments, max(DROPDOWN_ROWS, count + 1 + DROPDOWN_ROWS // 4))
    notes = wb.create_sheet("填写说明", 1)
    notes.append(["列名", "是否必填", "说明"])
    for column in columns:
        notes.append([column.header, "必填" if column.required else "", column.note])
    notes.append([])
    notes.append(["说明", "", "第一张工作表的第一行为表头，请勿修改；从第二行起每行一个事项。"])
    notes.append(["", "", "责任部门、行使层级、权力类型请从单元格的下拉列表中选择。"])
    notes.append(
        ["", "", "导入的事项均为草稿（待审核），经在“事项发布/下线”页审核（办事指南十要素校验）后方可发布。"]
    )
    notes.append(["", "", "办事指南十要素缺少 4 项及以上的事项补齐后方可发布。"])
    notes.append(["", "", "校验有错误行时，可下载“错误报告”（含错误说明列），改正后直接重新导入。"])
    for cell in notes["A"]:
        cell.alignment = Alignment(vertical="top")
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["C"].width = 80
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(data, list_type, *, department_scope=None, departments=None):
    """Read and validate an uploaded workbook. `department_scope` limits rows to one department (department
    staff); None lets rows name any department (the disclosure office) — of `departments` when given (the
    office's own site, 集约化)."""
    if len(data) > MAX_BYTES:
        raise SpreadsheetError("文件过大（上限 5 MB）。")
    if not data.startswith(b"PK\x03\x04"):
        raise SpreadsheetError("文件不是 Excel 工作簿（.xlsx）。请用模板填写后另存为 .xlsx。")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign zip
        raise SpreadsheetError("无法读取该 Excel 文件，请确认是 .xlsx 格式。") from exc
    ws = wb.worksheets[0]
    rows_iter = ws.iter_rows(values_only=True)
    header = next(rows_iter, None) or ()
    header = [str(h).strip() if h is not None else "" for h in header]
    columns = columns_for(list_type)
    positions = {}
    missing = []
    for column in columns:
        if column.header in header:
            positions[column.field] = header.index(column.header)
        elif column.required:
            missing.append(column.header)
    if missing:
        raise SpreadsheetError(
            "表头缺少必填列：%s。请使用“%s”模板。" % ("、".join(missing), ListType(list_type).label)
        )

    known = departments if departments is not None else Department.objects.all()
    departments = {}
    for dept in known:
        departments[dept.name] = dept
        if dept.short_name:
            departments.setdefault(dept.short_name, dept)
    themes = {t.name: t for t in Theme.objects.all()}
    url_validator = URLValidator(schemes=["http", "https"])
    rows = []
    seen_codes = {}
    for number, raw in enumerate(rows_iter, start=2):
        if raw is None or all(v is None or str(v).strip() == "" for v in raw):
            continue
        if len(rows) >= MAX_ROWS:
            raise SpreadsheetError("一次最多导入 %d 行，请分批导入。" % MAX_ROWS)
        row = Row(number=number, values={})
        for column in columns:
            pos = positions.get(column.field)
            value = raw[pos] if pos is not None and pos < len(raw) else None
            _validate_cell(row, column, value, departments, themes, url_validator, department_scope)
        code = row.values.get("code")
        if code:
            if code in seen_codes:
                row.errors["实施编码"] = "与第 %d 行重复。" % seen_codes[code]
            else:
                seen_codes[code] = number
        legal, promised = row.values.get("legal_limit_days"), row.values.get("promised_limit_days")
        if legal is not None and promised is not None and promised > legal:
            row.errors["承诺时限（工作日）"] = "承诺时限不能长于法定时限（%d 个工作日）。" % legal
        rows.append(row)
    wb.close()
    stored = [c.field for c in columns if c.kind != "department"]
    return ParsedSheet(
        list_type=list_type, rows=rows, department_scope=department_scope, columns_stored=stored
    )


REPORT_COLUMNS = ("原表行号", "错误说明")


def error_report(data, parsed):
    """The bad rows of an uploaded workbook as the operator uploaded them, with the row number and a 错误说明
    column (the cells at fault shaded): fix them and import this very file again — the import ignores the two
    added columns."""
    bad = {r.number: r for r in parsed.bad_rows}
    src = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    rows = src.iter_rows(values_only=True)
    header = list(next(rows, None) or ())
    header = [h for h in header if h not in REPORT_COLUMNS]
    wb = Workbook()
    ws = wb.active
    ws.title = "错误报告"
    ws.append([*header, *REPORT_COLUMNS])
    bold, fault = Font(bold=True), PatternFill("solid", fgColor="FFC7CE")
    for cell in ws[1]:
        cell.font = bold
    position = {str(h).strip(): i for i, h in enumerate(header, start=1) if h is not None}
    for number, raw in enumerate(rows, start=2):
        row = bad.get(number)
        if row is None:
            continue
        values = list(raw[: len(header)]) + [None] * max(0, len(header) - len(raw))
        ws.append([*values, number, "；".join(f"{h}：{m}" for h, m in row.errors.items())])
        for column_header in row.errors:
            if column_header in position:
                ws.cell(row=ws.max_row, column=position[column_header]).fill = fault
    width = len(header) + 2
    ws.column_dimensions[get_column_letter(width)].width = 60
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _validate_cell(row, column, value, departments, themes, url_validator, department_scope):
    text = "" if value is None else str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if column.required and not text:
        row.errors[column.header] = "必填，不能为空。"
        return
    if len(text) > column.max_length:
        row.errors[column.header] = "内容过长（上限 %d 字）。" % column.max_length
        return
    if column.kind == "text":
        if column.field == "code" and text and not CODE_RE.match(text):
            row.errors[column.header] = "只能由字母、数字和连字符组成，6 至 64 位。"
            return
        row.values[column.field] = text
    elif column.kind == "int":
        if not text:
            if column.field in ("visits", "onsite_visits"):
                row.values[column.field] = 1
            else:
                row.values[column.field] = None
            return
        if not text.isdecimal() or int(text) > 3650:
            row.errors[column.header] = "应为不小于 0 的整数。"
            return
        row.values[column.field] = int(text)
    elif column.kind == "url":
        if text:
            try:
                url_validator(text)
            except Exception:
                row.errors[column.header] = "不是有效的网址（应以 http:// 或 https:// 开头）。"
                return
        row.values[column.field] = text
    elif column.kind == "level":
        if text and text not in LEVEL_BY_LABEL:
            row.errors[column.header] = "应为市级、乡级或村级。"
            return
        row.values[column.field] = LEVEL_BY_LABEL.get(text, Level.CITY.value)
    elif column.kind == "power_kind":
        if text not in POWER_BY_LABEL:
            row.errors[column.header] = "应为以下之一：%s。" % "、".join(POWER_BY_LABEL)
            return
        row.values[column.field] = POWER_BY_LABEL[text]
    elif column.kind == "themes":
        names = [n.strip() for n in re.split(r"[、,，;；]", text) if n.strip()]
        unknown = [n for n in names if n not in themes]
        if unknown:
            row.errors[column.header] = "没有这个主题：%s。" % "、".join(unknown)
            return
        row.values[column.field] = [themes[n] for n in names]
    elif column.kind == "department":
        dept = departments.get(text)
        if dept is None:
            row.errors[column.header] = "没有名为“%s”的部门。" % text
            return
        if department_scope is not None and dept.pk != department_scope.pk:
            row.errors[column.header] = "只能导入本部门（%s）的事项。" % department_scope.name
            return
        row.department = dept
