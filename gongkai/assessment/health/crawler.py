"""A bounded, polite crawler of the platform's own site: finds the links and attachments that do not work
(RULES.md §5; the 19号 indicators deduct for broken links, images and attachments).

- Only the host of `base_url` is requested. Off-host links are counted and left alone unless `check_external` is
  set; redirects are never followed blindly (a redirect to another host is not requested).
- Bounded by page count, request count and wall time; the report says which bound stopped it.
- Polite: a delay between requests (at least the robots.txt Crawl-delay), robots.txt obeyed for every URL, an
  identifying User-Agent, GET for pages and HEAD (then GET, body not read) for attachments.

Plain `requests`, no Django: the caller attributes the broken links to pages and departments (`checks.py`).
"""

import re
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests

USER_AGENT = "gongkai-sitehealth/1.0 (site health monitor of the gongkai disclosure platform)"
ATTACHMENT_EXTENSIONS = {
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ofd",
    "txt",
    "csv",
    "zip",
    "rar",
    "7z",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "svg",
    "webp",
    "mp3",
    "mp4",
    "ogg",
}
ATTACHMENT_PREFIXES = ("/documents/", "/media/", "/static/")
LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "embed": "src",
}
MAX_BODY = 3 * 1024 * 1024
MAX_REFERRERS = 20


@dataclass
class CrawlConfig:
    base_url: str
    max_pages: int = 500
    max_requests: int = 5000
    max_seconds: float = 1800.0
    delay: float = 0.5
    timeout: float = 15.0
    check_external: bool = False
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class BrokenLink:
    url: str
    found_on: str  # the page the link is on ("" for the start page itself)
    kind: str  # "page", "attachment" or "external"
    status: int | None  # HTTP status, None when no answer came
    reason: str  # Chinese, e.g. "HTTP 404" or "连接失败"


@dataclass
class CrawlReport:
    base_url: str
    pages: list = field(default_factory=list)  # URLs of the pages fetched and read
    broken: list = field(default_factory=list)
    links_checked: int = 0  # distinct URLs requested (pages, attachments, external links)
    skipped_external: int = 0
    disallowed: int = 0  # URLs robots.txt forbids
    stopped: str = ""  # which bound stopped the crawl, "" when the site was covered
    requested: list = field(default_factory=list)  # (method, url) of every request made, in order

    @property
    def complete(self):
        return not self.stopped


class Robots:
    """robots.txt as RFC 9309 reads it: the group naming this crawler (else `*`), the longest matching rule wins,
    Allow on a tie; `*` and `$` in paths. (urllib.robotparser takes the first matching line instead, which lets
    a leading "Allow: /" open everything.)"""

    def __init__(self, text, user_agent=USER_AGENT):
        token = user_agent.split("/", 1)[0].lower()
        groups, agents, rules, delays = {}, [], [], {}
        in_rules = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            key, value = (part.strip() for part in line.split(":", 1))
            key = key.lower()
            if key == "user-agent":
                if in_rules:
                    agents, rules, in_rules = [], [], False
                agents.append(value.lower())
                for agent in agents:
                    groups.setdefault(agent, rules)
            elif key in ("allow", "disallow") and agents:
                in_rules = True
                if value:
                    rules.append((key == "allow", value))
            elif key == "crawl-delay" and agents:
                in_rules = True
                try:
                    for agent in agents:
                        delays[agent] = float(value)
                except ValueError:
                    pass
        chosen = next((a for a in groups if a != "*" and a in token), "*")
        self.rules = [(allow, self._pattern(path), len(path)) for allow, path in groups.get(chosen, [])]
        self.crawl_delay = delays.get(chosen)

    @staticmethod
    def _pattern(path):
        anchored = path.endswith("$")
        body = re.escape(path.rstrip("$")).replace(r"\*", ".*")
        return re.compile(body + ("$" if anchored else ""))

    def allowed(self, url):
        parts = urllib.parse.urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best = None
        for allow, pattern, length in self.rules:
            if pattern.match(path) and (best is None or length > best[1] or (length == best[1] and allow)):
                best = (allow, length)
        return best is None or best[0]


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.base = None

    def handle_starttag(self, tag, attrs):
        if tag == "base":
            self.base = dict(attrs).get("href") or self.base
            return
        name = LINK_ATTRIBUTES.get(tag)
        if name:
            value = dict(attrs).get(name)
            if value:
                self.links.append(value.strip())


def extract_links(html, page_url):
    """Absolute http(s) URLs (fragment removed) of the links, images and frames of an HTML page."""
    parser = _LinkParser()
    parser.feed(html)  # html.parser does not raise on malformed markup
    parser.close()
    base = urllib.parse.urljoin(page_url, parser.base) if parser.base else page_url
    out = []
    for href in parser.links:
        if href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        url = urllib.parse.urldefrag(urllib.parse.urljoin(base, href))[0]
        if urllib.parse.urlsplit(url).scheme in ("http", "https"):
            out.append(url)
    return out


def _origin(url):
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return (parts.scheme, (parts.hostname or "").lower(), parts.port or default)


def is_attachment(url):
    path = urllib.parse.urlsplit(url).path
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return ext in ATTACHMENT_EXTENSIONS or path.startswith(ATTACHMENT_PREFIXES)


