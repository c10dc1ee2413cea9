"""Posts imported from RSS/Atom feeds in the background, against a feed served on loopback by the test itself.
A malformed feed gives a clear error and loses nothing already stored."""

import datetime

import pytest

from gongkai.core.models import AuditRecord
from gongkai.newmedia import services, tasks
from gongkai.newmedia.models import Account, Platform, PostSource

from .conftest import NOW
from .feedserver import FeedServer

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>恩施教育</title><link>https://jyj.enshi.gov.cn/</link><description>恩施市教育局</description>
<item><title>2026年恩施市城区义务教育招生入学公告</title><link>https://jyj.enshi.gov.cn/2026/zs.html</link>
<guid>jyj-2026-0101</guid><pubDate>Mon, 23 Nov 2026 09:30:00 +0800</pubDate>
<description>&lt;p&gt;城区公办小学、初中招生范围及报名时间。&lt;/p&gt;</description></item>
<item><title>恩施市学生资助政策问答</title><link>https://jyj.enshi.gov.cn/2026/zz.html</link>
<guid>jyj-2026-0102</guid><pubDate>Wed, 25 Nov 2026 16:00:00 +0800</pubDate></item>
{extra}
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>恩施人社</title><id>urn:enshi:rsj</id>
<updated>2026-11-26T08:00:00+08:00</updated>
<entry><title>恩施市2026年春风行动专场招聘会岗位信息</title><id>urn:enshi:rsj:88</id>
<link href="https://rsj.enshi.gov.cn/zp/88.html"/><updated>2026-11-26T08:00:00+08:00</updated></entry>
</feed>"""


@pytest.fixture
def server(settings):
    settings.GONGKAI_OUTBOUND_ALLOW = ["127.0.0.1"]  # the test's own feed server; the guard refuses loopback
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture
def feed_account(edu_wechat, server):
    edu_wechat.feed_url = server.serve("/jyj.xml", RSS.format(extra=""))
    edu_wechat.save(update_fields=["feed_url"])
    return edu_wechat


def titles(account):
    return list(account.posts.order_by("published_at").values_list("title", flat=True))


def test_feed_posts_are_imported_and_the_last_update_derived(feed_account):
    outcome = services.fetch_account_feed(feed_account)
    assert outcome.ok, outcome.message
    assert titles(feed_account) == ["2026年恩施市城区义务教育招生入学公告", "恩施市学生资助政策问答"]
    first = feed_account.posts.get(external_id="jyj-2026-0101")
    assert first.url == "https://jyj.enshi.gov.cn/2026/zs.html"
    assert first.summary == "城区公办小学、初中招生范围及报名时间。"
    assert first.source == PostSource.FEED
    feed_account.refresh_from_db()
    assert feed_account.last_post_at == datetime.datetime(2026, 11, 25, 8, 0, tzinfo=datetime.UTC)
    assert feed_account.feed_error == "" and feed_account.feed_checked_at == NOW
    assert AuditRecord.objects.get(action="newmedia.posts_import").after["added"] == 2


def test_fetching_again_adds_only_new_entries(feed_account, server):
    services.fetch_account_feed(feed_account)
    extra = """<item><title>恩施市中小学秋季开学安全提示</title><link>https://jyj.enshi.gov.cn/2026/aq.html</link>
    <guid>jyj-2026-0103</guid><pubDate>Thu, 26 Nov 2026 10:00:00 +0800</pubDate></item>"""
    server.serve("/jyj.xml", RSS.format(extra=extra))
    outcome = services.fetch_account_feed(feed_account)
    assert (outcome.result.added, outcome.result.duplicates) == (1, 2)
    assert feed_account.posts.count() == 3


def test_a_malformed_feed_gives_a_clear_error_and_loses_nothing(feed_account, server):
    services.fetch_account_feed(feed_account)
    before = titles(feed_account)
    server.serve("/jyj.xml", RSS.format(extra="<item><title>未闭合的条目</title><pubDate>Fri, 27 Nov 2026"))
    outcome = services.fetch_account_feed(feed_account)
    assert not outcome.ok
    assert "订阅内容格式错误" in outcome.message and "已有记录不受影响" in outcome.message
    assert titles(feed_account) == before
    feed_account.refresh_from_db()
    assert feed_account.feed_error.startswith("订阅内容格式错误")
    assert feed_account.last_post_at == datetime.datetime(2026, 11, 25, 8, 0, tzinfo=datetime.UTC)
    # the next good fetch clears the error
    server.serve("/jyj.xml", RSS.format(extra=""))
    assert services.fetch_account_feed(feed_account).ok
    feed_account.refresh_from_db()
    assert feed_account.feed_error == ""


def test_a_page_that_is_not_a_feed_is_refused(feed_account, server):
    feed_account.feed_url = server.serve("/index.html", "<html><body>首页</body></html>", "text/html")
    outcome = services.fetch_account_feed(feed_account)
    assert not outcome.ok and not feed_account.posts.exists()


@pytest.mark.parametrize(
    ("status", "expected"),
    [(404, "订阅地址返回错误状态 404。"), (500, "订阅地址返回错误状态 500。")],
)
def test_http_errors_are_reported(feed_account, server, status, expected):
    feed_account.feed_url = server.serve("/broken.xml", "错误", status=status)
    outcome = services.fetch_account_feed(feed_account)
    assert outcome.message == expected


def test_a_slow_feed_times_out(feed_account, server):
    feed_account.feed_url = server.serve("/slow.xml", RSS.format(extra=""), delay=2)
    outcome = services.fetch_account_feed(feed_account, timeout=0.3)
    assert outcome.message == "订阅地址响应超时。"
    assert not feed_account.posts.exists()


def test_entries_without_a_date_are_skipped_and_future_dates_refused(feed_account, server):
    extra = """<item><title>没有发布时间的条目</title><link>https://jyj.enshi.gov.cn/x.html</link></item>
    <item><title>预先写好的明年通知</title><link>https://jyj.enshi.gov.cn/y.html</link>
    <pubDate>Fri, 01 Jan 2027 09:00:00 +0800</pubDate></item>"""
    server.serve("/jyj.xml", RSS.format(extra=extra))
    outcome = services.fetch_account_feed(feed_account)
    assert outcome.ok
    assert outcome.result.added == 2
    assert any("缺少发布时间" in s for s in outcome.result.skipped)
    assert any("晚于当前时间" in s for s in outcome.result.skipped)
    assert "没有发布时间的条目" not in titles(feed_account) and "预先写好的明年通知" not in titles(
        feed_account
    )


def test_atom_feeds_are_read_too(hrss_wechat, server):
    hrss_wechat.feed_url = server.serve("/rsj.atom", ATOM, "application/atom+xml")
    assert services.fetch_account_feed(hrss_wechat).ok
    assert hrss_wechat.posts.get().url == "https://rsj.enshi.gov.cn/zp/88.html"


def test_the_periodic_job_goes_on_after_a_bad_feed(feed_account, make_account, hrss, server):
    bad = make_account(
        hrss, Platform.WEIBO, "恩施人社", feed_url=server.serve("/bad.xml", "<rss><channel><item>")
    )
    tasks.fetch_all_feeds()
    assert feed_account.posts.count() == 2
    bad.refresh_from_db()
    assert bad.feed_error.startswith("订阅内容格式错误")


def test_the_queued_task_fetches_one_account(feed_account):
    message = tasks.fetch_feed.call(feed_account.pk)
    assert message.startswith("新增 2 条")
    assert tasks.fetch_feed.call(999999) == "账号不存在或未设置订阅地址"


def test_the_admin_only_queues_the_fetch(client, feed_account, edu_editor, settings):
    """The page request never fetches: it puts a task on the queue for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    client.force_login(edu_editor)
    response = client.post(f"/admin/newmedia/accounts/{feed_account.pk}/", {"action": "fetch"})
    assert response.status_code == 302
    assert not feed_account.posts.exists()
    assert [r.task.name for r in default_task_backend.results] == ["fetch_feed"]
    assert Account.objects.get(pk=feed_account.pk).feed_checked_at is None
