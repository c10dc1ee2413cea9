"""Benchmark: serving the home page and an item page under 32 concurrent connections.

Run: .venv/bin/python bench/portal_serving.py          (needs the demo data: `make demo` once; nginx and wrk from
Debian: apt-get install nginx-light wrk)

Measured in one run, on loopback, wrk -t1 -c32:
  1. the production set-up of docs/deploy.md: nginx in front, pages published as static files, gunicorn behind;
  2. baseline: the same HTML bytes served as a plain file by nginx;
  3. the uncached Django render through gunicorn (2 sync workers), persistent DB connections;
and in-process, the uncached render time of each page (Django test client, 200 requests, median) with its query count
and the process CPU time per render (less disturbed than wall time when other work shares the 2 cores).
Targets: (1) ≥ 50 % of (2) and p99 < 50 ms; in-process render p50 < 30 ms.
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t1", "-c32", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=DURATION + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label):
        m = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, ms("50"), ms("99"), int(errors.group(1)) if errors else 0


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer: {url}")


def main():
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} not found: apt-get install nginx-light wrk")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.disclosure.models import GovInfoPage

    item = (
        GovInfoPage.objects.live()
        .filter(column_kind="policy", withdrawn=False)
        .order_by("-published_date")
        .first()
    )
    if item is None:
        raise SystemExit("no demo data: run `make demo` (or `gongkai migrate && gongkai demo`) first")
    # the path on its site (with two demo sites, `url` is absolute)
    pages = {"home": "/", "item": item.get_url_parts()[2]}

    # in-process uncached render
    client = Client()
    render = {}
    for name, url in pages.items():
        client.get(url)
        samples, cpu = [], []
        for _ in range(200):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        render[name] = (
            statistics.median(samples),
            sorted(samples)[int(len(samples) * 0.95)],
            statistics.median(cpu),
            len(ctx.captured_queries),
            len(response.content),
        )

    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    work.chmod(0o755)  # nginx workers run as www-data
    published = work / "published"
    plain = work / "plain"
    plain.mkdir()
    env = dict(os.environ, GONGKAI_PUBLISHED_ROOT=str(published))
    subprocess.run(
        [sys.executable, "-m", "gongkai.manage", "published", "build"],
        env=env,
        check=True,
        capture_output=True,
    )
    for name, url in pages.items():
        (plain / f"{name}.html").write_bytes(
            (published / "_default" / url.strip("/") / "index.html").read_bytes()
            if url != "/"
            else (published / "_default" / "index.html").read_bytes()
        )
    conf = (ROOT / "deploy" / "nginx-gongkai.conf").read_text()
    conf = conf.replace("{workers}", "1").replace("{run_dir}", str(work)).replace("{port}", "18080")
    conf = conf.replace("{upstreams}", "server 127.0.0.1:18000;").replace("{published_root}", str(published))
    conf = conf.replace("{static_root}", str(settings.STATIC_ROOT)).replace(
        "{media_root}", str(settings.MEDIA_ROOT)
    )
    conf = conf.replace("{private_root}", str(settings.GONGKAI_PRIVATE_ROOT))
    # the baseline: a plain file server of the same bytes, in the same nginx
    conf = (
        conf.rstrip().removesuffix("}")
        + f"""
    server {{ listen 18081; location / {{ root {plain}; }} }}
}}
"""
    )
    (work / "nginx.conf").write_text(conf)
    for path in [work, *work.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--bind",
            "127.0.0.1:18000",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    nginx = subprocess.Popen(["nginx", "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"])
    try:
        wait_for("http://127.0.0.1:18000/")
        wait_for("http://127.0.0.1:18080/")
        results = {}
        for name, url in pages.items():
            results[(name, "published")] = wrk(f"http://127.0.0.1:18080{url}")
            results[(name, "plain")] = wrk(f"http://127.0.0.1:18081/{name}.html")
            results[(name, "django")] = wrk(f"http://127.0.0.1:18000{url}")
    finally:
        nginx.send_signal(signal.SIGQUIT)
        gunicorn.terminate()
        nginx.wait(10)
        gunicorn.wait(10)
        shutil.rmtree(work, ignore_errors=True)

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"page serving, wrk -t1 -c32 -d{DURATION}s on loopback, 2 shared cores, load {load}: req/s, p50, p99"
    )
    for name in pages:
        plain_rps = results[(name, "plain")][0]
        for mode, label in (
            ("plain", "nginx plain file (baseline)"),
            ("published", "production: nginx + published"),
            ("django", "uncached Django (gunicorn×2)"),
        ):
            rps, p50, p99, errors = results[(name, mode)]
            ratio = f"{rps / plain_rps * 100:5.1f}% of baseline" if mode != "plain" else ""
            print(
                f"  {name:5s} {label:32s} {rps:9.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  "
                f"non-2xx {errors}  {ratio}"
            )
        p50, p95, cpu50, queries, size = render[name]
        print(
            f"  {name:5s} in-process uncached render        p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
            f"CPU p50 {cpu50:5.1f} ms  {queries} queries  {size / 1024:.1f} KB"
        )


if __name__ == "__main__":
    main()
