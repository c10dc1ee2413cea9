"""The crawler never leaves its host, obeys robots.txt, waits between requests, stops at its bound, and finds the
broken links and attachments with the page they are on — against real HTTP servers (pytest-django's live_server
serving Wagtail pages built here, and a small stdlib server for HEAD/GET behaviour)."""

import http.server
import threading
import urllib.parse

import pytest
import requests

from gongkai.assessment.health.crawler import CrawlConfig, Crawler, Robots


class RecordingSession(requests.Session):
    """A real requests session that also keeps every request it sends (method, URL, headers)."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send(self, request, **kwargs):
        self.sent.append((request.method, request.url, dict(request.headers)))
        return super().send(request, **kwargs)


def _site(live_server, n_extra=0):
    """Home → /ceshi/ (a) → links good and broken, on-host and off-host; `n_extra` more pages for the bound."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    from gongkai.portal.models import HomePage, SimplePage
    from gongkai.portal.setup import ensure_home

    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = ensure_home()
    port = urllib.parse.urlsplit(live_server.url).port
    section = SimplePage(title="测试栏目", slug="ceshi", body="<p>测试栏目说明。</p>")
    home.add_child(instance=section)
    section.save_revision().publish()
    b = SimplePage(
        title="乙页", slug="b", body='<p>返回<a href="/">首页</a>，<a href="#top">回到顶部</a>。</p>'
    )
    section.add_child(instance=b)
    b.save_revision().publish()
    a = SimplePage(
        title="甲页",
        slug="a",
        body=(
            '<p>相关链接：<a href="/ceshi/missing/">已删除的通知</a>；'
            '<a href="/documents/9999/2026年秋季招生计划.pdf">招生计划（PDF）</a>；'
            '<a href="https://www.gov.cn/zhengce/">中国政府网政策</a>；'
            '<a href="/ceshi/b/">乙页</a>；<img src="/media/images/missing-banner.png" alt="横幅"></p>'
        ),
    )
    section.add_child(instance=a)
    a.save_revision().publish()
    extra = []
    for i in range(n_extra):
        page = SimplePage(title=f"办事指南说明第{i + 1}篇", slug=f"page{i}", body="<p>办事指南说明。</p>")
        section.add_child(instance=page)
        page.save_revision().publish()
        extra.append(f'<a href="/ceshi/page{i}/">第{i + 1}篇</a>')
    home = HomePage.objects.get(pk=home.pk)
    home.intro = (
        '<p><a href="/ceshi/a/">甲页</a> <a href="http://other.example.test/xxgk/">外部网站</a> '
        f'<a href="http://127.0.0.1:{port}/ceshi/b/">同端口的另一主机名</a> <a href="/kiosk/">自助终端</a> '
        + " ".join(extra)
        + "</p>"
    )
    home.save_revision().publish()


@pytest.fixture
def plain_static(settings):
    # the live server serves static files through the finders, by their source names (not the hashed ones)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.django_db(transaction=True)
def test_crawl_stays_on_its_host_and_finds_broken_links(live_server, plain_static):
    _site(live_server)
    session = RecordingSession()
    sleeps = []
    config = CrawlConfig(base_url=live_server.url + "/", max_pages=150, delay=3.0)
    report = Crawler(config, session=session, sleep=sleeps.append).run()

    host = urllib.parse.urlsplit(live_server.url).netloc
    assert session.sent and {urllib.parse.urlsplit(url).netloc for _, url, _ in session.sent} == {host}
    assert not any(
        "other.example.test" in url or "127.0.0.1" in url or "gov.cn" in url for _, url, _ in session.sent
    )
    assert report.skipped_external >= 3  # other.example.test, 127.0.0.1:port, www.gov.cn
    # robots.txt first, and what it forbids is never asked for
    assert session.sent[0][:2] == ("GET", live_server.url + "/robots.txt")
    assert not any("/kiosk/" in url or "/admin/" in url for _, url, _ in session.sent)
    assert report.disallowed >= 1
    # identifies itself, and waited between every two requests
    assert all(headers["User-Agent"].startswith("gongkai-sitehealth/") for _, _, headers in session.sent)
    assert len(sleeps) == len(session.sent) - 1 and all(2.5 < s <= 3.0 for s in sleeps)
    unquote = urllib.parse.unquote
    assert [(m, unquote(u)) for m, u in report.requested] == [(m, unquote(u)) for m, u, _ in session.sent]

    assert report.complete and live_server.url + "/ceshi/b/" in report.pages
    broken = {
        (b.url.removeprefix(live_server.url), b.found_on.removeprefix(live_server.url)): b
        for b in report.broken
    }
    missing = broken[("/ceshi/missing/", "/ceshi/a/")]
    assert (missing.kind, missing.status, missing.reason) == ("page", 404, "HTTP 404")
    pdf = next(b for b in report.broken if b.url.endswith(".pdf"))
    assert (pdf.kind, pdf.status, pdf.found_on) == ("attachment", 404, live_server.url + "/ceshi/a/")
    # an attachment is checked with HEAD, then GET when HEAD fails
    methods = [m for m, u, _ in session.sent if unquote(u) == unquote(pdf.url)]
    assert methods == ["HEAD", "GET"]
    assert any(b.url.endswith("/media/images/missing-banner.png") for b in report.broken)
    assert ("/ceshi/b/", "/ceshi/a/") not in broken


