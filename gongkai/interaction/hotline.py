"""12345 hotline intake (MISSION F19): tickets from a CSV/XLSX export or from the hotline platform's API.

- idempotent on the hotline ticket number: a ticket already here is left as it is ("unchanged");
- all or nothing: every row is checked first; any error returns the row-by-row report and stores nothing;
- editable keyword rules (`KeywordRule`) decide which tickets concern government disclosure (imported) and which
  are 依申请公开 requests — those are not tickets (RULES.md §6): recorded, closed as redirected, and the citizen is
  told to file at /ysqgk/shenqing/;
- replies and ratings go back to the hotline as an XLSX file (`export_xlsx`).
"""

import csv
import datetime
import io
import re
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, contact
from gongkai.org.models import Department

from . import actions, intake
from .models import Case, Category, Channel, IntegrationToken, KeywordRule

HEADERS = {
    "ticket_no": ["工单编号", "工单号", "ticket_no"],
    "received_at": ["来电时间", "受理时间", "received_at"],
    "name": ["来电人", "姓名", "name"],
    "phone": ["联系电话", "来电号码", "phone"],
    "title": ["标题", "诉求标题", "title"],
    "content": ["诉求内容", "内容", "content"],
    "category": ["诉求类别", "类别", "category"],
    "department": ["承办部门", "department"],
}
TICKET_RE = re.compile(r"^[A-Za-z0-9\-]{4,40}$")
MAX_ROWS = 5000
MAX_FILE = 10 * 1024 * 1024


class ImportRejected(Exception):
    """The file or batch was refused; `errors` is the row-by-row report: [(row, field, message)]."""

    def __init__(self, errors):
        super().__init__("; ".join(f"第{r}行 {f}：{m}" for r, f, m in errors[:5]))
        self.errors = errors


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    redirected: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (ticket_no, reason)


def read_file(upload):
    """Rows (dicts keyed by our field names) from a CSV (UTF-8/GBK) or XLSX file, checked by content."""
    if upload.size > MAX_FILE:
        raise ImportRejected([(0, "file", "文件过大（上限 10 MB）。")])
    data = upload.read()
    if data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif b"\x00" in data[:2048]:
        raise ImportRejected([(0, "file", "文件类型不正确：只接受 CSV 或 XLSX（按文件内容检查）。")])
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRejected([(0, "file", "无法识别文件编码，请另存为 UTF-8 的 CSV 或 XLSX。")])
        rows = list(csv.reader(io.StringIO(text)))
    return _map_headers(rows)


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a corrupt or non-xlsx zip
        raise ImportRejected([(0, "file", "XLSX 文件无法读取，请确认是 Excel 2007 及以上格式。")]) from exc
    ws = wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _map_headers(rows):
    if not rows:
        raise ImportRejected([(0, "file", "文件为空。")])
    header = [str(h or "").strip() for h in rows[0]]
    index = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                index[key] = i
                break
    missing = [HEADERS[k][0] for k in ("ticket_no", "received_at", "content") if k not in index]
    if missing:
        raise ImportRejected([(1, "表头", f"缺少必需的列：{'、'.join(missing)}。")])
    out = []
    for row in rows[1:]:
        if all(v in (None, "") for v in row):
            continue
        out.append({k: (row[i] if i < len(row) else None) for k, i in index.items()})
    if len(out) > MAX_ROWS:
        raise ImportRejected([(0, "file", f"一次最多导入 {MAX_ROWS} 行，请分批导入。")])
    return out


def _parse_time(value):
    if isinstance(value, datetime.datetime):
        dt = value
    else:
        text = str(value or "").strip().replace("/", "-").replace("T", " ")
        dt = None
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                dt = datetime.datetime.strptime(text, fmt)  # noqa: DTZ007 — Beijing time, made aware below
                break
            except ValueError:
                continue
        if dt is None:
            return None
    if timezone.is_naive(dt):
        dt = timezone.make_aware(dt)  # the hotline exports Beijing time
    return dt


def _matches(text, kind, rules):
    return [w for k, w in rules if k == kind and w in text]


