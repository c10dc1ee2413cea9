"""Fixtures of the 政务新媒体 tests: a fixed "now", accounts, posts."""

import datetime

import pytest

from gongkai.newmedia import actions, clock
from gongkai.newmedia.models import Account, Platform, PostSource

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
# Friday 2026-11-27 10:00 in 恩施 (Asia/Shanghai)
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def now(monkeypatch):
    """Freeze the app's clock at NOW; tests may move it with `now.set(...)`."""

    class Frozen:
        value = NOW

        def set(self, value):
            self.value = value

        def __call__(self):
            return self.value

    frozen = Frozen()
    monkeypatch.setattr(clock, "now", frozen)
    return frozen


@pytest.fixture
def make_account(db, now):
    def make(department, platform=Platform.WECHAT, name=None, **fields):
        fields.setdefault("opened_at", NOW - datetime.timedelta(days=400))
        fields.setdefault("operator", "谭雨欣")
        return Account.objects.create(
            department=department, platform=platform, name=name or f"{department.short_name}发布", **fields
        )

    return make


@pytest.fixture
def edu_wechat(make_account, edu):
    return make_account(
        edu,
        Platform.WECHAT,
        "恩施教育",
        url="https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA4NjEyMzQ1Ng==",
        notify_email="xmt@jyj.enshi.gov.cn",
    )


@pytest.fixture
def hrss_wechat(make_account, hrss):
    return make_account(
        hrss, Platform.WECHAT, "恩施人社", url="https://mp.weixin.qq.com/mp/profile_ext?__biz=rs"
    )


@pytest.fixture
def post(now):
    def add(account, title, days_ago, url=""):
        item = actions.PostItem(
            title=title,
            published_at=NOW - datetime.timedelta(days=days_ago),
            url=url or f"https://e.example/{title}",
        )
        actions.import_posts(None, account, [item], source=PostSource.FILE)
        account.refresh_from_db()
        return account.posts.get(title=title)

    return add
