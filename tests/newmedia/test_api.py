"""GET /api/v1/newmedia/accounts → [{name, platform, department, status, last_update, freshness}]."""

import datetime

import pytest

from gongkai.newmedia import actions
from gongkai.newmedia.models import AccountStatus, Platform


@pytest.fixture
def accounts(edu_wechat, hrss_wechat, make_account, edu, hrss, post, edu_editor):
    post(edu_wechat, "恩施市学生资助政策问答", days_ago=2)
    post(hrss_wechat, "城乡居民养老保险缴费指南", days_ago=15)
    make_account(
        edu, Platform.DOUYIN, "恩施教育", opened_at=edu_wechat.opened_at
    )  # never posted: idle since opening
    weibo = make_account(hrss, Platform.WEIBO, "恩施人社发布")
    post(weibo, "社保卡领取与激活办理指南", days_ago=9)
    closed = make_account(edu, Platform.WEIBO, "恩施教育发布")
    closed.status = AccountStatus.CLOSED
    closed.save()


def test_shape_and_freshness(client, accounts):
    response = client.get("/api/v1/newmedia/accounts")
    assert response.status_code == 200
    data = response.json()
    assert data == [
        {
            "name": "恩施教育",
            "platform": "微信公众号",
            "department": "恩施市教育局",
            "status": "在运营",
            "last_update": "2026-11-25T02:00:00Z",
            "freshness": "ok",
        },
        {
            "name": "恩施教育",
            "platform": "抖音",
            "department": "恩施市教育局",
            "status": "在运营",
            "last_update": None,
            "freshness": "zombie",
        },
        {
            "name": "恩施人社",
            "platform": "微信公众号",
            "department": "恩施市人力资源和社会保障局",
            "status": "在运营",
            "last_update": "2026-11-12T02:00:00Z",
            "freshness": "red",
        },
        {
            "name": "恩施人社发布",
            "platform": "微博",
            "department": "恩施市人力资源和社会保障局",
            "status": "在运营",
            "last_update": "2026-11-18T02:00:00Z",
            "freshness": "warning",
        },
    ]


def test_filters(client, accounts):
    assert [a["name"] for a in client.get("/api/v1/newmedia/accounts?freshness=red").json()] == ["恩施人社"]
    assert len(client.get("/api/v1/newmedia/accounts?platform=wechat").json()) == 2
    assert {
        a["department"] for a in client.get("/api/v1/newmedia/accounts?department=恩施市教育局").json()
    } == {"恩施市教育局"}


def test_bad_filters_are_errors_in_chinese(client, accounts):
    response = client.get(
        "/api/v1/newmedia/accounts?platform=myspace&freshness=stale&department=恩施市不存在局"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"platform", "freshness", "department"}
    assert errors["department"] == "没有该部门。"


def test_the_account_under_a_closing_notice_is_still_listed(client, edu_wechat, edu_editor, now):
    actions.publish_closing_notice(edu_editor, edu_wechat, notice_url="https://mp.weixin.qq.com/s/tg")
    [row] = client.get("/api/v1/newmedia/accounts").json()
    assert row["status"] == "停更公告中"


def test_query_count_does_not_grow_with_accounts(
    client, accounts, make_account, edu, django_assert_max_num_queries
):
    for i in range(10):
        make_account(edu, Platform.OTHER, f"恩施教育{i}", exception_reason="测试用")
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/newmedia/accounts").json()) == 14


def test_the_clock_is_injected(client, accounts, now):
    now.set(now() + datetime.timedelta(days=6))
    rows = {
        (r["name"], r["platform"]): r["freshness"] for r in client.get("/api/v1/newmedia/accounts").json()
    }
    assert rows[("恩施教育", "微信公众号")] == "warning"
