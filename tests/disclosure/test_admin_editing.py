"""The Wagtail admin of 政府信息 as staff click it: creating an item, copying it, review actions, and no way to
publish around the review chain. Every test drives the real admin URLs with the test client."""

import pytest

from gongkai.disclosure import setup
from gongkai.disclosure.models import GovInfoPage

from .admin_forms import errors_on, post_form, rich_text

TITLE = "恩施市教育局关于2026年寒假安全工作的通知"
BODY = "<p>各乡镇（街道）中心学校、市直各学校：寒假将至，现就做好学生假期安全工作通知如下。</p>"


def _new_item_fields(topic):
    return {
        "title": TITLE,
        "slug": TITLE,  # what the admin's script fills in from the title (Unicode slugs allowed)
        "topic": str(topic.pk),
        "genre": "通知",
        "doc_number": "恩市教发〔2026〕21号",
        "written_date": "2026-12-01",
        "summary": "部署2026年寒假学生安全工作。",
        "body": rich_text(BODY),
    }


def add_url(column):
    return f"/admin/pages/add/disclosure/govinfopage/{column.pk}/"


@pytest.fixture
def notice_column(catalog):
    return setup.column(catalog["edu"], "fdzdgknr", "tzgg")


@pytest.mark.parametrize("who", ["edu_editor", "office_user"])
@pytest.mark.parametrize("button", [None, "action-submit"])
def test_staff_create_an_item_in_the_departments_column(
    request, client, notice_column, topic, edu, edu_reviewers, who, button
):
    """保存草稿 or 提交 a new 政府信息 in 教育局's 通知公告: saved, owned by 教育局, nothing typed lost."""
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = post_form(client, add_url(notice_column), _new_item_fields(topic), action=button)
    assert response.status_code == 302, (
        errors_on(response),
        response.context and response.context["form"].errors,
    )
    page = GovInfoPage.objects.get(title=TITLE)
    assert page.department == edu and page.kept_by == "恩施市教育局" and page.source == "恩施市教育局"
    assert page.column_kind == "notice" and not page.live and not page.index_no
    assert page.slug.startswith("t2") and page.slug.isascii()
    draft = page.get_latest_revision_as_object()
    assert draft.doc_number == "恩市教发〔2026〕21号" and "寒假将至" in draft.body
    assert draft.department == edu
    if button == "action-submit":
        assert page.current_workflow_task.name == "初审（科室负责人）"
    else:
        assert page.current_workflow_state is None
    # the edit screen opens on what was typed
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200 and "恩市教发〔2026〕21号" in edit.content.decode()


def test_a_draft_with_invalid_dates_is_refused_with_a_chinese_error(client, notice_column, topic, edu_editor):
    client.force_login(edu_editor)
    fields = _new_item_fields(topic) | {"written_date": "2099-01-01"}
    response = post_form(client, add_url(notice_column), fields)
    assert response.status_code == 200
    assert "成文日期不能晚于今天" in response.content.decode()
    assert not GovInfoPage.objects.filter(title=TITLE).exists()
