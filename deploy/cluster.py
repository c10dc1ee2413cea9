"""Bring up the production deployment of docs/deploy.md on this machine: nginx (TLS, published pages, static,
media) in front of several stateless app servers (gunicorn, several workers each), the background worker and
scheduler, PostgreSQL, and Redis for cache and sessions — then check that the app servers serve one site.

  .venv/bin/python deploy/cluster.py up    --dir /tmp/gk-cluster --database-url postgres://… --redis-url redis://…/14
  .venv/bin/python deploy/cluster.py check --dir /tmp/gk-cluster     (sessions, publish, uploads across app servers)
  .venv/bin/python deploy/cluster.py down  --dir /tmp/gk-cluster

`up` runs GONGKAI_ENV=production with a generated SECRET_KEY, a self-signed certificate for 127.0.0.1/localhost,
MEDIA_ROOT and GONGKAI_PUBLISHED_ROOT on one shared directory, migrates, collects static files, runs
`check --deploy --database default`, builds the published pages, and starts everything in its own process group
(pids in <dir>/pids.json; `down` stops exactly those). The database must exist; `--demo` loads the demo data first
(in demo mode: production refuses demo data) and then takes the demo logins' passwords away, as production must.
bench/deploy_load.py drives it.
"""

import argparse
import base64
import http.client
import http.cookies
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(message):
    print(message, flush=True)


# --- configuration -----------------------------------------------------------------------------------------------


def cluster_env(work, config):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    env.update(
        GONGKAI_ENV="production",
        SECRET_KEY=config["secret_key"],
        GONGKAI_DATA_KEY=config["data_key"],
        GONGKAI_INDEX_KEY=config["index_key"],
        GONGKAI_AUDIT_KEY=config["audit_key"],
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=config["database_url"],
        REDIS_URL=config["redis_url"],
        GONGKAI_VAR_DIR=str(work / "var"),
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "shared" / "media"),
        GONGKAI_PRIVATE_ROOT=str(work / "shared" / "private"),
        GONGKAI_PRIVATE_ACCEL="/_private/",
        GONGKAI_TRUST_PROXY="1",
        GONGKAI_PUBLISHED_ROOT=str(work / "shared" / "published"),
        GONGKAI_BASE_URL=f"https://127.0.0.1:{config['https_port']}",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        LOG_LEVEL="ERROR",
        GONGKAI_LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    # load runs switch the captcha and the API's rate limits off (as a trusted integration would); default on
    env["GONGKAI_CAPTCHA"] = config.get("captcha", "on")
    env["GONGKAI_RATE_LIMITS"] = config.get("rate_limits", "on")
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "-m", "gongkai.manage", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    )


def self_signed(work):
    key, crt = work / "tls.key", work / "tls.crt"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(crt),
        ],
        check=True,
        capture_output=True,
    )
    return crt, key


def nginx_conf(work, config, env):
    conf = (ROOT / "deploy" / "nginx-production.conf").read_text()
    code = "import django;django.setup();from django.conf import settings as s;print(s.GONGKAI_CSP);print(s.GONGKAI_PERMISSIONS_POLICY)"
    csp, permissions = (
        subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-2:]
    )
    upstreams = " ".join(f"server 127.0.0.1:{port} max_fails=0;" for port in config["app_ports"])
    values = {
        "workers": str(config["nginx_workers"]),
        "run_dir": str(work / "nginx"),
        "upstreams": upstreams,
        "published_root": env["GONGKAI_PUBLISHED_ROOT"],
        "http_port": str(config["http_port"]),
        "https_port": str(config["https_port"]),
        "https_port_suffix": f":{config['https_port']}",
        "server_name": "127.0.0.1 localhost",
        "ssl_certificate": str(work / "tls.crt"),
        "ssl_certificate_key": str(work / "tls.key"),
        "static_root": env["STATIC_ROOT"],
        "media_root": env["MEDIA_ROOT"],
        "private_root": env["GONGKAI_PRIVATE_ROOT"],
        "csp": csp,
        "permissions_policy": permissions,
    }
    for key, value in values.items():
        conf = conf.replace("{" + key + "}", value)
    leftover = re.findall(r"\{[a-z_]+\}", conf)
    if leftover:
        raise SystemExit(f"nginx template placeholders not filled: {leftover}")
    return conf


