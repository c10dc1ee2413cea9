"""Demo data of the site health monitor: one real run of every check over the demo data, the crawl included —
the site is served for the length of the crawl on a free local port (the demo loader runs without a server).
Idempotent: a second `gongkai demo` adds no run."""

import contextlib
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.db import connections

from gongkai.assessment.health import actions
from gongkai.assessment.health.models import HealthRun

DEMO_PAGES = 120


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Server(WSGIServer):
    def process_request(self, request, client_address):
        try:
            super().process_request(request, client_address)
        finally:
            connections.close_all()  # the server thread's own database connection


@contextlib.contextmanager
def serving_site():
    """The site (the project's WSGI application, static files included) at http://127.0.0.1:<port>/."""
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=_Server, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, name="health-demo-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def load(stdout):
    if HealthRun.objects.filter(trigger=HealthRun.Trigger.DEMO).exists():
        return
    run = actions.request_run(None, HealthRun.Trigger.DEMO, enqueue=False)
    with serving_site() as url:
        config = actions.crawl_config(url, max_pages=DEMO_PAGES, delay=0, max_seconds=300)
        run = actions.execute(run.pk, config=config)
    if run.status == HealthRun.Status.DONE:
        stdout.write(
            f"  网站健康检查：{run.get_overall_display()}，抓取 {run.pages_crawled} 个页面，"
            f"发现 {run.findings.count()} 个问题"
        )
    else:
        stdout.write(f"  网站健康检查失败：{run.error[:200]}")
