"""The site health monitor's own check: the links and attachments the crawl found broken (crawler.py),
each attributed to the department that owns the page it was found on. The other checks are the pillars'
(`<app>/health.py`, registered with registry.health_check). Returns an `Outcome` with unsaved `Finding`s.
"""

import urllib.parse

from gongkai.assessment.registry import Check, Finding, Outcome, Severity, worst

__all__ = ["Outcome", "department_of_page", "links_outcome", "worst"]


KIND_LABELS = {"page": "页面", "attachment": "附件或图片", "external": "外部链接"}


def _page_for_url(url, sites_cache):
    """The Wagtail page at a URL of the site, or None."""
    from wagtail.models import Page, Site

    parts = urllib.parse.urlsplit(url)
    if not sites_cache:
        sites_cache.extend(Site.objects.select_related("root_page"))
    site = next((s for s in sites_cache if s.hostname == parts.hostname), None) or next(
        (s for s in sites_cache if s.is_default_site), None
    )
    if site is None:
        return None
    path = urllib.parse.unquote(parts.path or "/")
    url_path = site.root_page.url_path + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    page = Page.objects.filter(url_path=url_path).first()
    return page.specific if page else None


def department_of_page(page):
    from gongkai.org.models import Department

    department = getattr(page, "department", None) if page is not None else None
    return department if isinstance(department, Department) else None


def links_outcome(report):
    """Findings of a crawl (crawler.CrawlReport): one per broken link and page it was found on, attributed to the
    department that owns that page."""
    sites, pages = [], {}
    findings = []
    for broken in report.broken:
        if broken.found_on not in pages:
            pages[broken.found_on] = (
                department_of_page(_page_for_url(broken.found_on, sites)) if broken.found_on else None
            )
        where = (
            f"（所在页面 {urllib.parse.urlsplit(broken.found_on).path}）" if broken.found_on else "（起始页）"
        )
        findings.append(
            Finding(
                check_code=Check.LINKS,
                severity=Severity.WARNING,
                department=pages[broken.found_on],
                subject=broken.url[:300],
                detail=f"{KIND_LABELS.get(broken.kind, '链接')}无法访问：{broken.reason}{where}"[:500],
                url=broken.found_on or broken.url,
                found_on=broken.found_on,
                http_status=broken.status,
                object_type="link",
                object_id="",
            )
        )
    targets = len({b.url for b in report.broken})
    scope = f"抓取 {len(report.pages)} 个页面、检查 {report.links_checked} 个地址"
    if report.stopped:
        scope += f"，{report.stopped}后停止"
    if not report.pages:
        return Outcome(
            Check.LINKS,
            Severity.WARNING,
            targets,
            f"网站首页无法访问，未能检查链接（{report.base_url}）",
            findings,
        )
    if targets:
        return Outcome(
            Check.LINKS, Severity.WARNING, targets, f"{scope}：{targets} 个链接或附件无法访问", findings
        )
    return Outcome(Check.LINKS, Severity.OK, 0, f"{scope}：未发现失效链接", findings)
