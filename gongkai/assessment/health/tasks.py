"""The site health monitor in the background: `run_checks_task` runs one queued run (from the dashboard's
"立即检查" or the schedule); the periodic job asks for a run when the last one is older than
GONGKAI_HEALTH_INTERVAL_HOURS (default 24), so a restarted worker does not crawl the site again at once."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import actions
from .models import HealthRun

# the job itself sits beside the action that enqueues it; the name stays here for jobs queued before the move
run_checks_task = actions.run_checks_task


def scheduled_check(now=None):
    """Queue a run when none was asked for within the interval. Returns the new run or None."""
    now = now or timezone.now()
    hours = getattr(settings, "GONGKAI_HEALTH_INTERVAL_HOURS", 24)
    if HealthRun.objects.filter(requested_at__gt=now - datetime.timedelta(hours=hours)).exists():
        return None
    try:
        return actions.request_run(None, HealthRun.Trigger.SCHEDULE, now=now)
    except ValidationError:
        return None


PERIODIC = [(getattr(settings, "GONGKAI_HEALTH_POLL_SECONDS", 3600), scheduled_check)]
