"""The embedded mode as `make demo` runs it: `gongkai serve` (gunicorn, two workers, plus the background worker) on
SQLite, without REDIS_URL and without a configured address, on a port that is not 8000 (issue 15 finding 7).

Pinned, against the real processes:
  - a captcha made in one request is drawn and accepted by whichever worker takes the next request (the cache is
    shared, not per process), and used up for all of them;
  - the rate limit of submissions counts the requests of both workers together;
  - the background worker's health crawl checks the address the site is served on, not http://127.0.0.1:8000/.

The database is a copy of the migrated test database (no second `migrate`), so the test takes seconds."""

import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from gongkai.core import protection
from gongkai.core.cache import SharedFileCache

ROOT = Path(__file__).resolve().parents[2]
# the module's server works on a copy of the test database, which this marker has created
pytestmark = pytest.mark.django_db
ACCESS_LOG_FORMAT = 'pid=%(p)s "%(r)s" %(s)s "%(a)s"'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None):
    """One request on its own connection, so that any of the workers may take it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=json.dumps(body).encode() if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data


def server_cache(var):
    """The served platform's own cache (files under its VAR_DIR/cache), read as the platform reads it: the captcha's
    answer is nowhere in the page or the API, only in this server-side store."""
    return SharedFileCache(str(var / "cache"), {"KEY_PREFIX": "gongkai"})


@pytest.fixture(scope="module")
def embedded(django_db_setup, django_db_blocker, tmp_path_factory):
    var = tmp_path_factory.mktemp("embedded-var")
    source = settings.DATABASES["default"]
    if source["ENGINE"] == "django.db.backends.sqlite3":
        with sqlite3.connect(source["NAME"]) as src, sqlite3.connect(var / "gongkai.sqlite3") as dst:
            src.backup(dst)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GONGKAI_", "DJANGO_", "REDIS", "DATABASE_URL", "WAGTAIL"))
        and k not in ("PORT", "HOST", "DEBUG")
    }
    env.update(
        GONGKAI_VAR_DIR=str(var),
        STATIC_ROOT=str(settings.STATIC_ROOT),
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        # gunicorn's access log names the worker process of each request
        GUNICORN_CMD_ARGS=f"--access-logformat '{ACCESS_LOG_FORMAT}'",
    )
    manage = [sys.executable, "-m", "gongkai.manage"]
    if source["ENGINE"] != "django.db.backends.sqlite3":
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True, timeout=900)
    # the copy holds what earlier tests of the session left; a transactional test's flush empties the seeded
    # working-day calendar, which deadlines need
    subprocess.run(
        [*manage, "calendar", "seed"], env=env, cwd=ROOT, check=True, timeout=120, capture_output=True
    )
    port = free_port()
    log_path = var / "serve.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [*manage, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gongkai serve did not start: " + log_path.read_text()[-3000:])
            time.sleep(0.2)
        yield {"port": port, "log": log_path, "cache": server_cache(var)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        log.close()


def workers_of(log_path, path_part):
    return {
        m.group(1)
        for m in re.finditer(r'pid=<?(\d+)>? "(?:GET|POST) ([^ ]+)', log_path.read_text())
        if path_part in m.group(2)
    }


def test_captcha_and_rate_limit_are_shared_by_both_workers(embedded):
    port = embedded["port"]
    statuses = []
    for n in range(17):
        status, body = request(port, "GET", "/api/v1/captcha")
        assert status == 200
        challenge = json.loads(body)
        for _ in range(3):  # the picture, asked of whichever worker takes the connection
            status, png = request(port, "GET", challenge["image"])
            assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", "验证码图片 404：缓存不是各进程共用的"
        report = {
            "page_url": f"http://127.0.0.1:{port}/zwgk/",
            "description": f"第{n + 1}次反映：政务公开栏目“财政预决算”页面的附件链接打不开，显示找不到文件。",
            "phone": "13907181234",
            "captcha_key": challenge["key"],
            "captcha_answer": embedded["cache"].get(f"captcha:{challenge['key']}")["code"],
        }
        status, body = request(port, "POST", "/api/v1/site-errors", report)
        statuses.append(status)
        if n < 15:
            assert status == 201, body.decode()
        else:  # the default limit: 20 submissions per address per 10 minutes, re-posts below included
            assert status == 429 and json.loads(body)["errors"]["__all__"] == protection.RATE_LIMIT_MESSAGE
        if n < 5:  # the same answer again: the challenge is used up, for every worker
            status, body = request(port, "POST", "/api/v1/site-errors", report)
            assert status == 400 and json.loads(body)["errors"]["captcha"] == protection.CAPTCHA_MESSAGE
    assert statuses == [201] * 15 + [429] * 2
    # both workers drew pictures: on a busy machine one worker may have taken every connection so far, so keep
    # asking for pictures of fresh challenges (each must be found, whichever worker draws it) until both have
    for _ in range(300):
        if len(workers_of(embedded["log"], "/captcha/")) == 2:
            break
        status, body = request(port, "GET", "/api/v1/captcha")
        status, png = request(port, "GET", json.loads(body)["image"])
        assert status == 200 and png[:8] == b"\x89PNG\r\n\x1a\n", "验证码图片 404：缓存不是各进程共用的"
    assert len(workers_of(embedded["log"], "/captcha/")) == 2
    assert len(workers_of(embedded["log"], "/api/v1/site-errors")) == 2


def test_health_crawl_checks_the_address_served_on(embedded):
    """The worker's first scheduled health check starts at once; its crawler must reach this server."""
    deadline = time.monotonic() + 40
    while "gongkai-sitehealth" not in embedded["log"].read_text():
        assert time.monotonic() < deadline, (
            "健康检查没有抓取本服务的地址：" + embedded["log"].read_text()[-2000:]
        )
        time.sleep(0.3)