# --- processes ---------------------------------------------------------------------------------------------------


def start(cmd, env, log_path):
    out = open(log_path, "ab")
    return subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True).pid


def stop_group(pid, sig=signal.SIGTERM):
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        return


def wait_http(url, seconds=90, context=None):
    parsed = urllib.parse.urlsplit(url)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = (
                http.client.HTTPSConnection(parsed.hostname, parsed.port, timeout=3, context=context)
                if parsed.scheme == "https"
                else http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=3)
            )
            conn.request("GET", parsed.path, headers={"X-Forwarded-Proto": "https"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"没有应答：{url}")


def insecure_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def up(args):
    work = Path(args.dir).resolve()
    if (work / "pids.json").exists():
        raise SystemExit(f"{work} 已有运行中的部署，先执行 down。")
    for sub in ("var", "static", "shared/media", "shared/published", "nginx", "logs"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    config = {
        "secret_key": secrets.token_urlsafe(50),
        # Fernet keys of personal data and of the lookup hashes (docs/security.md); kept apart from backups
        "data_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "index_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        # the audit chain's HMAC key (docs/security.md)
        "audit_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "database_url": args.database_url,
        "redis_url": args.redis_url,
        "app_ports": [args.app_port + i for i in range(args.app_servers)],
        "http_port": args.http_port,
        "https_port": args.https_port,
        "nginx_workers": args.nginx_workers,
        "captcha": "off" if args.load_test else "on",
        "rate_limits": "off" if args.load_test else "on",
    }
    env = cluster_env(work, config)
    if args.demo:
        log("· 载入演示数据（演示模式，随后停用演示账号）…")
        # tasks the demo raises (search and reference index updates) run inline: otherwise ten thousand of them
        # wait in the queue and the worker churns through them while the site is measured
        demo_env = dict(
            env, GONGKAI_ENV="demo", GONGKAI_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend"
        )
        manage(demo_env, "migrate", "--noinput", "-v0")
        manage(demo_env, "demo", capture=True)
        code = (
            "from django.contrib.auth import get_user_model\n"
            "from gongkai.core.checks import demo_usernames\n"
            "for u in get_user_model().objects.filter(username__in=demo_usernames()):\n"
            "    u.set_unusable_password(); u.save(update_fields=['password'])\n"
        )
        manage(demo_env, "shell", "-c", code)
    log("· migrate / collectstatic / check --deploy …")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "check", "--deploy", "--database", "default", "--fail-level", "WARNING")
    log("· 静态发布页面 …")
    manage(env, "published", "build", capture=True)
    self_signed(work)
    (work / "nginx.conf").write_text(nginx_conf(work, config, env))
    # nginx's workers run as www-data: they read the published pages, static files and media
    for path in [work, *work.rglob("*")]:
        if path.name in ("tls.key", "config.json"):
            continue
        path.chmod(0o755 if path.is_dir() else 0o644)
    pids = {}
    for port in config["app_ports"]:
        pids[f"app:{port}"] = start(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "gongkai.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--max-requests",
                "20000",
                "--max-requests-jitter",
                "2000",
                "--graceful-timeout",
                "10",
                "--log-level",
                "warning",
            ],
            env,
            work / "logs" / f"app-{port}.log",
        )
    pids["worker"] = start(
        [sys.executable, "-m", "gongkai.manage", "worker"], env, work / "logs" / "worker.log"
    )
    pids["nginx"] = start(
        ["nginx", "-p", str(work / "nginx"), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
        env,
        work / "logs" / "nginx.log",
    )
    (work / "pids.json").write_text(json.dumps(pids))
    config_file = work / "config.json"
    config_file.write_text(json.dumps(config))
    config_file.chmod(0o600)
    for port in config["app_ports"]:
        wait_http(f"http://127.0.0.1:{port}/healthz")
    wait_http(f"https://127.0.0.1:{args.https_port}/healthz", context=insecure_context())
    log(
        f"已启动：https://127.0.0.1:{args.https_port}/ （nginx → 应用服务器 {config['app_ports']}，"
        f"各 {args.workers} 进程 × {args.threads} 线程；后台任务进程 1 个）"
    )


def down(args):
    work = Path(args.dir).resolve()
    pid_file = work / "pids.json"
    if not pid_file.exists():
        log("没有运行中的部署。")
        return
    pids = json.loads(pid_file.read_text())
    for name, pid in pids.items():
        stop_group(pid, signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
    deadline = time.monotonic() + 20
    for pid in pids.values():
        while time.monotonic() < deadline:
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.2)
        else:
            stop_group(pid, signal.SIGKILL)
    pid_file.unlink()
    log("已停止。")
    if args.remove:
        shutil.rmtree(work, ignore_errors=True)


# --- check: the app servers serve one site ------------------------------------------------------------------------


class Browser:
    """Cookies and CSRF by hand, to talk to one app server directly as nginx would (X-Forwarded-Proto: https)."""

    def __init__(self, https_port):
        self.cookies = {}
        self.host = f"127.0.0.1:{https_port}"

    def request(self, port, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        h = {"Host": self.host, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie(header)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return resp, data

    def csrf_post(self, port, path, fields, files=None, referer_path=None):
        token = self.cookies.get("csrftoken")
        boundary = "gk" + secrets.token_hex(8)
        parts = []
        for key, value in {**fields, "csrfmiddlewaretoken": token}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            )
        for key, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            port,
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Origin": f"https://{self.host}",
                "Referer": f"https://{self.host}{referer_path or path}",
                "X-CSRFToken": token,
                "X-Requested-With": "XMLHttpRequest",
            },
        )


