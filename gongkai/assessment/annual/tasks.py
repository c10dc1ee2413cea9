"""Periodic job of the annual report, run by `gongkai worker`.

`send_reminders`: from 1 January to 30 June, for last year's reports (Art. 49: departments by 31 January, the
government by 31 March), e-mail each unit whose report is not yet public — its staff, and the office of its site —
once when REMIND_DAYS or fewer days are left and once when the date has passed. AnnualReminder's unique keys make a
rerun send nothing new; a report made public in time is never chased.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from gongkai.core import roles, siteurl
from gongkai.org import sites

from . import progress
from .models import AnnualReminder

log = logging.getLogger("gongkai.assessment")

REMIND_DAYS = 10
LAST_MONTH = 6  # reports of last year are chased until the end of June


def _emails(users):
    return set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True))


def _office_scopes():
    """(e-mail, site scope) of every active office account with an address — looked up once per run."""
    User = get_user_model()
    users = User.objects.filter(groups__name=roles.OFFICE, is_active=True).exclude(email="").distinct()
    return [(user.email, sites.user_scope(user)) for user in users.select_related("staff__department")]


def _office_emails(offices, site):
    """The offices working for `site`: platform-wide ones, its own, and (default site) those whose department has
    no site."""
    return {
        email
        for email, scope in offices
        if scope is sites.ALL or scope == site.pk or (scope is None and site.is_default_site)
    }


def send_reminders(today=None):
    """Returns the number of reminders sent in this run."""
    today = today or timezone.localdate()
    if today.month > LAST_MONTH:
        return 0
    year = today.year - 1
    User = get_user_model()
    sent = 0
    offices = _office_scopes()
    for site in Site.objects.order_by("pk"):
        office = _office_emails(offices, site)
        for row in progress.progress(year, site, today):
            if row.public or row.days_left > REMIND_DAYS:
                continue
            kind = "overdue" if row.days_left < 0 else "due_soon"
            try:
                with transaction.atomic():
                    AnnualReminder.objects.create(
                        year=year,
                        department=row.department,
                        site=site if row.department is None else None,
                        kind=kind,
                        sent_at=timezone.now(),
                    )
            except IntegrityError:
                continue  # already reminded
            if kind == "overdue":
                subject = f"【政务公开年报】《{year}年政府信息公开工作年度报告》已超过公布期限"
                when = f"已超过公布期限 {-row.days_left} 天"
            else:
                subject = (
                    f"【政务公开年报】《{year}年政府信息公开工作年度报告》距公布期限还有 {row.days_left} 天"
                )
                when = f"距期限还有 {row.days_left} 天"
            body = (
                f"{row.name}{year}年政府信息公开工作年度报告应于 {row.due:%Y年%m月%d日} 前向社会公布"
                f"（《政府信息公开条例》第四十九条），目前状态：{row.status}，{when}。\n"
                f"请登录平台编制或跟进审核：{siteurl.absolute(reverse('annual_reports'))}"
            )
            staff = set()
            if row.department is not None:
                staff = _emails(User.objects.filter(staff__department=row.department))
            recipients = sorted(staff | office)
            if recipients:
                send_mail(subject, body, None, recipients, fail_silently=True)
            sent += 1
    if sent:
        log.info("annual report reminders sent: %s", sent)
    return sent


PERIODIC = [(3600, send_reminders)]
