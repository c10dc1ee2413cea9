"""Benchmark: the site health crawler over a 300-page site (each page links to 5 others and 2 attachments, one
attachment in ten missing), served by a local threaded HTTP server, no delay between requests.

Run: .venv/bin/python bench/site_health_crawl.py
Prints the median of 3 crawls (seconds, pages per second) and a baseline measured in the same run: a plain
`requests` session GETting the same 300 pages in a loop (no parsing, no robots, no attachment checks).
The crawler's own cost is the difference; a production crawl is dominated by GONGKAI_HEALTH_DELAY (0.5 s a request).
"""

import http.server
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import requests

from gongkai.assessment.health.crawler import CrawlConfig, Crawler

PAGES = 300
REPEATS = 3


def page_html(n):
    links = "".join(f'<a href="/p/{(n * 7 + k) % PAGES}/">第{k}条</a>' for k in range(1, 6))
    files = f'<a href="/documents/{n}/附件{n}.pdf">附件</a><img src="/media/images/{n}.png" alt="">'
    return f"<html><body><h1>第{n}页</h1><p>{'政务公开内容。' * 40}</p>{links}{files}</body></html>".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self, status, body=b"", ctype="text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/":
            return self._reply(200, page_html(0))
        if path.startswith("/p/"):
            return self._reply(200, page_html(int(path.split("/")[2])))
        if path.startswith("/documents/"):
            n = int(path.split("/")[2])
            return self._reply(404 if n % 10 == 0 else 200, b"%PDF", "application/pdf")
        if path.startswith("/media/"):
            return self._reply(200, b"PNG", "image/png")
        return self._reply(404)

    do_HEAD = do_GET


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    crawl, baseline, report = [], [], None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        report = Crawler(CrawlConfig(base_url=base, delay=0, max_pages=1000)).run()
        crawl.append(time.perf_counter() - t0)
        session = requests.Session()
        t0 = time.perf_counter()
        for n in range(PAGES):
            _ = session.get(f"{base}p/{n}/").content
        baseline.append(time.perf_counter() - t0)
    server.shutdown()
    c, b = statistics.median(crawl), statistics.median(baseline)
    print(
        f"site: {PAGES} pages; crawl covered {len(report.pages)} pages, {report.links_checked} addresses, "
        f"{len({x.url for x in report.broken})} broken, {len(report.requested)} requests"
    )
    print(
        f"crawler : median {c:.2f} s ({len(report.pages) / c:.0f} pages/s, {len(report.requested) / c:.0f} requests/s)"
    )
    print(f"baseline: median {b:.2f} s ({PAGES / b:.0f} pages/s) — plain GET of the same pages")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
