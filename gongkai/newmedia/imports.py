"""Reading posts from the places they come from: an RSS/Atom feed, or a CSV/XLSX export of the platform's back
office. Reading never stores anything; `actions.import_posts` stores, so a bad source leaves what is stored alone."""

import calendar
import csv
import datetime
import io
import re
import zipfile

import feedparser
from django.conf import settings
from django.utils import timezone

from gongkai.core import outbound

from .actions import PostItem

MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


class SourceError(Exception):
    """A source that cannot be read, with the reasons in Chinese (one per line or per row)."""

    def __init__(self, errors):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("；".join(self.errors))


# --- RSS/Atom ---------------------------------------------------------------------------------------------


def feed_timeout():
    return getattr(settings, "GONGKAI_NEWMEDIA_FEED_TIMEOUT", 15)


def download(url, timeout=None):
    """GET the feed with a timeout and a size cap, through the outbound guard (no loopback or internal address,
    redirects checked: core/outbound.py); runs only in the background worker, never in a page request."""
    if not url.startswith(("http://", "https://")):
        raise SourceError("订阅地址须以 http:// 或 https:// 开头。")
    headers = {"User-Agent": "gongkai-newmedia/1.0"}
    try:
        response = outbound.fetch(
            url, headers=headers, timeout=timeout or feed_timeout(), max_bytes=MAX_FEED_BYTES + 1
        )
    except outbound.OutboundRefused as exc:
        raise SourceError(f"订阅地址不可访问：{exc}") from exc
    except outbound.OutboundTimeout as exc:
        raise SourceError("订阅地址响应超时。") from exc
    except outbound.OutboundError as exc:
        raise SourceError(f"无法连接订阅地址：{exc}") from exc
    if response.status >= 400:
        raise SourceError(f"订阅地址返回错误状态 {response.status}。")
    if len(response.body) > MAX_FEED_BYTES:
        raise SourceError("订阅内容超过 5 MB，未导入。")
    return response.body


def _entry_time(entry):
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.datetime.fromtimestamp(calendar.timegm(value), tz=datetime.UTC)
    return None


def parse_feed(body):
    """Parse an RSS or Atom document. A document that is not well-formed is refused whole, with the parser's
    line number, rather than half-read; entries without a title or a date are reported and left out."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.CharacterEncodingOverride):
        exc = parsed.bozo_exception
        line = getattr(exc, "getLineNumber", lambda: None)()
        where = f"第 {line} 行" if line else ""
        raise SourceError(
            f"订阅内容格式错误（{where}不是合法的 RSS/Atom），本次未导入任何内容，已有记录不受影响。"
        )
    if not parsed.version:
        raise SourceError("该地址返回的不是 RSS/Atom 订阅内容，本次未导入。")
    items, skipped = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        title = (entry.get("title") or "").strip()
        when = _entry_time(entry)
        if not title:
            skipped.append(f"第 {number} 条缺少标题，已跳过。")
            continue
        if when is None:
            skipped.append(f"第 {number} 条“{title[:30]}”缺少发布时间，已跳过。")
            continue
        items.append(
            PostItem(
                title=title,
                published_at=when,
                url=(entry.get("link") or "").strip(),
                summary=re.sub(r"<[^>]+>", "", entry.get("summary") or "").strip()[:2000],
                external_id=(entry.get("id") or entry.get("link") or "").strip(),
            )
        )
    return items, skipped


# --- CSV / XLSX -----------------------------------------------------------------------------------------

HEADERS = {
    "title": ("标题", "title", "文章标题", "作品标题"),
    "published_at": ("发布时间", "published_at", "时间", "发文时间", "发布日期"),
    "url": ("链接", "url", "文章链接", "原文链接"),
}
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
)


def _parse_time(value):
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(0, 0))
    else:
        text = str(value or "").strip().replace("年", "-").replace("月", "-").replace("日", "")
        for fmt in TIME_FORMATS:
            try:
                moment = datetime.datetime.strptime(text, fmt)  # noqa: DTZ007 — local time, made aware below
                break
            except ValueError:
                continue
        else:
            return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _read_rows(content, filename):
    if content[:4] == b"PK\x03\x04":
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise SourceError("无法读取该 Excel 文件，请确认是 .xlsx 格式。") from exc
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith((".xlsx", ".xls")):
        raise SourceError("文件内容不是 .xlsx 格式（旧版 .xls 请另存为 .xlsx 或 CSV）。")
    if b"\x00" in content[:2048]:
        raise SourceError("文件不是文本格式的 CSV。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SourceError("CSV 文件编码无法识别，请另存为 UTF-8 或 GBK 编码。")
    return list(csv.reader(io.StringIO(text)))


def parse_table(content, filename=""):
    """Rows of (标题, 发布时间, 链接) from a CSV (UTF-8 or GBK, as Excel saves it) or an XLSX file. Any bad row makes
    the whole file fail with every bad row listed, so a file is imported whole or not at all."""
    if len(content) > MAX_FILE_BYTES:
        raise SourceError("文件过大（上限 2 MB）。")
    if not content:
        raise SourceError("文件为空。")
    rows = [r for r in _read_rows(content, filename) if any(str(c or "").strip() for c in r)]
    if not rows:
        raise SourceError("文件中没有数据。")
    header = [str(c or "").strip().lower() for c in rows[0]]
    columns = {}
    for key, names in HEADERS.items():
        for i, name in enumerate(header):
            if name in names:
                columns[key] = i
                break
    missing = [names[0] for key, names in HEADERS.items() if key not in columns and key != "url"]
    if missing:
        raise SourceError(f"表头缺少列：{'、'.join(missing)}（第一行应为 标题、发布时间、链接）。")
    if len(rows) - 1 > MAX_ROWS:
        raise SourceError(f"单次最多导入 {MAX_ROWS} 行。")
    items, errors = [], []
    for number, row in enumerate(rows[1:], start=2):

        def cell(key, row=row):
            i = columns.get(key)
            return row[i] if i is not None and i < len(row) else None

        title = str(cell("title") or "").strip()
        when = _parse_time(cell("published_at"))
        url = str(cell("url") or "").strip()
        if not title:
            errors.append(f"第 {number} 行：缺少标题。")
        if when is None:
            errors.append(f"第 {number} 行：发布时间格式不正确（应为 2026-03-05 09:30 这样的格式）。")
        if url and not url.startswith(("http://", "https://")):
            errors.append(f"第 {number} 行：链接须以 http:// 或 https:// 开头。")
        if title and when:
            items.append(PostItem(title=title, published_at=when, url=url))
    if errors:
        raise SourceError(errors)
    return items
