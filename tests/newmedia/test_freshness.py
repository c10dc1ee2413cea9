"""RULES.md §5: warning at 7 days without an update (Enshi's weekly rule), red at 14 (national veto), 僵尸号 at 90."""

import datetime

import pytest

from gongkai.newmedia import rules, services
from gongkai.newmedia.rules import Freshness

from .conftest import NOW

D = datetime.timedelta


@pytest.mark.parametrize(
    ("idle", "expected"),
    [
        (D(0), Freshness.OK),
        (D(days=6, hours=23, minutes=59), Freshness.OK),
        (D(days=7), Freshness.WARNING),
        (D(days=13, hours=23), Freshness.WARNING),
        (D(days=14), Freshness.RED),
        (D(days=30), Freshness.RED),
        (D(days=89, hours=23), Freshness.RED),
        (D(days=90), Freshness.ZOMBIE),
        (D(days=400), Freshness.ZOMBIE),
        (-D(hours=2), Freshness.OK),  # a post stamped slightly ahead of the server clock is not "idle"
    ],
)
def test_thresholds_against_a_fixed_now(idle, expected):
    assert rules.freshness(NOW - idle, now=NOW) == expected


def test_thresholds_are_settings(settings):
    settings.GONGKAI_NEWMEDIA_WARNING_DAYS = 10
    settings.GONGKAI_NEWMEDIA_RED_DAYS = 14
    settings.GONGKAI_NEWMEDIA_ZOMBIE_DAYS = 60
    assert rules.freshness(NOW - D(days=9), now=NOW) == Freshness.OK
    assert rules.freshness(NOW - D(days=10), now=NOW) == Freshness.WARNING
    assert rules.freshness(NOW - D(days=60), now=NOW) == Freshness.ZOMBIE


def test_last_update_is_derived_from_the_posts(edu_wechat, post):
    post(edu_wechat, "2026年恩施市城区义务教育招生入学公告", days_ago=20)
    post(edu_wechat, "恩施市学生资助政策问答", days_ago=8)
    edu_wechat.refresh_from_db()
    assert edu_wechat.last_post_at == NOW - D(days=8)
    assert rules.account_freshness(edu_wechat, NOW) == Freshness.WARNING
    post(edu_wechat, "恩施市中小学秋季开学安全提示", days_ago=1)
    edu_wechat.refresh_from_db()
    assert rules.account_freshness(edu_wechat, NOW) == Freshness.OK


def test_an_account_that_never_posted_counts_from_its_opening(make_account, edu):
    account = make_account(edu, opened_at=NOW - D(days=15))
    assert rules.account_freshness(account, NOW) == Freshness.RED
    assert rules.idle_days(account, NOW) == 15


def test_monitor_lists_worst_first_with_weekly_counts(edu_wechat, hrss_wechat, post, now):
    for days in (1, 3, 5, 9):
        post(edu_wechat, f"恩施教育第{days}期", days_ago=days)
    post(hrss_wechat, "城乡居民养老保险缴费指南", days_ago=16)
    rows = services.monitor(now=NOW)
    assert [(r.account.name, r.freshness, r.weekly_count, r.idle_days) for r in rows] == [
        ("恩施人社", Freshness.RED, 0, 16),
        ("恩施教育", Freshness.OK, 3, 1),
    ]
