"""Load test of message submission (issue 6 Checks): 50 concurrent clients POST /api/v1/messages for 60 s against
a real server on loopback, then every accepted submission is looked up in the database (count compared, none
duplicated) and no answer may be a 5xx.

Run:  .venv/bin/python bench/interaction_load.py                 (SQLite embedded, then PostgreSQL if reachable)
      .venv/bin/python bench/interaction_load.py --only sqlite   (or --only postgres; --seconds 20 --clients 50)

The script starts gunicorn itself on 127.0.0.1:8102 — for SQLite 2 workers × 8 threads (the embedded mode: one
database file, whose single writer the threads of a process queue for), for PostgreSQL 4 workers × 8 threads (a
server database takes concurrent writers from several processes; `--sqlite-server`/`--pg-server WxT` change them) —
with GONGKAI_CAPTCHA=off and GONGKAI_RATE_LIMITS=off, on a fresh SQLite file in a temporary directory, and on a
throwaway PostgreSQL database `bench_interaction` (created and dropped here). Baseline in the same run:
GET /api/v1/messages/categories (a read with one query) for 10 s with the same clients. Prints throughput, median
and p99 latency, and the load average. Targets: ≥ 100 submissions/s on SQLite embedded, more on PostgreSQL.
"""

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 8102
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_interaction"


def server_env(database_url, var_dir):
    env = dict(os.environ)
    env.update(
        GONGKAI_CAPTCHA="off",
        GONGKAI_RATE_LIMITS="off",
        GONGKAI_VAR_DIR=var_dir,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        LOG_LEVEL="ERROR",
        GONGKAI_LOG_LEVEL="ERROR",
    )
    return env


def run(cmd, env):
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def start_server(env, log_path, workers, threads):
    log = open(log_path, "ab")  # the server's stderr, for a post-mortem
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/api/v1/messages/categories")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("服务器未能启动")


def stop_server(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def drive(clients, seconds, make_request):
    """`clients` threads, each with its own keep-alive connection, until `seconds` have passed."""
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    results = {"latencies": [], "status": {}, "accepted": [], "errors": 0}

    def client(cid):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        seq = 0
        while time.monotonic() < stop_at:
            seq += 1
            method, path, body = make_request(cid, seq)
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    results["errors"] += 1
                    results.setdefault("first_error", repr(exc))
                conn.close()
                time.sleep(0.2)  # no tight reconnect loop
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                continue
            dt = time.perf_counter() - t0
            with lock:
                results["latencies"].append(dt)
                results["status"][resp.status] = results["status"].get(resp.status, 0) + 1
                if method == "POST" and resp.status == 201:
                    results["accepted"].append(json.loads(data)["code"])
        conn.close()

    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    results["elapsed"] = time.monotonic() - t0
    return results


def summary(label, res):
    lat = sorted(res["latencies"])
    n = len(lat)
    p99 = lat[min(n - 1, int(n * 0.99))] if n else float("nan")
    med = statistics.median(lat) if n else float("nan")
    rate = n / res["elapsed"]
    print(
        f"  {label:<28} {n:>7} 次  {rate:8.1f} 次/秒  中位 {med * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  "
        f"状态 {dict(sorted(res['status'].items()))}  连接错误 {res['errors']}"
    )
    return rate, p99


def verify(env, run_tag, accepted):
    """Count in the database what the server said it accepted; no duplicates."""
    code = (
        "import json,sys\n"
        "from django.db.models import Count\n"
        "from gongkai.interaction.models import Case\n"
        f"qs = Case.objects.filter(title__startswith='{run_tag}')\n"
        "dups = qs.values('title','content').annotate(n=Count('id')).filter(n__gt=1).count()\n"
        "print(json.dumps({'count': qs.count(), 'codes': list(qs.values_list('code', flat=True)), 'dups': dups}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "gongkai.manage", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    ok = data["count"] == len(accepted) and set(data["codes"]) == set(accepted) and data["dups"] == 0
    print(
        f"  数据库核对：接受 {len(accepted)} 条，库中 {data['count']} 条，重复 {data['dups']} 条，"
        f"查询码一致 {set(data['codes']) == set(accepted)} → {'通过' if ok else '不通过'}"
    )
    return ok


def bench(name, database_url, var_dir, clients, seconds, workers, threads):
    env = server_env(database_url, var_dir)
    print(f"\n== {name}（gunicorn {workers} 进程 × {threads} 线程）==")
    run([sys.executable, "-m", "gongkai.manage", "migrate", "--noinput", "-v0"], env)
    run([sys.executable, "-m", "gongkai.manage", "collectstatic", "--noinput", "-v0"], env)
    proc = start_server(
        env, os.path.join(tempfile.gettempdir(), f"interaction_bench_{name[:6]}.log"), workers, threads
    )
    try:
        base = drive(clients, 10, lambda cid, seq: ("GET", "/api/v1/messages/categories", None))
        summary("基线 GET categories", base)
        tag = f"压测{int(time.time())}"

        def submit(cid, seq):
            body = {
                "name": "压测用户",
                "phone": "13907180000",
                "category": "城市建设与道路",
                "title": f"{tag}-{cid}-{seq} 路灯维修",
                "public": True,
                "content": f"第 {cid} 号客户端第 {seq} 条：施州大道路灯不亮已一周，请尽快维修。",
            }
            return "POST", "/api/v1/messages", json.dumps(body, ensure_ascii=False).encode()

        res = drive(clients, seconds, submit)
        _rate, _p99 = summary(f"POST /messages（{clients} 并发）", res)
        fivexx = sum(n for s, n in res["status"].items() if s >= 500)
        ok = verify(env, tag, res["accepted"]) and fivexx == 0 and res["errors"] == 0
        print(
            f"  5xx：{fivexx}　结果：{'通过' if ok else '不通过'}　吞吐 {len(res['accepted']) / res['elapsed']:.1f} 条/秒"
            f"　负载 {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        return ok
    finally:
        stop_server(proc)


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
            conn.execute("DROP DATABASE IF EXISTS bench_interaction")
            conn.execute("CREATE DATABASE bench_interaction")
        return True
    except Exception as exc:  # any connection problem means: skip PostgreSQL
        print(f"（PostgreSQL 不可用，跳过：{exc}）")
        return False


def drop_postgres():
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_interaction WITH (FORCE)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--sqlite-server", default="2x8", help="gunicorn 进程×线程（SQLite 内嵌模式）")
    parser.add_argument("--pg-server", default="4x8", help="gunicorn 进程×线程（PostgreSQL）")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 200))
    seconds = max(5, min(args.seconds, 600))
    sqlite_shape = [int(n) for n in args.sqlite_server.split("x")]
    pg_shape = [int(n) for n in args.pg_server.split("x")]
    ok = True
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory(prefix="gk-bench-") as var:
            ok &= bench(
                "SQLite（内嵌模式）", f"sqlite:///{var}/bench.sqlite3", var, clients, seconds, *sqlite_shape
            )
    if args.only in (None, "postgres") and postgres_available():
        with tempfile.TemporaryDirectory(prefix="gk-bench-") as var:
            try:
                ok &= bench("PostgreSQL", PG_URL, var, clients, seconds, *pg_shape)
            finally:
                drop_postgres()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
