"""先审查后发布: who can do what at each step, per department, and the responsibility recorded."""

import re

import pytest
from django.utils import timezone

from gongkai.core import roles
from gongkai.core.models import AuditRecord
from gongkai.disclosure.models import GovInfoPage, PublicationRecord

from .fixtures import act, submit

INDEX_RE = re.compile(r"^11422801000010372M/2026-\d{5}$")


def test_three_steps_in_order_then_published_with_index_number(make_draft, edu_editor, edu_reviewers):
    page = make_draft(edu_editor)
    page = submit(page, edu_editor)
    assert page.current_workflow_task.name == "初审（科室负责人）"
    # the secrecy reviewer cannot act before the section head
    assert page.current_workflow_task.specific.get_actions(page, edu_reviewers["secrecy"]) == []
    page = act(page, edu_reviewers["section"])
    assert page.current_workflow_task.name == "保密审查"
    page = act(page, edu_reviewers["secrecy"])
    assert page.current_workflow_task.name == "终审（分管领导）" and not page.live
    page = act(page, edu_reviewers["leader"], comment="同意发布")
    assert page.live
    assert INDEX_RE.match(page.index_no)
    assert page.published_date == timezone.localdate()
    record = PublicationRecord.objects.get(page=page)
    assert [a["step"] for a in record.approvals] == ["初审（科室负责人）", "保密审查", "终审（分管领导）"]
    assert record.approvals[2]["comment"] == "同意发布"
    assert "jyj_editor" in record.produced_by and "jyj_leader" in record.published_by
    assert record.kept_by == "恩施市教育局"
    actions = list(
        AuditRecord.objects.filter(object_type="disclosure.govinfopage", object_id=str(page.pk)).values_list(
            "action", flat=True
        )
    )
    # Wagtail announces the last step's approval after the publication it triggered
    assert actions[0] == "disclosure.submit"
    assert sorted(actions[1:]) == ["disclosure.publish"] + ["disclosure.review_approve"] * 3


def test_editor_cannot_publish_and_nobody_publishes_an_item_by_button(
    make_draft, edu_editor, edu_reviewers, office_user
):
    page = make_draft(edu_editor)
    for user in (edu_editor, edu_reviewers["leader"], office_user):
        tester = page.permissions_for_user(user)
        assert not tester.can_publish()
        assert not tester.can_unpublish()
    assert page.permissions_for_user(edu_editor).can_edit()
    assert page.permissions_for_user(edu_editor).can_submit_for_moderation()


def test_editor_publish_post_through_the_admin_does_not_publish(client, make_draft, edu_editor):
    page = make_draft(edu_editor)
    client.force_login(edu_editor)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "action-publish" not in edit.content.decode()
    client.post(
        f"/admin/pages/{page.pk}/edit/", {"title": page.title, "slug": page.slug, "action-publish": "1"}
    )
    assert not GovInfoPage.objects.get(pk=page.pk).live


