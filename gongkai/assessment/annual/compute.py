"""The figures of the annual report (国办公开办函〔2021〕30号; RULES.md §3), from the platform's own data.

- Table 二 (主动公开): 规章 and 行政规范性文件 from the catalog (what disclosure registers as "annual.documents",
  disclosure/measures.py); 行政许可, 行政处罚, 行政强制 and 行政事业性收费 are not recorded by the platform and come
  from the office's inputs, each with its source (`INPUTS`).
- Table 三 and table 四, and section 六's fees (国办函〔2020〕109号): what FOI registers as "annual.foi"
  (foi/measures.py) — the same counting as the FOI workbench, not a second one. The identity 一 + 二 = 三（七） + 四
  is checked there, per column.

`compute(year, department)` returns the snapshot stored in `AnnualReport.data`; `as_json(data)` the shape of
`gongkai annual-report YEAR --json`. Nothing here reads the clock: the year is passed in.
"""

from decimal import Decimal, InvalidOperation

from .. import registry

# (key, table-二 row label, 条例 item, unit) of the figures the office enters
INPUTS = [
    ("licensing", "行政许可", "第二十条第（五）项", "件"),
    ("penalty", "行政处罚", "第二十条第（六）项", "件"),
    ("coercion", "行政强制", "第二十条第（六）项", "件"),
    ("fees_wan", "行政事业性收费", "第二十条第（八）项", "万元"),
]
INPUT_KEYS = [key for key, *_ in INPUTS]

T2_DOC_COLUMNS = ["本年制发件数", "本年废止件数", "现行有效件数"]

# rows of table 三 as the form (国办公开办函〔2021〕30号) names them, the labels foi.stats counts under
ROW_RESULTS = "三、本年度办理结果"
ROW_TOTAL = "（七）总计"


def clean_inputs(raw):
    """The office's figures: counts are whole numbers ≥ 0, the fee amount 万元 with up to 4 decimals; each needs a
    source once it has a value. Returns (inputs, errors) — errors keyed by field, in Chinese."""
    inputs, errors = {}, {}
    for key, label, _, unit in INPUTS:
        entry = raw.get(key) or {}
        value = str(entry.get("value", "")).strip()
        source = str(entry.get("source", "")).strip()[:200]
        if value == "":
            inputs[key] = {"value": None, "source": source}
            continue
        if key == "fees_wan":
            try:
                number = Decimal(value)
            except InvalidOperation:
                errors[key] = f"{label}收费金额须为数字（单位：万元）。"
                continue
            if number < 0 or number.as_tuple().exponent < -4:
                errors[key] = f"{label}收费金额须为不小于 0 的数，最多四位小数（单位：万元）。"
                continue
            parsed = str(number)
        else:
            if not value.isdecimal():
                errors[key] = f"{label}处理决定数量须为不小于 0 的整数（单位：{unit}）。"
                continue
            parsed = int(value)
        if not source:
            errors[f"{key}_source"] = f"请注明{label}数字的来源（如：市政数局审批系统 {unit}统计）。"
            continue
        inputs[key] = {"value": parsed, "source": source}
    return inputs, errors


def compute(year, department=None):
    """The snapshot of every figure the platform knows for the report (JSON-serialisable)."""
    documents = registry.provided("annual.documents")(year, department)
    foi = registry.provided("annual.foi")(year, department)
    return {
        "year": year,
        "table2": {"columns": T2_DOC_COLUMNS, "documents": documents["documents"]},
        "table3": foi["table3"],
        "table4": foi["table4"],
        "fees_yuan": foi["fees_yuan"],
        "facts": {**documents["facts"], **foi["facts"]},
    }


def _sum(rows):
    return [sum(col) for col in zip(*rows, strict=True)]


def table3_flat(data):
    """{row label: [7 integers]} in the report's order. The official table leaves 三、本年度办理结果 and the group
    rows （三）–（六） without figures; here they carry the sum of their sub-rows (三 = （七）总计) so every
    label of RULES.md §3 has its 7 numbers."""
    rows = data["table3"]["rows"]
    out = {}
    i = 0
    while i < len(rows):
        row = rows[i]
        if row["values"] is not None:
            out[row["label"]] = list(row["values"])
            i += 1
            continue
        if row["level"] == 1:  # a group heading: its sub-rows follow at level 2
            members = []
            j = i + 1
            while j < len(rows) and rows[j]["level"] == 2:
                members.append(rows[j])
                j += 1
            out[row["label"]] = _sum([m["values"] for m in members])
            for m in members:
                out[m["label"]] = list(m["values"])
            i = j
            continue
        out[row["label"]] = None  # 三、本年度办理结果: filled below from （七）总计
        i += 1
    out[ROW_RESULTS] = list(out[ROW_TOTAL])
    return out


def as_json(data, inputs=None, scope=""):
    """The machine-readable report: tables 二, 三, 四, the identity check and fees."""
    inputs = inputs or {}
    table2 = {
        "columns": data["table2"]["columns"],
        "rows": {r["label"]: r["values"] for r in data["table2"]["documents"]},
        "entered": {
            label: {
                "value": (inputs.get(key) or {}).get("value"),
                "source": (inputs.get(key) or {}).get("source", ""),
            }
            for key, label, *_ in INPUTS
        },
    }
    return {
        "year": data["year"],
        "scope": scope,
        "format": "国办公开办函〔2021〕30号",
        "table2": table2,
        "table3": {"columns": list(data["table3"]["columns"]), "rows": table3_flat(data)},
        "table4": {
            "columns": data["table4"]["columns"],
            "rows": {r["label"]: [r[c] for c in data["table4"]["columns"]] for r in data["table4"]["rows"]},
        },
        "identity": {
            "rule": "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（各列）",
            "holds": not data["table3"]["imbalances"],
            "imbalances": list(data["table3"]["imbalances"]),
        },
        "fees_yuan": data["fees_yuan"],
    }
