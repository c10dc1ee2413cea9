"""Department isolation in the query layer: department staff see their own accounts, posts, applications and
push targets; the office sees all."""

import pytest

from gongkai.newmedia import actions
from gongkai.newmedia.models import Account, Application, Post, PushTarget

from .test_one_account_rule import open_application


@pytest.fixture
def world(edu_wechat, hrss_wechat, post, edu_editor, hrss_editor, office_user, edu, hrss, now):
    post(edu_wechat, "2026年恩施市城区义务教育招生入学公告", 1)
    post(hrss_wechat, "城乡居民养老保险缴费指南", 2)
    open_application(edu_editor, edu, "恩施教育", platform="douyin")
    open_application(hrss_editor, hrss, "恩施人社", platform="douyin")
    actions.create_push(
        office_user,
        title="专项",
        summary="摘要",
        deadline=now().date(),
        accounts=[edu_wechat, hrss_wechat],
        link_url="/x/",
    )


@pytest.mark.parametrize("model", [Account, Post, Application, PushTarget])
def test_for_user(world, model, edu_editor, hrss_editor, office_user, edu, hrss, auditor):
    def departments(user):
        field = "department" if model in (Account, Application) else "account__department"
        return set(model.objects.for_user(user).values_list(field + "__name", flat=True))

    assert departments(edu_editor) == {edu.name}
    assert departments(hrss_editor) == {hrss.name}
    assert departments(office_user) == {edu.name, hrss.name}
    assert departments(auditor) == set()


def test_admin_screens_show_only_the_own_department(client, world, edu_editor, hrss_wechat):
    client.force_login(edu_editor)
    for url in (
        "/admin/newmedia/",
        "/admin/newmedia/accounts/",
        "/admin/newmedia/posts/",
        "/admin/newmedia/applications/",
    ):
        html = client.get(url).content.decode()
        assert "恩施人社" not in html and "养老保险" not in html, url
    assert client.get(f"/admin/newmedia/accounts/{hrss_wechat.pk}/").status_code == 404


def test_staff_without_a_department_are_kept_out(client, world, auditor):
    client.force_login(auditor)
    assert client.get("/admin/newmedia/").status_code in (302, 403)
