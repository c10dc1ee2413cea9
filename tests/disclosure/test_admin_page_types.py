"""栏目 are the office's to define: in a column a department's editor may add 政府信息 only, through the admin's own
新建页面 screens, while the office still adds sub-columns."""

import pytest

from gongkai.disclosure import setup
from gongkai.disclosure.models import ColumnPage


@pytest.fixture
def notice_column(catalog):
    return setup.column(catalog["edu"], "fdzdgknr", "tzgg")


def new_column(column):
    return f"/admin/pages/add/disclosure/columnpage/{column.pk}/"


def test_an_editor_is_offered_government_information_only(client, notice_column, edu_editor):
    client.force_login(edu_editor)
    html = client.get(f"/admin/pages/{notice_column.pk}/add_subpage/").content.decode()
    assert "/admin/pages/add/disclosure/govinfopage/" in html
    assert new_column(notice_column) not in html


def test_an_editor_who_opens_the_new_column_form_is_refused_and_nothing_is_stored(
    client, notice_column, edu_editor
):
    client.force_login(edu_editor)
    response = client.get(new_column(notice_column), follow=True)
    assert "栏目由政务公开办设置" in response.content.decode()
    # what the office's form would post: refused all the same
    response = client.post(
        new_column(notice_column),
        {"title": "寒假安全专栏", "slug": "hjaq", "kind": "other", "action-publish": "1"},
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{notice_column.pk}/"
    assert not ColumnPage.objects.filter(title="寒假安全专栏").exists()


def test_the_office_still_adds_a_sub_column(client, notice_column, office_user):
    client.force_login(office_user)
    html = client.get(f"/admin/pages/{notice_column.pk}/add_subpage/").content.decode()
    assert new_column(notice_column) in html
    assert client.get(new_column(notice_column)).status_code == 200


# --- 复制 / 移动: the catalog's shape stays the office's -------------------------------------------------------------
def copy_url(page):
    return f"/admin/pages/{page.pk}/copy/"


def move_url(page, destination=None):
    return f"/admin/pages/{page.pk}/move/" + (f"{destination.pk}/confirm/" if destination else "")


@pytest.fixture
def policy_column(catalog):
    return setup.column(catalog["edu"], "fdzdgknr", "zcwj")


def test_an_editor_is_not_offered_copy_or_move_of_a_column(client, notice_column, edu_editor):
    client.force_login(edu_editor)
    # the listing of the column's parent (its row's action menu) and the column's own screen (its header menu)
    for explored in (notice_column.get_parent(), notice_column):
        response = client.get(f"/admin/pages/{explored.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert copy_url(notice_column) not in html and move_url(notice_column) not in html, explored


def test_an_editor_who_opens_copy_or_move_of_a_column_is_refused_and_nothing_changes(
    client, notice_column, policy_column, edu_editor
):
    client.force_login(edu_editor)
    columns = ColumnPage.objects.count()
    for url in (copy_url(notice_column), move_url(notice_column), move_url(notice_column, policy_column)):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"] != url
    # what the office's forms would post: refused all the same
    client.post(
        copy_url(notice_column),
        {
            "new_title": "通知公告（副本）",
            "new_slug": "tzgg-fb",
            "new_parent_page": notice_column.get_parent().pk,
            "copy_subpages": "on",
        },
    )
    client.post(move_url(notice_column, policy_column))
    assert ColumnPage.objects.count() == columns
    assert ColumnPage.objects.get(pk=notice_column.pk).get_parent().pk == notice_column.get_parent().pk


def test_the_move_confirmation_refuses_with_the_reason(client, notice_column, policy_column, edu_editor):
    # Wagtail's confirmation screen checks no permission of its own before showing its form or moving
    client.force_login(edu_editor)
    for response in (
        client.get(move_url(notice_column, policy_column), follow=True),
        client.post(move_url(notice_column, policy_column), follow=True),
    ):
        assert "栏目由政务公开办设置，部门工作人员不能复制或移动栏目。" in response.content.decode()
    assert ColumnPage.objects.get(pk=notice_column.pk).get_parent().pk == notice_column.get_parent().pk


def test_the_office_still_copies_and_moves_a_column(client, notice_column, policy_column, office_user):
    client.force_login(office_user)
    html = client.get(f"/admin/pages/{notice_column.get_parent().pk}/").content.decode()
    assert copy_url(notice_column) in html and move_url(notice_column) in html
    assert client.get(copy_url(notice_column)).status_code == 200
    assert client.get(move_url(notice_column)).status_code == 200
    response = client.post(move_url(notice_column, policy_column))
    assert response.status_code == 302
    assert ColumnPage.objects.get(pk=notice_column.pk).get_parent().pk == policy_column.pk