def validate_rows(rows, now=None):
    """Check every row; returns (cleaned rows, errors). Row numbers count the header as row 1."""
    now = now or timezone.now()
    errors, cleaned, seen = [], [], {}
    cats = {c.name: c for c in Category.objects.filter(channel=Channel.HOTLINE, active=True)}
    depts = {d.name: d for d in Department.objects.filter(active=True)}
    depts.update({d.short_name: d for d in depts.values() if d.short_name})
    for n, raw in enumerate(rows, start=2):
        if not isinstance(raw, dict):
            errors.append((n, "__all__", "每条工单应为 JSON 对象。"))
            continue
        row_errors = {}
        ticket = str(raw.get("ticket_no") or "").strip()
        if not ticket:
            row_errors["ticket_no"] = "缺少工单编号。"
        elif not TICKET_RE.match(ticket):
            row_errors["ticket_no"] = "工单编号只能包含字母、数字和连字符（4 到 40 位）。"
        elif ticket in seen:
            row_errors["ticket_no"] = f"工单编号与第 {seen[ticket]} 行重复。"
        else:
            seen[ticket] = n
        received = _parse_time(raw.get("received_at"))
        if received is None:
            row_errors["received_at"] = "来电时间格式应为 YYYY-MM-DD HH:MM。"
        elif received > now + datetime.timedelta(minutes=5):
            row_errors["received_at"] = "来电时间不能晚于当前时间。"
        data = {
            "name": str(raw.get("name") or "").strip() or "来电群众",
            "phone": str(raw.get("phone") or "").strip(),
            "email": "",
            "content": str(raw.get("content") or ""),
            "title": str(raw.get("title") or "").strip() or str(raw.get("content") or "").strip()[:30],
            "public": False,
        }
        name = intake._text(data, "name", row_errors, required=False, label="来电人")
        title = intake._text(data, "title", row_errors, required=True, label="标题")
        content = intake._text(data, "content", row_errors, required=True, label="诉求内容", minimum=5)
        phone = data["phone"] and contact.normalize_phone(data["phone"])
        if phone is None:
            row_errors["phone"] = contact.MESSAGE
        category = cats.get(str(raw.get("category") or "").strip()) or cats.get("政务公开咨询")
        dept_name = str(raw.get("department") or "").strip()
        department = depts.get(dept_name) if dept_name else None
        if dept_name and department is None:
            row_errors["department"] = f"承办部门“{dept_name[:20]}”不存在。"
        errors.extend((n, f, m) for f, m in row_errors.items())
        if not row_errors:
            cleaned.append(
                {
                    "row": n,
                    "ticket_no": ticket,
                    "received_at": received,
                    "name": name,
                    "phone": phone,
                    "email": "",
                    "title": title,
                    "content": content,
                    "public": False,
                    "category": category,
                    "department": department,
                }
            )
    return cleaned, errors


@transaction.atomic
def import_tickets(rows, actor, *, source="import", integration="", now=None):
    """All or nothing: validate every row, then store the new tickets in one transaction."""
    now = now or timezone.now()
    cleaned, errors = validate_rows(rows, now)
    if errors:
        raise ImportRejected(errors)
    rules = list(KeywordRule.objects.filter(active=True).values_list("kind", "keyword"))
    existing = set(
        Case.objects.filter(hotline_ticket_no__in=[r["ticket_no"] for r in cleaned]).values_list(
            "hotline_ticket_no", flat=True
        )
    )
    result = ImportResult()
    for row in cleaned:
        ticket = row["ticket_no"]
        if ticket in existing:
            result.unchanged.append(ticket)
            continue
        text = f"{row['title']}\n{row['content']}"
        foi = _matches(text, KeywordRule.Kind.FOI, rules)
        related = _matches(text, KeywordRule.Kind.DISCLOSURE, rules)
        if not foi and not related:
            result.skipped.append((ticket, "未命中政务公开关键词，不属于本平台办理范围"))
            continue
        case, _created = actions.submit(
            Channel.HOTLINE,
            row,
            actor=actor,
            source=source,
            now=now,
            ticket_no=ticket,
            received_at=row["received_at"],
            extra={"disclosure_related": True},
        )
        if foi:
            actions.redirect_to_foi(
                actor, case, note=f"工单含“{foi[0]}”，属依申请公开，已引导至依申请公开程序。"
            )
            result.redirected.append(case.code)
        else:
            result.created.append(case.code)
    audit.record(
        actor,
        "interaction.hotline_import",
        None,
        object_type="interaction.import",
        object_id=source,
        object_repr=f"12345工单导入 {len(rows)} 行{f'（{integration}）' if integration else ''}",
        after={
            "created": len(result.created),
            "unchanged": len(result.unchanged),
            "redirected": len(result.redirected),
            "skipped": len(result.skipped),
        },
    )
    return result


# --- tokens ----------------------------------------------------------------------------------------------------
@transaction.atomic
def create_token(actor, name):
    """A new integration token; the plain token is returned once and only its hash is kept."""
    token = "gk_" + secrets.token_urlsafe(32)
    item = IntegrationToken.objects.create(
        name=name, token_hash=IntegrationToken.hash(token), prefix=token[:8]
    )
    audit.record(actor, "interaction.token_create", item)
    return item, token


def authenticate(header):
    """The active token of an `Authorization: Bearer …` header, or None."""
    if not header or not header.startswith("Bearer "):
        return None
    token = header[7:].strip()
    item = IntegrationToken.objects.filter(token_hash=IntegrationToken.hash(token), active=True).first()
    if item is not None:
        IntegrationToken.objects.filter(pk=item.pk).update(last_used_at=timezone.now())
    return item


# --- export back to the hotline ---------------------------------------------------------------------------------
EXPORT_HEADERS = [
    "工单编号",
    "查询码",
    "状态",
    "承办部门",
    "答复日期",
    "答复内容",
    "评价",
    "评价意见",
    "办结时间",
    "转依申请公开",
]


def export_xlsx(queryset):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("12345工单办理结果")
    ws.append(EXPORT_HEADERS)

    def local(dt):
        return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""

    for case in queryset.select_related("department", "reply_department").order_by("received_at"):
        ws.append(
            [
                case.hotline_ticket_no or "",
                case.code,
                case.get_status_display(),
                (case.reply_department or case.department).name
                if (case.reply_department or case.department)
                else "",
                local(case.published_at),
                case.reply if case.published_at or case.foi_redirected else "",
                case.get_rating_display() if case.rating else "",
                case.rating_comment,
                local(case.closed_at),
                "是" if case.foi_redirected else "否",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