class Crawler:
    def __init__(self, config, session=None, monotonic=time.monotonic, sleep=time.sleep):
        self.config = config
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = config.user_agent
        self.monotonic = monotonic
        self.sleep = sleep
        self.origin = _origin(config.base_url)
        self.robots = None
        self.delay = config.delay
        self._last = None
        self._started = None

    # --- helpers ---------------------------------------------------------------------------------------------
    def same_host(self, url):
        return _origin(url) == self.origin

    def _over_time(self):
        return self.monotonic() - self._started >= self.config.max_seconds

    def _request(self, report, method, url, **kwargs):
        if not self.same_host(url) and not self.config.check_external:
            raise AssertionError(f"crawler must not leave its host: {url}")  # guarded by the callers
        if self._last is not None:
            wait = self.delay - (self.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)
        report.requested.append((method, url))
        try:
            return self.session.request(method, url, timeout=self.config.timeout, **kwargs)
        finally:
            self._last = self.monotonic()

    def _load_robots(self, report):
        robots_url = urllib.parse.urljoin(self.config.base_url, "/robots.txt")
        try:
            response = self._request(report, "GET", robots_url, allow_redirects=False)
        except requests.RequestException:
            self.robots = Robots("")  # no answer: nothing is forbidden
            return
        if response.status_code in (401, 403):
            self.robots = Robots("User-agent: *\nDisallow: /")
        elif response.status_code >= 300:
            self.robots = Robots("")
        else:
            self.robots = Robots(response.text, self.config.user_agent)
        response.close()
        if self.robots.crawl_delay:
            self.delay = max(self.delay, self.robots.crawl_delay)

    def _allowed(self, url):
        return self.robots is None or self.robots.allowed(url)

    @staticmethod
    def _reason(status):
        return f"HTTP {status}" if status else "连接失败"

    # --- checks ------------------------------------------------------------------------------------------------
    def _check_resource(self, report, url, external=False):
        """HEAD, then GET (body not read) when HEAD fails. (ok, status, location)."""
        status = None
        for method in ("HEAD", "GET"):
            try:
                response = self._request(report, method, url, allow_redirects=external, stream=True)
            except requests.RequestException:
                status = None
                continue
            status = response.status_code
            location = response.headers.get("Location", "")
            response.close()
            if status < 400:
                return True, status, location if 300 <= status < 400 else ""
        return False, status, ""

    def _fetch_page(self, report, url):
        """(ok, status, html or "", location)."""
        try:
            response = self._request(report, "GET", url, allow_redirects=False, stream=True)
        except requests.RequestException:
            return False, None, "", ""
        status = response.status_code
        location = response.headers.get("Location", "") if 300 <= status < 400 else ""
        html = ""
        if status < 300 and "html" in response.headers.get("Content-Type", ""):
            body = response.raw.read(MAX_BODY, decode_content=True)
            encoding = response.encoding or response.apparent_encoding or "utf-8"
            html = body.decode(encoding, errors="replace")
        response.close()
        return status < 400, status, html, location

    # --- the crawl -----------------------------------------------------------------------------------------------
    def run(self):
        config = self.config
        report = CrawlReport(base_url=config.base_url)
        self._started = self.monotonic()
        self._load_robots(report)
        start = urllib.parse.urldefrag(urllib.parse.urljoin(config.base_url, "/"))[0]
        queue = deque([start])
        seen = {start}
        referrers = {start: [""]}
        kinds = {start: "page"}
        results = {}  # url -> (ok, status)

        def note(url, found_on, kind):
            refs = referrers.setdefault(url, [])
            if found_on not in refs and len(refs) < MAX_REFERRERS:
                refs.append(found_on)
            if url in seen:
                return
            if not self.same_host(url):
                if not config.check_external:
                    report.skipped_external += 1
                    seen.add(url)
                    return
                kind = "external"
            elif not self._allowed(url):
                report.disallowed += 1
                seen.add(url)
                return
            seen.add(url)
            kinds[url] = kind
            queue.append(url)

        while queue:
            if self._over_time():
                report.stopped = f"达到时间上限（{int(config.max_seconds)} 秒）"
                break
            if len(report.requested) >= config.max_requests:
                report.stopped = f"达到请求数上限（{config.max_requests} 次）"
                break
            url = queue.popleft()
            kind = kinds[url]
            if kind == "page" and is_attachment(url):
                kind = kinds[url] = "attachment"
            if kind == "page":
                if len(report.pages) >= config.max_pages:
                    report.stopped = f"达到页数上限（{config.max_pages} 页）"
                    break
                ok, status, html, location = self._fetch_page(report, url)
                report.links_checked += 1
                results[url] = (ok, status)
                if ok and not location:
                    report.pages.append(url)
                    for link in extract_links(html, url):
                        note(link, url, "attachment" if is_attachment(link) else "page")
            else:
                ok, status, location = self._check_resource(report, url, external=(kind == "external"))
                report.links_checked += 1
                results[url] = (ok, status)
            if location:
                target = urllib.parse.urldefrag(urllib.parse.urljoin(url, location))[0]
                for found_on in referrers.get(url, [""]):
                    note(target, found_on, kind)

        for url, (ok, status) in results.items():
            if ok:
                continue
            for found_on in referrers.get(url, [""]):
                report.broken.append(BrokenLink(url, found_on, kinds[url], status, self._reason(status)))
        return report
