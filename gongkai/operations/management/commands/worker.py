"""The background worker: runs queued tasks (django-tasks database backend) and the periodic jobs every app
declares in `<app>/tasks.py` as PERIODIC = [(seconds, callable), ...] — scheduled publishing, reminders,
health checks. One process is enough; run more for throughput (tasks are claimed with row locks)."""

import logging
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from gongkai.core.discovery import app_modules

logger = logging.getLogger("gongkai.worker")


def periodic_jobs():
    jobs = [(60, "发布定时内容", lambda: call_command("publish_scheduled", verbosity=0))]
    for label, module in app_modules("tasks"):
        for seconds, func in getattr(module, "PERIODIC", []):
            jobs.append((seconds, f"{label}.{func.__name__}", func))
    return jobs


def run_scheduler(stop, once=False):
    jobs = periodic_jobs()
    due = {name: 0.0 for _, name, _ in jobs}
    while not stop.is_set():
        now = time.monotonic()
        for seconds, name, func in jobs:
            if now >= due[name]:
                due[name] = now + seconds
                close_old_connections()
                try:
                    func()
                except Exception:
                    logger.exception("periodic job %s failed", name)
        if once:
            return
        stop.wait(5)


class Command(BaseCommand):
    help = "后台任务进程：执行排队任务与定时作业（定时发布、到期提醒、健康检查）。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="把定时作业各执行一次、排空任务队列后退出")

    def handle(self, *args, **options):
        stop = threading.Event()
        if options["once"]:
            run_scheduler(stop, once=True)
            call_command("db_worker", batch=True, verbosity=0)
            return
        thread = threading.Thread(target=run_scheduler, args=(stop,), daemon=True, name="scheduler")
        thread.start()
        try:
            call_command("db_worker", interval=1.0, verbosity=1)
        finally:
            stop.set()