@pytest.mark.django_db(transaction=True)
def test_crawl_stops_at_its_page_bound(live_server, plain_static):
    _site(live_server, n_extra=12)
    session = RecordingSession()
    config = CrawlConfig(base_url=live_server.url + "/", max_pages=5, delay=0)
    report = Crawler(config, session=session, sleep=lambda s: None).run()
    assert report.stopped == "达到页数上限（5 页）" and not report.complete
    assert len(report.pages) == 5
    page_gets = [u for m, u, _ in session.sent if m == "GET" and not u.endswith("/robots.txt")]
    assert len(page_gets) == 5
    assert len(session.sent) == 6


def test_crawl_stops_at_its_time_bound():
    ticks = iter(range(0, 1000, 10))  # each reading of the clock is 10 s later
    with _serve() as base:
        config = CrawlConfig(base_url=base, max_seconds=25, delay=0)
        report = Crawler(config, monotonic=lambda: next(ticks), sleep=lambda s: None).run()
    assert report.stopped == "达到时间上限（25 秒）"
    assert len(report.requested) < 4


# --- HEAD/GET behaviour and redirects, on a plain HTTP server ---------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    PAGES = {
        "/": '<a href="/file.pdf">附件</a><a href="/gone.pdf">失效附件</a><a href="/away">跳转</a>'
        '<a href="/moved">站内跳转</a><a href="http://elsewhere.test/">外站</a>',
        "/target/": "<p>站内跳转的目标页</p>",
    }

    def log_message(self, *args):
        pass

    def _answer(self, body=True):
        if self.path == "/file.pdf":
            if self.command == "HEAD":
                self.send_response(405)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            if body:
                self.wfile.write(b"%PDF-1.4 test")
            return
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.test/landing")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/target/")
            self.end_headers()
            return
        html = self.PAGES.get(self.path)
        if html is None:
            self.send_response(404)
            self.end_headers()
            return
        data = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def do_GET(self):
        self._answer()

    def do_HEAD(self):
        self._answer(body=False)


class _serve:
    def __enter__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_head_then_get_and_redirects_stay_home():
    with _serve() as base:
        report = Crawler(CrawlConfig(base_url=base, delay=0), sleep=lambda s: None).run()
    requested = [(m, u.removeprefix(base.rstrip("/"))) for m, u in report.requested]
    assert ("HEAD", "/file.pdf") in requested and ("GET", "/file.pdf") in requested
    assert [b.url.removeprefix(base.rstrip("/")) for b in report.broken] == ["/gone.pdf"]
    assert report.broken[0].found_on == base and report.broken[0].status == 404
    assert ("GET", "/target/") in requested  # a redirect on the host is followed …
    assert not any("elsewhere.test" in u for _, u in report.requested)  # … one to another host is not
    assert report.complete


def test_robots_longest_match_wins():
    robots = Robots(
        "User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /*.xls$\n\nUser-agent: other\nDisallow: /"
    )
    assert robots.allowed("http://x/xxgk/jyj/")
    assert not robots.allowed("http://x/admin/pages/")
    assert not robots.allowed("http://x/documents/1/a.xls") and robots.allowed("http://x/documents/1/a.xlsx")
    own = Robots(
        "User-agent: gongkai-sitehealth\nDisallow: /search/\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /"
    )
    assert own.allowed("http://x/xxgk/") and not own.allowed("http://x/search/?q=1") and own.crawl_delay == 2
