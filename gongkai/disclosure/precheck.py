"""The machine pre-publication check of a draft (MISSION B1): personal data, sensitive words and wording errors in
the title, summary, body and attachment text (`gongkai.core.textcheck`), a policy document without its 解读, and —
in the background — links that do not resolve."""

import io
import logging
import re
import urllib.parse

from django.utils import timezone

from gongkai.core import outbound, personal_data, textcheck

from .models import GovInfoPage, PrecheckResult

logger = logging.getLogger("gongkai.disclosure")
MAX_ATTACHMENT_TEXT = 200_000  # characters read from one attachment
LINK_RE = re.compile(
    r"""<a\s[^>]*?(?:href="([^"]*)"|linktype="page"[^>]*?id="(\d+)"|id="(\d+)"[^>]*?linktype="page")"""
)


#: a table's cells are separate values: "2", "1", "1" … in a row never read as one 15-digit 身份证号
def attachment_text(document):
    """The text of a PDF, Word (.docx), Excel (.xlsx) or text attachment; '' for images and legacy binaries."""
    name = document.file.name.lower()
    try:
        with document.file.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    try:
        if name.endswith(".pdf"):
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            parts, total = [], 0
            for page in reader.pages:
                text = (page.extract_text() or "").replace("\x00", "")
                parts.append(text)
                total += len(text)
                if total > MAX_ATTACHMENT_TEXT:
                    break
            return "\n".join(parts)[:MAX_ATTACHMENT_TEXT]
        if name.endswith(".docx"):
            import docx

            doc = docx.Document(io.BytesIO(data))
            parts = [p.text for p in doc.paragraphs]
            for table in doc.tables:
                parts.extend(cell.text for row in table.rows for cell in row.cells)
            return "\n".join(parts)[:MAX_ATTACHMENT_TEXT]
        if name.endswith(".xlsx"):
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            parts = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    parts.append("\t".join(str(v) for v in row if v is not None))
            return "\n".join(parts)[:MAX_ATTACHMENT_TEXT]
        if name.endswith((".txt", ".csv")):
            return data.decode("utf-8", errors="replace")[:MAX_ATTACHMENT_TEXT]
    except Exception:  # a corrupt attachment is reported, not fatal to the check
        logger.warning("attachment text extraction failed for document %s", document.pk)
        return None
    return ""


def _findings_in(text, where, matcher=None):
    out = []
    for f in textcheck.check_text(text, matcher=matcher):
        d = f.as_dict()
        d["where"] = where
        d["excerpt"] = text[max(0, f.start - 10) : f.end + 10]
        if f.kind in personal_data.KINDS:
            # never copy personal data into the findings themselves
            value = text[f.start : f.end]
            d["excerpt"] = d["excerpt"].replace(value, personal_data.mask_value(f.kind, value))
        out.append(d)
    return out


def check_page(page):
    """All findings for one page object (typically `revision.as_object()`), as JSON-able dicts."""
    matcher = textcheck.get_matcher()
    findings = []
    findings += _findings_in(page.title, "标题", matcher)
    if page.summary:
        findings += _findings_in(page.summary, "内容概述", matcher)
    findings += _findings_in(textcheck.html_text(page.body), "正文", matcher)
    for attachment in page.attachments.all():
        document = attachment.document
        text = attachment_text(document)
        label = f"附件《{attachment.title or document.title}》"
        if text is None:
            findings.append(
                {
                    "kind": "attachment_unreadable",
                    "start": 0,
                    "end": 0,
                    "severity": "warn",
                    "message": f"{label}无法读取文字内容，请人工检查。",
                    "where": label,
                    "excerpt": "",
                }
            )
        elif text:
            findings += _findings_in(text, label, matcher)
    if page.is_policy and not has_interpretation(page):
        findings.append(
            {
                "kind": "missing_interpretation",
                "start": 0,
                "end": 0,
                "severity": "warn",
                "where": "关联",
                "excerpt": "",
                "message": "本件为规范性文件，尚未关联政策解读：政策文件与解读应同步发布（请在解读页中选择本文件）。",
            }
        )
    return findings


def has_interpretation(page):
    if not page.pk:
        return False
    return GovInfoPage.objects.filter(policies=page.pk).exists()


def run_precheck(page, revision):
    """Check `revision` of `page` and store the result for the reviewers."""
    obj = revision.as_object()
    findings = check_page(obj)
    result = PrecheckResult.objects.create(page=page, revision=revision, findings=findings)
    return result


def latest_result(page):
    return PrecheckResult.objects.filter(page_id=page.pk).order_by("-checked_at", "-id").first()


def unresolved_block(page):
    """True if the latest pre-check of the page's newest revision has a blocking finding nobody has overridden."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    result = latest_result(page)
    if result is None:
        return False
    return bool(result.blocking) and not result.override_reason


# --- links, checked in the background -------------------------------------------------------------------------
def extract_links(body_html):
    """(kind, target) for every link in a rich-text body: ("page", id) for internal links, ("url", href) else."""
    links = []
    for href, page_id_a, page_id_b in LINK_RE.findall(body_html or ""):
        page_id = page_id_a or page_id_b
        if page_id:
            links.append(("page", int(page_id)))
        elif href and not href.startswith(("#", "mailto:", "tel:")):
            links.append(("url", href))
    return links


def url_resolves(url, timeout=5.0):
    """A HEAD (then GET) request with a timeout, through the outbound guard (a draft's link to a loopback or
    internal address is never requested: core/outbound.py); True on a 2xx/3xx answer."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        return True
    headers = {"User-Agent": "gongkai-linkcheck/1.0"}
    for method in ("HEAD", "GET"):
        try:
            response = outbound.fetch(url, method=method, headers=headers, timeout=timeout, max_bytes=0)
        except outbound.OutboundError:
            return False
        if response.status == 405 and method == "HEAD":
            continue
        return response.status < 400
    return False


def check_links(result_id, resolve=url_resolves):
    """Add a `broken_link` finding for every link of the checked revision that does not resolve."""
    from django.conf import settings
    from wagtail.models import Page

    result = PrecheckResult.objects.select_related("revision").get(pk=result_id)
    obj = result.revision.as_object()
    check_external = getattr(settings, "GONGKAI_LINKCHECK_EXTERNAL", True)
    broken = []
    for kind, target in extract_links(obj.body):
        if kind == "page":
            if not Page.objects.filter(pk=target).live().exists():
                broken.append(f"站内页面（编号 {target}）不存在或未发布")
        elif check_external and not resolve(target):
            broken.append(target)
    findings = [f for f in result.findings if f.get("kind") != "broken_link"]
    for target in broken:
        findings.append(
            {
                "kind": "broken_link",
                "start": 0,
                "end": 0,
                "severity": "warn",
                "where": "正文链接",
                "excerpt": target[:200],
                "message": f"链接无法访问：{target[:200]}",
            }
        )
    PrecheckResult.objects.filter(pk=result.pk).update(findings=findings, links_checked_at=timezone.now())
    return broken
