"""Background jobs: feeds are fetched here (the worker), never in a page request; reminders go out from here."""

from django.conf import settings
from django_tasks import task

from . import services
from .models import Account


@task()
def fetch_feed(account_id):
    """Fetch one account's feed (queued from the admin's "立即抓取")."""
    account = Account.objects.filter(pk=account_id).first()
    if account is None or not account.feed_url:
        return "账号不存在或未设置订阅地址"
    return services.fetch_account_feed(account).message


def fetch_all_feeds():
    """Fetch every feed once; one bad feed does not stop the others."""
    for account in services.accounts_with_feeds():
        services.fetch_account_feed(account)


def send_reminders():
    services.send_reminders()


PERIODIC = [
    (getattr(settings, "GONGKAI_NEWMEDIA_FEED_INTERVAL", 3600), fetch_all_feeds),
    (getattr(settings, "GONGKAI_NEWMEDIA_REMINDER_INTERVAL", 6 * 3600), send_reminders),
]
