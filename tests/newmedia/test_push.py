"""MISSION F9: the office pushes a special topic to chosen accounts; each department confirms with its post link;
the push page shows who carried it and who is late."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.models import AuditRecord
from gongkai.newmedia import actions, rules
from gongkai.newmedia.models import AccountStatus, PushTarget
from gongkai.newmedia.rules import PushState

from .conftest import NOW, SHANGHAI

DEADLINE = datetime.date(2026, 12, 2)  # Wednesday: three working days after Friday 2026-11-27


@pytest.fixture
def push(office_user, edu_wechat, hrss_wechat):
    return actions.create_push(
        office_user,
        title="2027年度城乡居民医保集中参保缴费开始啦",
        summary="集中缴费期为2026年9月1日至12月31日，请各单位转发提醒群众按时缴费。",
        deadline=DEADLINE,
        accounts=[edu_wechat, hrss_wechat],
        link_url="/xxgk/tzgg/2026-yibao-jiaofei/",
    )


def test_only_the_office_pushes(edu_editor, edu_wechat):
    with pytest.raises(PermissionDenied):
        actions.create_push(
            edu_editor, title="专项", summary="摘要", deadline=DEADLINE, accounts=[edu_wechat], link_url="/x/"
        )


def test_a_push_needs_its_parts(office_user, edu_wechat, now):
    edu_wechat.status = AccountStatus.CLOSED
    with pytest.raises(ValidationError) as exc:
        actions.create_push(
            office_user, title="", summary="", deadline=datetime.date(2026, 11, 26), accounts=[edu_wechat]
        )
    assert set(exc.value.message_dict) == {"title", "summary", "link_url", "deadline", "accounts"}
    assert exc.value.message_dict["deadline"] == ["截止日期不能早于今天。"]


def test_department_confirms_with_its_post_link(push, edu_editor, hrss_editor, edu_wechat, now):
    target = push.targets.get(account=edu_wechat)
    with pytest.raises(PermissionDenied):
        actions.confirm_push(hrss_editor, target, post_url="https://mp.weixin.qq.com/s/yibao")
    with pytest.raises(ValidationError) as exc:
        actions.confirm_push(edu_editor, target, post_url="已转发")
    assert exc.value.message_dict["post_url"] == ["请填写转发文章的链接（http:// 或 https:// 开头）。"]
    actions.confirm_push(edu_editor, target, post_url="https://mp.weixin.qq.com/s/yibao-jyj")
    target.refresh_from_db()
    assert target.confirmed_by == edu_editor and target.confirmed_at == NOW
    record = AuditRecord.objects.get(action="newmedia.push_confirm")
    assert record.after["post_url"] == "https://mp.weixin.qq.com/s/yibao-jyj"


@pytest.mark.parametrize(
    ("confirmed_at", "now_at", "expected"),
    [
        (None, datetime.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI), PushState.PENDING),
        (None, datetime.datetime(2026, 12, 2, 23, 59, tzinfo=SHANGHAI), PushState.PENDING),
        (None, datetime.datetime(2026, 12, 3, 0, 0, tzinfo=SHANGHAI), PushState.LATE),
        (
            datetime.datetime(2026, 12, 2, 23, 30, tzinfo=SHANGHAI),
            datetime.datetime(2026, 12, 9, tzinfo=SHANGHAI),
            PushState.CARRIED,
        ),
        # 2026-12-02 16:30 UTC is 12-03 00:30 in 恩施: one day late
        (
            datetime.datetime(2026, 12, 2, 16, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 12, 9, tzinfo=SHANGHAI),
            PushState.CARRIED_LATE,
        ),
    ],
)
def test_on_time_means_by_the_end_of_the_deadline_day_in_enshi(confirmed_at, now_at, expected):
    target = PushTarget(confirmed_at=confirmed_at)
    assert rules.push_target_state(target, DEADLINE, now_at) == expected


def test_the_push_page_shows_who_carried_it_and_who_is_late(
    client, push, office_user, edu_editor, edu_wechat, now
):
    actions.confirm_push(
        edu_editor, push.targets.get(account=edu_wechat), post_url="https://mp.weixin.qq.com/s/yb"
    )
    now.set(datetime.datetime(2026, 12, 3, 9, 0, tzinfo=SHANGHAI))
    client.force_login(office_user)
    html = client.get(f"/admin/newmedia/pushes/{push.pk}/").content.decode()
    assert "已转发 1 个" in html and "逾期未转发 1 个" in html
    assert "https://mp.weixin.qq.com/s/yb" in html
    listing = client.get("/admin/newmedia/pushes/").content.decode()
    assert "1 / 2" in listing and "已过期" in listing


def test_department_sees_and_confirms_only_its_own_targets(
    client, push, hrss_editor, edu_wechat, hrss_wechat
):
    client.force_login(hrss_editor)
    html = client.get(f"/admin/newmedia/pushes/{push.pk}/").content.decode()
    assert "恩施人社" in html and "恩施教育" not in html
    other = push.targets.get(account=edu_wechat)
    response = client.post(
        f"/admin/newmedia/pushes/{push.pk}/", {"target": other.pk, "post_url": "https://x.cn/a"}
    )
    assert response.status_code == 404
    mine = push.targets.get(account=hrss_wechat)
    response = client.post(
        f"/admin/newmedia/pushes/{push.pk}/", {"target": mine.pk, "post_url": "https://x.cn/b"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.post_url == "https://x.cn/b"


def test_the_office_creates_a_push_in_the_admin_with_a_working_day_deadline(
    client, office_user, edu_wechat, now
):
    client.force_login(office_user)
    form = client.get("/admin/newmedia/pushes/new/").content.decode()
    assert "恩施教育" in form
    response = client.post(
        "/admin/newmedia/pushes/new/",
        {
            "title": "《恩施市优化营商环境若干措施》政策解读",
            "summary": "一图读懂优化营商环境20条措施。",
            "link_url": "/xxgk/zcjd/yingshang/",
            "deadline": "2026-12-04",
            "accounts": [edu_wechat.pk],
        },
    )
    assert response.status_code == 302
    assert PushTarget.objects.get().account == edu_wechat


def test_a_push_links_a_disclosure_item(office_user, edu_wechat, now):
    """The government-information page type lives in another app; any Wagtail page can be linked."""
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Page

    call_command("demo", "--only", "portal", stdout=StringIO())
    item = Page.objects.get(slug="xxfb")
    push = actions.create_push(
        office_user,
        title="信息发布专栏上线",
        summary="请转发。",
        deadline=DEADLINE,
        accounts=[edu_wechat],
        page=item,
    )
    assert push.link == item.url == "/xxfb/"
