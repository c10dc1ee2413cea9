"""The staff screens: dashboard by state, registry, applications reviewed in the admin."""

import json

import pytest

from gongkai.newmedia.models import Account, Application, ApplicationState

from .test_one_account_rule import OPEN_CONDITIONS


def test_dashboard_groups_accounts_by_state(client, edu_wechat, hrss_wechat, post, office_user):
    post(edu_wechat, "恩施市学生资助政策问答", days_ago=2)
    post(hrss_wechat, "城乡居民养老保险缴费指南", days_ago=100)
    client.force_login(office_user)
    html = client.get("/admin/newmedia/").content.decode()
    assert "僵尸号：1 个" in html and "正常：1 个" in html and "红灯（两周未更新，单项否决）：0 个" in html
    assert html.index("恩施人社") < html.index("恩施教育")  # worst first
    assert "无有效互动功能" not in html
    hrss_wechat.has_interaction = False
    hrss_wechat.save()
    html = client.get("/admin/newmedia/").content.decode()
    assert "以下账号登记为无有效互动功能（国家检查单项否决）" in html


def test_the_menu_is_there_for_staff(client, office_user):
    client.force_login(office_user)
    html = client.get("/admin/").content.decode()
    # the sidebar is rendered from JSON, with Chinese labels \u-escaped
    assert json.dumps("政务新媒体")[1:-1] in html and "/admin/newmedia/pushes/" in html


def test_open_apply_and_approve_in_the_admin(client, edu_editor, office_user, edu):
    client.force_login(edu_editor)
    form = {
        "platform": "douyin",
        "name": "恩施教育",
        "operator": "谭雨欣",
        "filing_status": "not_filed",
        "has_interaction": "on",
        "reason": "发布招生入学、学生资助政策解读短视频。",
        "checklist": OPEN_CONDITIONS[:-1],
    }
    response = client.post("/admin/newmedia/applications/new/open/", form)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.proposal["has_interaction"] is True and application.proposal["certified"] is False
    # the department cannot decide; the office sees the missing condition
    response = client.post(f"/admin/newmedia/applications/{application.pk}/", {"decision": "approve"})
    assert Application.objects.get().state == ApplicationState.SUBMITTED
    client.force_login(office_user)
    page = client.get(f"/admin/newmedia/applications/{application.pk}/").content.decode()
    assert "未满足：</strong>账号密码与安全管理责任已落实" in page
    response = client.post(f"/admin/newmedia/applications/{application.pk}/", {"decision": "approve"})
    assert "以下条件尚未满足" in response.content.decode()
    response = client.post(
        f"/admin/newmedia/applications/{application.pk}/",
        {"decision": "reject", "note": "请落实账号安全管理责任后重新申请。"},
    )
    assert response.status_code == 302
    assert Application.objects.get().state == ApplicationState.REJECTED
    assert not Account.objects.exists()


def test_a_one_account_violation_shows_on_the_field(client, edu_wechat, edu_editor):
    client.force_login(edu_editor)
    response = client.post(
        "/admin/newmedia/applications/new/open/",
        {
            "platform": "wechat",
            "name": "恩施教育服务",
            "operator": "谭雨欣",
            "filing_status": "not_filed",
            "reason": "服务号",
        },
    )
    assert response.status_code == 200
    assert "确需另开的，须填写例外理由" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "url", ["/admin/newmedia/accounts/", "/admin/newmedia/posts/?flagged=1", "/admin/newmedia/applications/"]
)
def test_lists_render_for_the_office(client, office_user, edu_wechat, post, url):
    post(edu_wechat, "恩施市学生资助政策问答", days_ago=2)
    client.force_login(office_user)
    assert client.get(url).status_code == 200


def test_closing_notice_then_close_application_in_the_admin(client, edu_wechat, edu_editor):
    client.force_login(edu_editor)
    url = f"/admin/newmedia/accounts/{edu_wechat.pk}/"
    response = client.post(url, {"action": "notice", "notice_url": "https://mp.weixin.qq.com/s/tinggeng"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "提交关停申请" in page and "已备案" not in page and "未备案" in page
    response = client.post(
        f"/admin/newmedia/applications/new/close/?account={edu_wechat.pk}",
        {
            "reason": "整合至主账号。",
            "checklist": ["notice_published", "content_archived", "followers_guided", "filing"],
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().kind == "close"
