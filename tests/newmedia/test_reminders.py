"""Reminders to the owning department when its accounts go stale (periodic job, Django's mail settings)."""

import datetime

import pytest
from django.core import mail

from gongkai.core.models import AuditRecord
from gongkai.newmedia import services, tasks
from gongkai.newmedia.models import Platform


@pytest.fixture
def stale(edu_wechat, hrss_wechat, make_account, edu, post, edu_editor, now):
    edu_editor.email = "tanyuxin@jyj.enshi.gov.cn"
    edu_editor.save()
    post(edu_wechat, "恩施市学生资助政策问答", days_ago=8)
    douyin = make_account(edu, Platform.DOUYIN, "恩施教育")
    post(douyin, "教育部门提醒：警惕暑期校外培训陷阱", days_ago=15)
    post(hrss_wechat, "城乡居民养老保险缴费指南", days_ago=1)
    return douyin


def test_one_mail_per_department_listing_its_stale_accounts(stale, now):
    assert services.send_reminders() == 1
    [message] = mail.outbox
    assert message.subject == "【政务新媒体更新提醒】市教育局：2 个账号红灯（两周未更新，单项否决）"
    assert sorted(message.to) == ["tanyuxin@jyj.enshi.gov.cn", "xmt@jyj.enshi.gov.cn"]
    assert (
        "恩施教育（抖音）：红灯（两周未更新，单项否决），最近更新 2026年11月12日，已 15 天未更新"
        in message.body
    )
    assert "恩施教育（微信公众号）：预警（超过一周未更新）" in message.body
    assert "恩施人社" not in message.body
    assert AuditRecord.objects.filter(action="newmedia.remind").count() == 2


def test_no_repeat_until_the_state_changes_or_days_pass(stale, now, settings):
    settings.GONGKAI_NEWMEDIA_REMINDER_REPEAT_DAYS = 3
    services.send_reminders()
    now.set(now() + datetime.timedelta(days=1))
    assert services.send_reminders() == 0
    # one more day and the WeChat account crosses 14 days: red, a new state, so a new reminder
    now.set(now() + datetime.timedelta(days=5))
    assert services.send_reminders() == 1
    assert len(mail.outbox) == 2


def test_the_periodic_job_is_declared(stale):
    intervals = {func.__name__: seconds for seconds, func in tasks.PERIODIC}
    assert set(intervals) == {"fetch_all_feeds", "send_reminders"}
    tasks.send_reminders()
    assert len(mail.outbox) == 1