def test_another_departments_staff_cannot_see_or_touch_a_draft(
    client, make_draft, edu_editor, hrss_editor, make_staff, hrss, edu_reviewers
):
    page = make_draft(edu_editor)
    page = submit(page, edu_editor)
    hrss_section = make_staff(hrss, roles.REVIEWER_SECTION)
    task = page.current_workflow_task.specific
    assert task.get_actions(page, hrss_section) == []
    assert not task.get_task_states_user_can_moderate(hrss_section).exists()
    assert task.get_task_states_user_can_moderate(edu_reviewers["section"]).count() == 1
    assert not page.permissions_for_user(hrss_editor).can_edit()
    client.force_login(hrss_editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/")
    assert page.title not in listing.content.decode()
    search = client.get("/admin/pages/search/", {"q": "秋季学期"})
    assert page.title not in search.content.decode()


def test_reject_with_reason_and_resubmission_re_enters_the_workflow(make_draft, edu_editor, edu_reviewers):
    page = submit(make_draft(edu_editor), edu_editor)
    page = act(page, edu_reviewers["section"], "reject", comment="文号有误，请核对后重新报送")
    assert page.current_workflow_task is None and not page.live
    assert AuditRecord.objects.filter(
        action="disclosure.review_reject", note="文号有误，请核对后重新报送"
    ).exists()
    page.doc_number = "恩市教发〔2026〕13号"
    page.save_revision(user=edu_editor)
    page = submit(page, edu_editor)
    assert page.current_workflow_task.name == "初审（科室负责人）"


def test_a_blocking_finding_needs_a_written_override(make_draft, edu_editor, edu_reviewers):
    body = "<p>经审核，同意张三（身份证号420106199001011231，电话13907181234）的入学申请。</p>"
    page = submit(make_draft(edu_editor, body=body), edu_editor)
    actions = [a[0] for a in page.current_workflow_task.specific.get_actions(page, edu_reviewers["section"])]
    assert actions == ["reject", "override"]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        act(page, edu_reviewers["section"], "override", comment="同意")
    page = act(
        page, edu_reviewers["section"], "override", comment="该公示经本人书面同意公开身份信息，依法可以公开"
    )
    assert page.current_workflow_task.name == "保密审查"
    rec = AuditRecord.objects.get(action="disclosure.override_precheck")
    assert "书面同意" in rec.note
    assert "420106199001011231" not in str(rec.before)


def test_reviewer_of_the_same_role_in_the_office_cannot_review_a_department_item(
    make_draft, edu_editor, office_user
):
    page = submit(make_draft(edu_editor), edu_editor)
    assert page.current_workflow_task.specific.get_actions(page, office_user) == []


def test_the_returned_panel_names_the_button_the_editor_presses(
    client, make_draft, edu_editor, edu_reviewers
):
    page = submit(make_draft(edu_editor), edu_editor)
    act(page, edu_reviewers["section"], "reject", comment="成文日期与文号不符，请核对后重新报送")
    client.force_login(edu_editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    panel = html[html.index('aria-label="退回修改意见"') :]
    panel = panel[: panel.index("</section>")]
    assert "成文日期与文号不符，请核对后重新报送" in panel
    pressed = re.search(r"点击“([^”]+)”重新报送", panel)[1]
    assert pressed == "重新提交给初审（科室负责人）"
    assert re.search(r'name="action-submit"[^>]*>\s*(<[^>]+>\s*)*' + re.escape(pressed), html), (
        "no such button"
    )


def test_the_item_editor_does_not_autosave_behind_the_editors_submit(client, make_draft, edu_editor):
    """An autosave racing 提交 on the create screen could store the new item twice."""
    column = make_draft(edu_editor).get_parent()
    client.force_login(edu_editor)
    html = client.get(f"/admin/pages/add/disclosure/govinfopage/{column.pk}/").content.decode()
    assert "data-edit-form" in html and "data-w-autosave-interval-value" not in html


def test_publishing_over_an_unresolved_block_is_a_state_refusal_409_not_a_permission_403(
    make_draft, edu_editor, edu_reviewers
):
    """The last approval reaches `workflow.publish_approved`; if a blocking finding is still unresolved then (the
    newest revision carries an ID number nobody has let through), the publication is refused because of the item's
    state — the leader may publish, this revision may not yet: the house's 409 `Refused`, not a 403."""
    from django.core.exceptions import PermissionDenied

    from gongkai.core.refusals import Refused
    from gongkai.disclosure.precheck import run_precheck
    from gongkai.disclosure.workflow import publish_approved

    page = submit(make_draft(edu_editor), edu_editor)
    for step in ("section", "secrecy"):
        page = act(page, edu_reviewers[step])
    page.body = "<p>经审核，同意张三（身份证号420106199001011231）的入学申请。</p>"
    revision = page.save_revision(user=edu_editor)
    run_precheck(page, revision)
    with pytest.raises(Refused) as refused:
        publish_approved(page.current_workflow_state, user=edu_reviewers["leader"])
    assert refused.value.status == 409 and not isinstance(refused.value, PermissionDenied)
    assert "未处理的阻断项" in refused.value.message
    assert not GovInfoPage.objects.get(pk=page.pk).live
