"""Benchmark: read-aloud time to first audio for a 5,000-character item with a cold audio cache (issue 4, F7).

Run: .venv/bin/python bench/readaloud_bench.py        (target: < 1 s to first audio)

The item is a paragraph-rich 5,000-character section of a real government work report
(../shared/data/cn-gov-work-reports/government_work_reports.jsonl, relative to the repository root), published
as a page in a throw-away SQLite database and media folder. Measured, median of REPEATS runs, cache emptied
before each cold run:
  - engine: eSpeak NG synthesis + MP3 encoding of the first sentence (the title) and of the longest sentence;
  - HTTP, cold: what the player does on 朗读 — GET the sentence list, then GET sentence 0's MP3 (synthesised on
    demand), over a real local HTTP connection to the WSGI app;
  - baseline in the same run: the same two requests with sentence 0 already cached (served from storage);
  - for scale: background generation of every sentence of the item.
"""

import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

REPO = Path(__file__).resolve().parent.parent
REPORTS = Path("shared") / "data" / "cn-gov-work-reports" / "government_work_reports.jsonl"
# ../shared next to the repository (a checkout in /work/main), or one more level up (a worktree in /work/wt/x)
CANDIDATES = [REPO.parent / REPORTS, REPO.parent.parent / REPORTS]
# without it, the three reports the repository ships for the demo (gongkai/demo/data/DATA.md)
SHIPPED = REPO / "gongkai" / "demo" / "data" / "reports.jsonl.gz"
DATA = next((c for c in CANDIDATES if c.exists()), SHIPPED)
print(f"语料：{DATA}" + ("（仓库自带的演示数据）" if DATA == SHIPPED else ""))

TMP = tempfile.mkdtemp(prefix="readaloud-bench-")
os.environ["GONGKAI_VAR_DIR"] = TMP
os.makedirs(os.path.join(TMP, "static"), exist_ok=True)  # WhiteNoise wants STATIC_ROOT to exist
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
sys.path.insert(0, str(REPO))

import django  # noqa: E402

django.setup()

from django.core.files.storage import default_storage  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.utils.html import escape  # noqa: E402
from wagtail.models import Page  # noqa: E402

from gongkai.portal.models import SimplePage  # noqa: E402
from gongkai.readaloud import services  # noqa: E402
from gongkai.readaloud.engines import get_engine  # noqa: E402

TARGET_CHARS = 5000
REPEATS = 7


def item_text():
    """About 5,000 characters of paragraphs from the newest report, starting at its first section."""
    with (
        gzip.open(DATA, "rt", encoding="utf-8") if DATA.suffix == ".gz" else DATA.open(encoding="utf-8")
    ) as fh:
        report = json.loads(fh.readline())
    paragraphs = [p.strip() for p in report["content"].split("\n") if p.strip()]
    body, size = [], 0
    for paragraph in paragraphs[2:]:
        body.append(paragraph)
        size += len(paragraph)
        if size >= TARGET_CHARS:
            break
    return report["title"], body


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def serve():
    server = make_server("127.0.0.1", 0, get_wsgi_application(), WSGIServer, QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def get(url):
    with urllib.request.urlopen(url) as response:
        return response.read(), response.headers


def clear_cache(page):
    services._delete_tree(f"{services.ROOT}/{page.pk}")


def median_ms(samples):
    return statistics.median(samples) * 1000


def main():
    call_command("migrate", verbosity=0)
    title, paragraphs = item_text()
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=SimplePage(
            title=title, slug="report", body="".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    sentences = services.page_sentences(page)
    chars = sum(len(p) for p in paragraphs)
    engine = get_engine()

    t0 = time.perf_counter()
    services.synthesize_mp3(sentences[0])
    process_cold = time.perf_counter() - t0

    longest = max(sentences, key=len)
    first_engine, longest_engine = [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        services.synthesize_mp3(sentences[0])
        first_engine.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        services.synthesize_mp3(longest)
        longest_engine.append(time.perf_counter() - t0)

    server, base = serve()
    list_url = f"{base}/read-aloud/{page.pk}/"
    cold_total, cold_mp3, warm_total, warm_mp3 = [], [], [], []
    get(list_url)  # first request of the process (URL resolver, templates) is not the reader's first request
    for _ in range(REPEATS):
        clear_cache(page)
        t0 = time.perf_counter()
        listing = json.loads(get(list_url)[0])
        t1 = time.perf_counter()
        data, headers = get(base + listing["sentences"][0]["audio"])
        t2 = time.perf_counter()
        assert headers["X-Read-Aloud-Cache"] == "miss" and len(data) > 1000
        cold_total.append(t2 - t0)
        cold_mp3.append(t2 - t1)

        t0 = time.perf_counter()
        listing = json.loads(get(list_url)[0])
        t1 = time.perf_counter()
        data, headers = get(base + listing["sentences"][0]["audio"])
        t2 = time.perf_counter()
        assert headers["X-Read-Aloud-Cache"] == "hit"
        warm_total.append(t2 - t0)
        warm_mp3.append(t2 - t1)

    clear_cache(page)
    t0 = time.perf_counter()
    made = services.generate_page_audio(page.pk)
    full = time.perf_counter() - t0
    stored = sum(
        default_storage.size(
            f"{services.ROOT}/{page.pk}/{services.live_revision_id(page)}/{services.engine_key()}/{f}"
        )
        for f in default_storage.listdir(
            f"{services.ROOT}/{page.pk}/{services.live_revision_id(page)}/{services.engine_key()}"
        )[1]
    )
    server.shutdown()

    print(
        f"read-aloud benchmark — {engine.name} {engine.version}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(
        f"  item: {title}, {chars:,} characters in {len(paragraphs)} paragraphs, {len(sentences)} sentences"
    )
    print(f"  first sentence ({len(sentences[0])} chars): {sentences[0]}")
    print(f"  medians of {REPEATS} runs:")
    print(f"  first call in a fresh process (loads libespeak-ng)  {process_cold * 1000:8.1f} ms  (once)")
    print(f"  engine: synthesise + MP3, first sentence           {median_ms(first_engine):8.1f} ms")
    print(
        f"  engine: synthesise + MP3, longest ({len(longest)} chars)       {median_ms(longest_engine):8.1f} ms"
    )
    print(
        f"  HTTP cold: sentence list + first MP3 (to first audio) {median_ms(cold_total):8.1f} ms   target < 1000 ms"
    )
    print(f"    of which the MP3 request (synthesised on demand)   {median_ms(cold_mp3):8.1f} ms")
    print(f"  baseline, same run: list + first MP3 from the cache  {median_ms(warm_total):8.1f} ms")
    print(f"    of which the MP3 request (served from storage)     {median_ms(warm_mp3):8.1f} ms")
    print(
        f"  cold / cached time to first audio                   {median_ms(cold_total) / median_ms(warm_total):8.1f} ×"
    )
    print(f"  background generation of the whole item: {made} files, {full:.2f} s, {stored / 1024:.0f} KiB")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
