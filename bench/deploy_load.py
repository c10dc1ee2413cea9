"""Load run of the production deployment against the embedded mode, in one run (issue 10 Checks).

Run: .venv/bin/python bench/deploy_load.py                      (both modes, 64 connections, 120 s each)
     .venv/bin/python bench/deploy_load.py --seconds 30 --only production
Needs nginx-light and wrk (Debian), the machine's PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.

Mixed traffic from wrk (64 connections, 2 threads, Lua script): 80 % page views (home, catalogs, columns, items,
service and interaction pages; a tenth of them with a query string, which always reaches Django), 15 % searches
(/search/?q=…, Chinese terms), 5 % submissions (POST /api/v1/messages, JSON). Captcha and the API's rate limits are
off for the run (GONGKAI_CAPTCHA=off, GONGKAI_RATE_LIMITS=off), as for a trusted integration.

  1. production (docs/deploy.md, brought up by deploy/cluster.py): nginx with TLS and the published pages in front
     of two app servers (gunicorn, 2 workers × 4 threads each), the worker, PostgreSQL (database `deploy_load`,
     created and dropped here), Redis db 15 for cache and sessions (flushed); then `deploy/cluster.py check`;
  2. baseline: the embedded mode, `gongkai serve` (gunicorn 2 workers × 4 threads + worker) on SQLite.
Both load the demo data first (~2 min each). Printed per mode: requests/s, p50, p99, errors (non-2xx/3xx answers
and socket errors), submissions accepted (201) against submissions stored (counted in the database afterwards;
the few requests wrk leaves in flight when it stops may be stored without their 201 being read, so stored may
exceed accepted by at most those).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/deploy_load"
REDIS_URL = "redis://127.0.0.1:6379/15"
HTTPS_PORT = 18444
CLUSTER = [sys.executable, str(ROOT / "deploy" / "cluster.py")]
SEARCH_TERMS = [
    "义务教育", "登记", "补贴", "路灯", "公示", "招聘", "养老保险", "医保", "低保", "营业执照", "不动产",
    "预算", "决算", "招生", "住房公积金", "社保卡", "残疾人", "退役军人", "征地", "环评", "行政处罚",
    "政府采购", "乡村振兴", "农村公路", "学校", "公开指南", "年度报告", "户籍", "生育", "就业",
]  # fmt: skip

URLS_CODE = """
import json, random
from wagtail.models import Page
random.seed(2026)
from wagtail.models import Site
default = Site.objects.get(is_default_site=True)
# the default site's pages, as paths (with the demo's second site, `url` is absolute)
parts = (p.get_url_parts() for p in Page.objects.live().filter(depth__gte=2).specific().iterator())
pages = [path for site_id, root, path in filter(None, parts) if site_id == default.pk]
random.shuffle(pages)
pages = pages[:600]
extra = ['/', '/xxgk/biaozhun/', '/fuwu/', '/fuwu/shixiang/', '/liuyan/', '/jiucuo/', '/xmt/', '/ysqgk/shenqing/']
from gongkai.interaction.api import _categories
from gongkai.interaction.models import Channel
print(json.dumps({'pages': pages, 'extra': extra, 'category': _categories(Channel.MESSAGE)[0]['name']},
                 ensure_ascii=False))
"""

LUA = r"""
local pages = {PAGES}
local searches = {SEARCHES}
local category = "{CATEGORY}"
local tag = "{TAG}"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tid * 7919 + os.time())
  seq = 0
  sent = 0
  accepted = 0
  failed = {}
end

