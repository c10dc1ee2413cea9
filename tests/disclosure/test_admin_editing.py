"""The Wagtail admin of 政府信息 as staff click it: creating an item, copying it, review actions, and no way to
publish around the review chain. Every test drives the real admin URLs with the test client."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import roles
from gongkai.disclosure import setup
from gongkai.disclosure.models import GovInfoPage

from .admin_forms import errors_on, form_values, post_form, rich_text

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


# --- 复制 and every way of publishing around the review chain -------------------------------------------------------

from gongkai.core.models import AuditRecord  # noqa: E402
from gongkai.disclosure.models import PublicationRecord  # noqa: E402

from .fixtures import act, submit  # noqa: E402


@pytest.fixture
def published_item(make_draft, edu_editor, edu_reviewers):
    page = submit(make_draft(edu_editor), edu_editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, edu_reviewers[step])
    assert page.live and page.index_no
    return page


def sign_in(client, user):
    """Signed in as the browser would be after the password and, for administrators, the second factor."""
    from gongkai.accounts.signin import SESSION_VERIFIED

    client.force_login(user)
    session = client.session
    session[SESSION_VERIFIED] = user.pk
    session.save()


def _copy(client, page, **changes):
    fields = {
        "new_title": "恩施市教育局关于做好2027年春季学期义务教育招生入学工作的通知",
        "new_slug": "chunji2027",
        "new_parent_page": str(page.get_parent().pk),
    } | changes
    return client.post(f"/admin/pages/{page.pk}/copy/", fields)


def test_a_copy_is_a_new_draft_of_the_copier_with_its_own_index_number(
    client, published_item, edu_reviewers, make_staff, edu
):
    other_editor = make_staff(edu, "信息员", username="jyj_editor2")
    client.force_login(other_editor)
    response = _copy(client, published_item)
    assert response.status_code == 302
    copy = GovInfoPage.objects.exclude(pk=published_item.pk).get()
    assert not copy.live and copy.index_no == "" and copy.published_date is None
    assert copy.owner == other_editor and copy.first_published_at is None
    draft = copy.get_latest_revision_as_object()
    assert draft.index_no == "" and draft.published_date is None
    edit = client.get(f"/admin/pages/{copy.pk}/edit/").content.decode()
    assert "首次发布时生成" in edit and published_item.index_no not in edit
    # reviewed like any item: a new 索引号, today's 发布日期, made by the one who copied
    copy = submit(copy, other_editor)
    for step in ("section", "secrecy", "leader"):
        copy = act(copy, edu_reviewers[step])
    assert copy.live and copy.index_no and copy.index_no != published_item.index_no
    assert copy.published_date >= copy.written_date
    record = PublicationRecord.objects.get(page=copy)
    assert "jyj_editor2" in record.produced_by
    assert AuditRecord.objects.filter(action="disclosure.publish", object_id=str(copy.pk)).exists()
    assert not AuditRecord.objects.filter(action="disclosure.republish").exists()


@pytest.mark.parametrize("who", ["office_user", "superuser", "dept_sysadmin"])
def test_nobody_publishes_a_copy_without_review(request, client, published_item, who, edu, django_user_model):
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", password="Test@2026gongkai")
    elif who == "dept_sysadmin":
        # a system administrator who tries to put himself into 教育局's staff group: 三员分立 refuses it on every
        # path (tests/org/test_raw_user_screens.py), and without it he has no copy or publish right either
        user = request.getfixturevalue("make_staff")(None, "系统管理员", username="sysadmin")
        with pytest.raises(ValidationError, match="三员分立"), transaction.atomic():
            user.groups.add(edu.staff_group())
    else:
        user = request.getfixturevalue(who)
    sign_in(client, user)
    form = client.get(f"/admin/pages/{published_item.pk}/copy/")
    if who == "dept_sysadmin":
        assert form.status_code == 302  # no right to copy at all
    else:
        assert form.status_code == 200
        html = form.content.decode()
        assert 'name="publish_copies"' not in html and 'name="alias"' not in html
    _copy(client, published_item, publish_copies="on")
    _copy(client, published_item, new_slug="alias2027", alias="on")
    assert not GovInfoPage.objects.exclude(pk=published_item.pk).filter(live=True).exists()
    assert not GovInfoPage.objects.exclude(pk=published_item.pk).filter(alias_of__isnull=False).exists()
    assert not AuditRecord.objects.filter(action="disclosure.republish").exists()
    assert PublicationRecord.objects.count() == 1


@pytest.mark.parametrize("who", ["office_user", "superuser"])
def test_no_publish_button_create_bulk_or_revert_publishes_an_item(
    request, client, notice_column, topic, make_draft, edu_editor, who, django_user_model
):
    if who == "superuser":
        user = django_user_model.objects.create_superuser("root", password="Test@2026gongkai")
    else:
        user = request.getfixturevalue(who)
    sign_in(client, user)
    # 新建 then 发布
    create = client.get(add_url(notice_column)).content.decode()
    assert 'name="action-publish"' not in create
    post_form(client, add_url(notice_column), _new_item_fields(topic), action="action-publish")
    # 发布 on the edit screen, and on an old revision (回退 then 发布)
    draft = make_draft(edu_editor)
    edit = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit
    post_form(client, f"/admin/pages/{draft.pk}/edit/", {}, action="action-publish")
    first = draft.revisions.order_by("created_at").first()
    revert = client.get(f"/admin/pages/{draft.pk}/revisions/{first.pk}/revert/")
    assert revert.status_code == 200
    data = form_values(revert.content.decode())
    client.post(f"/admin/pages/{draft.pk}/edit/", data | {"action-publish": "1"})
    # 批量发布
    client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}&next=/admin/pages/{notice_column.pk}/",
        {"include_descendants": ""},
    )
    # 定时发布: a go-live time set with the publish button
    post_form(
        client,
        f"/admin/pages/{draft.pk}/edit/",
        {"go_live_at": "2026-12-31 09:00"},
        action="action-publish",
    )
    assert not GovInfoPage.objects.filter(live=True).exists()
    assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert PublicationRecord.objects.count() == 0


# --- review as the reviewers click it ------------------------------------------------------------------------------

REASON = "文号有误，应为恩市教发〔2026〕22号，请核对后重新报送"


def _workflow_action(client, page, action, comment=None):
    page = GovInfoPage.objects.get(pk=page.pk)
    state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/"
    data = {} if comment is None else {"comment": comment}
    return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def test_editor_path_reject_with_reason_resubmit_one_approval_per_step_then_just_published(
    client, notice_column, topic, edu, edu_editor, edu_reviewers
):
    editor, reviewers = edu_editor, edu_reviewers
    sign_in(client, editor)
    assert (
        post_form(client, add_url(notice_column), _new_item_fields(topic), action="action-submit").status_code
        == 302
    )
    page = GovInfoPage.objects.get(title=TITLE)

    sign_in(client, reviewers["section"])
    # 退回修改 without a reason is refused, in Chinese, and nothing changes
    refused = _workflow_action(client, page, "reject", comment="")
    assert refused.json()["step"] == "action" and "请填写退回修改的理由" in refused.json()["html"]
    assert GovInfoPage.objects.get(pk=page.pk).current_workflow_task.name == "初审（科室负责人）"
    _workflow_action(client, page, "reject", comment=REASON)
    assert GovInfoPage.objects.get(pk=page.pk).current_workflow_state.status == "needs_changes"

    # the editor sees why on the edit screen itself
    sign_in(client, editor)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    edit = client.get(edit_url).content.decode()
    assert REASON in edit and "退回修改" in edit
    resubmitted = post_form(client, edit_url, {"doc_number": "恩市教发〔2026〕22号"}, action="action-submit")
    assert resubmitted.status_code == 302, errors_on(resubmitted)

    # one approval per step: 初审 once, then 保密审查, then 终审 — and the item is just 已发布
    for step, next_task in (("section", "保密审查"), ("secrecy", "终审（分管领导）"), ("leader", None)):
        sign_in(client, reviewers[step])
        response = _workflow_action(client, page, "approve", comment="")
        assert response.status_code in (200, 302), response.content.decode()[:500]
        page = GovInfoPage.objects.get(pk=page.pk)
        if next_task:
            assert page.current_workflow_task and page.current_workflow_task.name == next_task
    assert page.live and page.index_no.startswith("11422801000010372M/2026-")
    assert page.doc_number == "恩市教发〔2026〕22号"
    assert not page.has_unpublished_changes and page.live_revision_id == page.latest_revision_id
    sign_in(client, editor)
    from bs4 import BeautifulSoup

    listing = BeautifulSoup(client.get(f"/admin/pages/{notice_column.pk}/").content.decode(), "html.parser")
    row = next(tr for tr in listing.select("tbody tr") if TITLE in tr.get_text())
    status = " ".join(s.get_text(" ", strip=True) for s in row.select(".w-status"))
    assert status and "草稿" not in status, status  # Wagtail says 在用 (live), no 草稿 beside it


def test_the_policy_picker_offers_only_published_policy_documents_of_the_site(
    client, make_draft, notice_column, edu_editor, edu_reviewers
):
    def publish(page):
        page = submit(page, edu_editor)
        for step in ("section", "secrecy", "leader"):
            page = act(page, edu_reviewers[step])
        return page

    policy = publish(
        make_draft(
            edu_editor,
            title="恩施市义务教育阶段学校招生入学管理办法",
            doc_level="normative",
            column=("fdzdgknr", "zcwj"),
        )
    )
    news = publish(make_draft(edu_editor, title="市教育局召开校园安全工作会议", genre="动态"))
    unpublished = make_draft(
        edu_editor, title="恩施市中小学课后服务管理办法（征求意见稿）", doc_level="normative"
    )
    interpretation = make_draft(
        edu_editor, title="《恩施市义务教育阶段学校招生入学管理办法》政策解读", genre="解读"
    )
    client.force_login(edu_editor)
    from bs4 import BeautifulSoup

    html = client.get(f"/admin/pages/{interpretation.pk}/edit/").content.decode()
    offered = {
        o.get_text(strip=True) for o in BeautifulSoup(html, "html.parser").select("[name=policies] option")
    }
    assert policy.title in offered
    assert (
        news.title not in offered and unpublished.title not in offered and interpretation.title not in offered
    )


def test_the_policy_search_finds_published_policies_of_the_own_site_by_title_or_document_number(
    client, make_draft, edu_editor, hrss, make_staff
):
    """The picker's search (所解读的政策文件): part of a title or of a 文号 finds the site's published 规章 and 行政规范性
    文件; drafts, other kinds of item and another site's policies are not offered."""
    from wagtail.models import Site

    def publish(page):
        page.save_revision(user=edu_editor).publish(skip_permission_checks=True)
        return GovInfoPage.objects.get(pk=page.pk)

    admission = publish(
        make_draft(
            edu_editor,
            title="恩施市义务教育阶段学校招生入学管理办法",
            doc_level="normative",
            doc_number="恩市教规〔2026〕3号",
        )
    )
    publish(
        make_draft(
            edu_editor, title="恩施市教育局关于招生入学工作会议的通知", doc_number="恩市教发〔2026〕30号"
        )
    )
    make_draft(edu_editor, title="恩施市中小学招生入学实施细则（征求意见稿）", doc_level="normative")
    town = publish(
        make_draft(
            edu_editor,
            title="龙凤镇义务教育招生入学管理办法",
            doc_level="normative",
            doc_number="龙政规〔2026〕1号",
        )
    )
    town_site = Site.objects.create(
        hostname="lfz.enshi.example", port=80, root_page=Site.objects.first().root_page
    )
    hrss.site = town_site
    hrss.save()
    GovInfoPage.objects.filter(pk=town.pk).update(department=hrss)

    def found(user, q):
        client.force_login(user)
        response = client.get("/admin/disclosure/policies/search/", {"q": q})
        assert response.status_code == 200
        return [row["title"] for row in response.json()["results"]]

    assert found(edu_editor, "招生入学") == [admission.title]
    assert found(edu_editor, "教规〔2026〕3") == [admission.title]
    assert found(edu_editor, "") == []
    # the town's own staff find the town's policy, not the city's
    town_editor = make_staff(hrss, roles.EDITOR, username="lfz_editor")
    assert found(town_editor, "招生入学") == ["龙凤镇义务教育招生入学管理办法"]
    # the edit screen of an interpretation carries the search, and the plain list stays the field that is sent
    interpretation = make_draft(
        edu_editor, title="《恩施市义务教育阶段学校招生入学管理办法》解读", genre="解读"
    )
    client.force_login(edu_editor)
    html = client.get(f"/admin/pages/{interpretation.pk}/edit/").content.decode()
    assert 'data-policy-search="/admin/disclosure/policies/search/"' in html
    assert "/static/disclosure/admin/policy-picker." in html
