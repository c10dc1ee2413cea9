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