function request()
  local r = math.random(100)
  if r <= 80 then
    return wrk.format("GET", pages[math.random(#pages)])
  elseif r <= 95 then
    return wrk.format("GET", searches[math.random(#searches)])
  end
  seq = seq + 1
  sent = sent + 1
  local body = '{"name":"压测用户","phone":"13907180000","category":"' .. category .. '","title":"' .. tag
    .. '-' .. tid .. '-' .. seq .. ' 路灯维修","public":true,"content":"第' .. tid .. '号线程第' .. seq
    .. '条：施州大道路灯不亮已一周，夜间行人不便，请尽快维修。"}'
  return wrk.format("POST", "/api/v1/messages", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 201 then
    accepted = accepted + 1
  elseif status >= 400 then
    failed[status] = (failed[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local a, s = 0, 0
  local f = {}
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    s = s + t:get("sent")
    for k, v in pairs(t:get("failed")) do f[k] = (f[k] or 0) + v end
  end
  io.write(string.format("GK_ACCEPTED %d\nGK_SENT %d\n", a, s))
  for k, v in pairs(f) do io.write(string.format("GK_FAILED %d %d\n", k, v)) end
end
"""


def lua_list(items):
    return "{" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "}"


def manage(env, *args, capture=True):
    return subprocess.run(
        [sys.executable, "-m", "gongkai.manage", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    ).stdout


def traffic(env, tag, work):
    data = json.loads(manage(env, "shell", "-c", URLS_CODE).strip().splitlines()[-1])
    pages = data["pages"] + data["extra"] * 5
    # a tenth of the page views with a query string (filters, pagination): those always reach Django
    pages += [p + "?page=2" for p in data["pages"][: len(pages) // 10]]
    searches = [f"/search/?q={urllib.parse.quote(t)}" for t in SEARCH_TERMS]
    script = (
        LUA.replace("{PAGES}", lua_list(pages))
        .replace("{SEARCHES}", lua_list(searches))
        .replace("{CATEGORY}", data["category"])
        .replace("{TAG}", tag)
    )
    path = Path(work) / "mix.lua"
    path.write_text(script)
    return path, len(pages)


def wrk(url, script, seconds, connections):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    ).stdout

    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket": sum(int(x) for x in socket.groups()) if socket else 0,
        "accepted": int(re.search(r"GK_ACCEPTED (\d+)", out).group(1)),
        "sent": int(re.search(r"GK_SENT (\d+)", out).group(1)),
        "failed": {int(k): int(v) for k, v in re.findall(r"GK_FAILED (\d+) (\d+)", out)},
        "raw": out,
    }


def stored(env, tag):
    code = (
        "from gongkai.interaction.models import Case\n"
        f"print(Case.objects.filter(title__startswith={tag + '-'!r}).count())\n"
    )
    return int(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def wait_for(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer: {url}")


def run_production(args, work):
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS deploy_load WITH (FORCE)")
        conn.execute("CREATE DATABASE deploy_load")
    subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=True, capture_output=True)
    cluster_dir = Path(work) / "cluster"
    try:
        print(
            "== production: nginx (TLS, published pages) → 2 app servers (gunicorn 2×4) + worker, PostgreSQL, Redis"
        )
        subprocess.run(
            [*CLUSTER, "up", "--dir", str(cluster_dir), "--database-url", PG_URL, "--redis-url", REDIS_URL,
             "--demo", "--load-test", "--app-port", "18211", "--http-port", "18281",
             "--https-port", str(HTTPS_PORT)],
            check=True,
        )  # fmt: skip
        checked = subprocess.run([*CLUSTER, "check", "--dir", str(cluster_dir)], check=False)
        sys.path.insert(0, str(ROOT / "deploy"))
        from cluster import cluster_env

        env = cluster_env(cluster_dir, json.loads((cluster_dir / "config.json").read_text()))
        tag = f"压测生产{int(time.time())}"
        script, n = traffic(env, tag, work)
        print(f"  {n} page URLs; wrk -t2 -c{args.connections} -d{args.seconds}s …", flush=True)
        result = wrk(f"https://127.0.0.1:{HTTPS_PORT}", script, args.seconds, args.connections)
        time.sleep(2)
        result["stored"] = stored(env, tag)
        result["cluster_check"] = checked.returncode == 0
        return result
    finally:
        subprocess.run([*CLUSTER, "down", "--dir", str(cluster_dir)], check=False)
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS deploy_load WITH (FORCE)")
        subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=False, capture_output=True)


def embedded_env(work):
    var = Path(work) / "embedded"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "REDIS"))}
    env.pop("DATABASE_URL", None)
    env.update(
        GONGKAI_VAR_DIR=str(var),
        GONGKAI_CAPTCHA="off",
        GONGKAI_RATE_LIMITS="off",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        LOG_LEVEL="ERROR",
        GONGKAI_LOG_LEVEL="WARNING",
    )
    return var, env


def prepare_embedded(work):
    """Migrate and load the demo data for the embedded mode in the background, beside the production set-up."""
    var, env = embedded_env(work)
    var.mkdir()
    # the demo's own tasks run inline (as in deploy/cluster.py), so no backlog competes with the load run
    code = (
        "migrate --noinput -v0 && GONGKAI_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend "
        "{py} -m gongkai.manage demo && {py} -m gongkai.manage collectstatic --noinput -v0"
    )
    py = sys.executable
    return subprocess.Popen(
        f"{py} -m gongkai.manage " + code.format(py=py),
        shell=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(var.parent / "embedded-prepare.log", "wb"),
    )


def run_embedded(args, work, prepare):
    var, env = embedded_env(work)
    print("== embedded: gongkai serve (gunicorn 2×4 + worker), SQLite", flush=True)
    if prepare.wait() != 0:
        raise SystemExit(
            "embedded preparation failed: " + (var.parent / "embedded-prepare.log").read_text()[-2000:]
        )
    log = open(var / "serve.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gongkai.manage", "serve", "--port", "18300"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_for("http://127.0.0.1:18300/")
        tag = f"压测内嵌{int(time.time())}"
        script, n = traffic(env, tag, work)
        print(f"  {n} page URLs; wrk -t2 -c{args.connections} -d{args.seconds}s …", flush=True)
        result = wrk("http://127.0.0.1:18300", script, args.seconds, args.connections)
        time.sleep(2)
        result["stored"] = stored(env, tag)
        return result
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--only", choices=["production", "embedded"])
    args = parser.parse_args()
    for tool in ("nginx", "wrk", "openssl", "redis-cli"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise SystemExit(f"{tool} not found: apt-get install nginx-light wrk openssl redis-tools")
    results = {}
    work = tempfile.mkdtemp(prefix="gk-deploy-load-")
    os.chmod(work, 0o755)
    try:
        prepare = prepare_embedded(work) if args.only in (None, "embedded") else None
        if args.only in (None, "production"):
            results["production"] = run_production(args, work)
        if prepare is not None:
            results["embedded"] = run_embedded(args, work, prepare)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    print(
        f"\nmixed traffic (80 % pages, 15 % search, 5 % submissions), wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s, loopback, 2 shared cores; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    ok = True
    for name, label in (
        ("embedded", "embedded: gongkai serve, SQLite (baseline)"),
        ("production", "production: nginx+TLS → 2 app servers, PG, Redis"),
    ):
        r = results.get(name)
        if not r:
            continue
        errors = r["non2xx"] + r["socket"]
        # wrk stops with requests in flight: those may be stored without their 201 being read (≤ connections)
        cut = r["sent"] - r["accepted"]
        match = r["accepted"] <= r["stored"] <= r["sent"] and cut <= args.connections
        ok &= errors == 0 and match and r.get("cluster_check", True)
        print(
            f"  {label:50s} {r['rps']:8.1f} req/s  p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  "
            f"requests {r['requests']}  errors {errors} {r['failed'] or ''}  "
            f"submissions sent {r['sent']} accepted {r['accepted']} stored {r['stored']} "
            f"(in flight at the stop {cut}) "
            f"{'✓' if match else '✗'}"
        )
        if "cluster_check" in r:
            print(
                f"  {'':50s} deploy/cluster.py check (sessions, uploads, publish across app servers): "
                f"{'passed' if r['cluster_check'] else 'FAILED'}"
            )
        if errors:
            print(r["raw"])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
