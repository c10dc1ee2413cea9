"""Action functions of the site health monitor: asking for a run, and the run's own outcome (done or failed).
Each is atomic with one audit record. `execute` does the slow part (the checks, the crawl) outside any
transaction and stores the outcome in one go, so a failed run leaves no half-stored findings."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.core import audit

from .. import registry
from . import checks
from .crawler import CrawlConfig, Crawler
from .models import CheckResult, Finding, HealthRun, Severity

logger = logging.getLogger("gongkai.assessment.health")

MAX_FINDINGS_PER_CHECK = 2000


def _setting(name, default):
    return getattr(settings, f"GONGKAI_HEALTH_{name}", default)


def base_url():
    """The site the crawler checks: GONGKAI_HEALTH_BASE_URL, else the default site's public address
    (gongkai.core.siteurl: GONGKAI_BASE_URL, or the address `gongkai serve` listens on)."""
    from gongkai.core import siteurl

    return (_setting("BASE_URL", "") or siteurl.base_url()).rstrip("/") + "/"


def may_read_runs(user):
    """The monitor crawls the default site (base_url), so its runs are that site's: its office and platform-wide
    accounts read them; another site's office (集约化: a town's) does not."""
    from gongkai.core import roles
    from gongkai.org import sites

    if not (getattr(user, "is_superuser", False) or roles.is_office(user)):
        return False
    default = sites.default_site()
    return default is not None and sites.may_see_site(user, default.pk)


def crawl_config(url=None, **overrides):
    values = {
        "base_url": url or base_url(),
        "max_pages": _setting("MAX_PAGES", 500),
        "max_requests": _setting("MAX_REQUESTS", 5000),
        "max_seconds": _setting("MAX_SECONDS", 1800),
        "delay": _setting("DELAY", 0.5),
        "timeout": _setting("TIMEOUT", 15),
        "check_external": _setting("CHECK_EXTERNAL", False),
    }
    values.update(overrides)
    return CrawlConfig(**values)


def busy_run(now=None):
    """A run queued or running that is not stale (a worker that died leaves one behind)."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=_setting("MAX_SECONDS", 1800) + 3600)
    return (
        HealthRun.objects.filter(
            status__in=[HealthRun.Status.QUEUED, HealthRun.Status.RUNNING], requested_at__gte=stale
        )
        .order_by("-requested_at")
        .first()
    )


@transaction.atomic
def request_run(user, trigger=HealthRun.Trigger.MANUAL, *, enqueue=True, now=None):
    """Ask for a run. With `enqueue`, the background task runs it after the commit; otherwise the caller runs
    `execute` itself (the command line, the demo). Refused while another run is waiting or running."""
    now = now or timezone.now()
    pending = busy_run(now)
    if pending is not None:
        raise ValidationError(
            "已有一次网站健康检查%(state)s（%(at)s 发起），请待其完成后再发起。"
            % {
                "state": pending.get_status_display(),
                "at": f"{timezone.localtime(pending.requested_at):%Y-%m-%d %H:%M}",
            }
        )
    run = HealthRun.objects.create(
        trigger=trigger,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
        requested_at=now,
        status=HealthRun.Status.QUEUED,
    )
    audit.record(user, "health.request", run, after={"trigger": trigger}, note="发起网站健康检查")
    if enqueue:
        transaction.on_commit(lambda: run_checks_task.enqueue(run.pk))
    return run


def execute(run_id, *, now=None, crawl=True, config=None, session=None):
    """Run every check for a queued run and store the outcome. `now` is the moment checked (default: the clock;
    tests fix it); `config` overrides the crawl's bounds and address; `crawl=False` skips the link check."""
    now = now or timezone.now()
    claimed = HealthRun.objects.filter(pk=run_id, status=HealthRun.Status.QUEUED).update(
        status=HealthRun.Status.RUNNING, started_at=now
    )
    run = HealthRun.objects.get(pk=run_id)
    if not claimed:
        return run
    report = None
    try:
        outcomes = [check(now) for _code, check in registry.health_checks()]
        if crawl:
            config = config or crawl_config()
            report = Crawler(config, session=session).run()
            outcomes.append(checks.links_outcome(report))
    except Exception as exc:
        logger.exception("site health run %s failed", run_id)
        return fail_run(run, f"{type(exc).__name__}: {exc}")
    return complete_run(run, outcomes, report)


@transaction.atomic
def complete_run(run, outcomes, report=None):
    """Store the checks' results and findings; the run's overall verdict is the worst check."""
    results, findings = [], []
    for outcome in outcomes:
        results.append(
            CheckResult(
                run=run,
                check_code=outcome.check,
                status=outcome.status,
                figure=outcome.figure,
                detail=outcome.detail[:400],
            )
        )
        for found in outcome.findings[:MAX_FINDINGS_PER_CHECK]:
            findings.append(
                Finding(
                    run=run,
                    check_code=found.check_code,
                    severity=found.severity,
                    department=found.department,
                    subject=found.subject[:300],
                    detail=found.detail[:500],
                    url=found.url[:1000],
                    found_on=found.found_on[:1000],
                    http_status=found.http_status,
                    days=found.days,
                    object_type=found.object_type,
                    object_id=found.object_id,
                )
            )
    CheckResult.objects.bulk_create(results)
    Finding.objects.bulk_create(findings, batch_size=500)
    run.status = HealthRun.Status.DONE
    run.finished_at = timezone.now()
    run.overall = registry.worst({o.status for o in outcomes})
    if report is not None:
        run.base_url = report.base_url[:300]
        run.pages_crawled = len(report.pages)
        run.links_checked = report.links_checked
        note = f"站外链接 {report.skipped_external} 个未检查" if report.skipped_external else ""
        if report.disallowed:
            note += f"{'；' if note else ''}robots.txt 禁止的地址 {report.disallowed} 个"
        if report.stopped:
            note = f"{report.stopped}，未覆盖全站" + (f"；{note}" if note else "")
        run.crawl_note = note[:300]
    else:
        run.crawl_note = "本次未抓取网站（链接检查未执行）"
    run.save()
    audit.record(
        None,
        "health.complete",
        run,
        after={"overall": run.overall, "checks": {o.check: o.status for o in outcomes}},
        note=f"网站健康检查完成：{Severity(run.overall).label}",
    )
    return run


@transaction.atomic
def fail_run(run, error):
    run.status = HealthRun.Status.FAILED
    run.finished_at = timezone.now()
    run.error = error[:2000]
    run.save(update_fields=["status", "finished_at", "error"])
    audit.record(None, "health.fail", run, after={"error": run.error[:200]}, note="网站健康检查失败")
    return run


@task()
def run_checks_task(run_id):
    """The background job of `request_run`: runs one queued run (from the dashboard's 立即检查 or the schedule)."""
    run = execute(run_id)
    return f"{run.get_status_display()}：{run.get_overall_display() or run.error[:200]}"
