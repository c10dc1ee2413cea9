"""Serve the platform in the embedded mode: gunicorn on 127.0.0.1:PORT plus one background worker process."""

import os
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以内嵌模式运行平台（gunicorn + 后台任务进程）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, **options):
        worker = None
        bind = f"{options['host']}:{options['port']}"
        if not os.environ.get("GONGKAI_BASE_URL"):
            # nothing configured: the links the platform writes and the health crawler follow this port
            host = "127.0.0.1" if options["host"] in ("0.0.0.0", "::", "") else options["host"]  # noqa: S104
            os.environ["GONGKAI_BASE_URL"] = f"http://{host}:{options['port']}"
        if not options["no_worker"]:
            worker = subprocess.Popen([sys.executable, "-m", "gongkai.manage", "worker"])
        self.stdout.write(
            f"政务公开平台已启动：http://{bind}/ （后台管理 http://{bind}/admin/），Ctrl+C 退出。"
        )
        try:
            subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "gongkai.wsgi:application",
                    "--bind",
                    bind,
                    "--workers",
                    str(options["workers"]),
                    "--threads",
                    "4",
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "5",
                ]
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker:
                worker.terminate()
                worker.wait(10)