def check(args):
    """Log in on app server A and use the session on B; upload a document through A and read it through B and
    nginx; publish a change and see it through B and nginx's published page. Exit 1 on any failure."""
    work = Path(args.dir).resolve()
    config = json.loads((work / "config.json").read_text())
    env = cluster_env(work, config)
    a, b = config["app_ports"][:2]
    https = config["https_port"]
    failures = []

    def expect(ok, label):
        log(f"  {'✓' if ok else '✗'} {label}")
        if not ok:
            failures.append(label)

    password = secrets.token_urlsafe(16) + "Aa1!"
    setup_code = (
        "from gongkai.core import roles\n"
        "from gongkai.org.actions import create_staff\n"
        "from django.contrib.auth import get_user_model\n"
        "U = get_user_model()\n"
        "u = U.objects.filter(username='cluster_check').first()\n"
        # a platform-wide office account (no department): uploads and sees every site; not a superuser, whom
        # 三员分立 keeps from business roles and production holds to a second factor
        f"u = u or create_staff(None, username='cluster_check', full_name='部署核对', password={password!r}, "
        "department=None, role_list=[roles.OFFICE])\n"
        f"u.set_password({password!r}); u.save()\n"
    )
    manage(env, "shell", "-c", setup_code)

    browser = Browser(https)
    resp, _ = browser.request(a, "GET", "/admin/login/")
    resp, _ = browser.csrf_post(
        a, "/admin/login/", {"username": "cluster_check", "password": password, "next": "/admin/"}
    )
    expect(resp.status == 302 and "sessionid" in browser.cookies, f"在应用服务器 A（{a}）登录")
    resp, body = browser.request(b, "GET", "/admin/")
    # without the session B would send the login page (302); with it, the dashboard
    expect(resp.status == 200, f"同一会话在 B（{b}）有效（{resp.status}）")
    resp, _ = Browser(https).request(b, "GET", "/admin/")
    expect(resp.status == 302, "没有会话时 B 要求登录（对照）")

    # an upload through A, read back through B (Django serves documents) and through nginx (media)
    content = f"集约化部署核对 {secrets.token_hex(8)}\n".encode()
    resp, _ = browser.request(a, "GET", "/admin/documents/multiple/add/")
    resp, body = browser.csrf_post(
        a,
        "/admin/documents/multiple/add/",
        {"title": "部署核对附件"},
        files={"files[]": ("cluster-check.txt", content)},
    )
    doc_id = None
    try:
        doc_id = json.loads(body).get("doc_id")
    except ValueError:
        pass
    expect(resp.status == 200 and doc_id, f"经 A 上传文档（{resp.status}）")
    if doc_id:
        code = (
            "from wagtail.documents import get_document_model\n"
            f"d = get_document_model().objects.get(pk={doc_id}); print(d.file.name); print(d.url)\n"
        )
        name, doc_url = manage(env, "shell", "-c", code, capture=True).stdout.strip().splitlines()[-2:]
        resp, body = browser.request(b, "GET", doc_url)
        expect(resp.status == 200 and body == content, f"经 B 读取同一文档（{resp.status}）")
        conn = http.client.HTTPSConnection("127.0.0.1", https, timeout=10, context=insecure_context())
        conn.request("GET", f"/media/{name}")
        r = conn.getresponse()
        expect(r.status == 200 and r.read() == content, f"经 nginx 读取共享存储上的文件（{r.status}）")

    # publish a change (the worker re-renders the published page); B and nginx show it
    stamp = secrets.token_hex(4)
    publish_code = (
        "from gongkai.disclosure.models import GovInfoPage\n"
        "from wagtail.models import Site\n"
        "site = Site.objects.get(is_default_site=True)\n"
        "p = GovInfoPage.objects.live().in_site(site).filter(withdrawn=False).order_by('pk').first()\n"
        f"p.title = p.title.split(' 〔核对')[0] + ' 〔核对{stamp}〕'\n"
        "p.save_revision().publish(skip_permission_checks=True)\n"
        "print(p.get_url_parts()[2])\n"  # its path (with several sites `url` is absolute)
    )
    url = manage(env, "shell", "-c", publish_code, capture=True).stdout.strip().splitlines()[-1]
    resp, body = browser.request(b, "GET", url)
    expect(resp.status == 200 and stamp in body.decode(errors="replace"), "发布后 B 显示新标题")
    deadline = time.monotonic() + 60
    seen = False
    while time.monotonic() < deadline and not seen:
        conn = http.client.HTTPSConnection("127.0.0.1", https, timeout=10, context=insecure_context())
        conn.request("GET", url)  # anonymous: the published file
        r = conn.getresponse()
        seen = r.status == 200 and stamp in r.read().decode(errors="replace")
        if not seen:
            time.sleep(1)
    expect(seen, "发布后 nginx 的静态发布页随之更新（后台任务重新渲染）")
    conn = http.client.HTTPSConnection("127.0.0.1", https, timeout=10, context=insecure_context())
    conn.request("GET", url)
    r = conn.getresponse()
    r.read()
    expect(
        "script-src 'self'" in (r.getheader("Content-Security-Policy") or "")
        and "max-age=31536000" in (r.getheader("Strict-Transport-Security") or ""),
        "静态发布页带 CSP 与 HSTS 头",
    )
    if failures:
        log(f"不通过：{len(failures)} 项")
        sys.exit(1)
    log("全部通过。")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_up = sub.add_parser("up")
    p_up.add_argument("--dir", required=True)
    p_up.add_argument("--database-url", required=True)
    p_up.add_argument("--redis-url", required=True)
    p_up.add_argument("--app-servers", type=int, default=2)
    p_up.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    p_up.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    p_up.add_argument("--app-port", type=int, default=18201)
    p_up.add_argument("--http-port", type=int, default=18280)
    p_up.add_argument("--https-port", type=int, default=18443)
    p_up.add_argument("--nginx-workers", type=int, default=1)
    p_up.add_argument(
        "--demo", action="store_true", help="load the demo data first (then disable demo logins)"
    )
    p_up.add_argument("--load-test", action="store_true", help="captcha and API rate limits off")
    p_down = sub.add_parser("down")
    p_down.add_argument("--dir", required=True)
    p_down.add_argument("--remove", action="store_true")
    p_check = sub.add_parser("check")
    p_check.add_argument("--dir", required=True)
    args = parser.parse_args()
    {"up": up, "down": down, "check": check}[args.command](args)


if __name__ == "__main__":
    main()
