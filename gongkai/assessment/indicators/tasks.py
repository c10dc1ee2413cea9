"""Periodic job: keep the office's draft runs current. A run of the running quarter (or of a quarter that ended
after its last computation) is recomputed once a day with the data to yesterday; published runs are never touched
and no run is created by itself — the office decides when a quarter is assessed."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.core import workdays

from . import actions
from .models import Run

logger = logging.getLogger("gongkai.assessment")


def refresh_open_runs(today=None):
    today = today or workdays.local_date(timezone.now())
    refreshed = 0
    for run in Run.objects.exclude(status=Run.Status.PUBLISHED).filter(start__lt=today):
        if run.cutoff is not None and run.cutoff >= min(run.end, today - datetime.timedelta(days=1)):
            continue  # already computed with all the data there is
        try:
            actions.compute_run(None, run, today=today)
        except ValidationError as exc:
            logger.warning("assessment run %s not refreshed: %s", run.period, exc)
            continue
        refreshed += 1
    return refreshed


PERIODIC = [(6 * 3600, refresh_open_runs)]
