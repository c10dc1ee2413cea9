"""Visual step-by-step guides (F14): drafted by a department, published only through the review workflow."""

import pytest
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType

from gongkai.demo.services import ensure_guide_workflow
from gongkai.services.models import Guide, GuideStep


@pytest.fixture
def workflow(db):
    ensure_guide_workflow()
    return Workflow.objects.get(name="操作指引审核")


def draft_guide(edu, editor):
    guide = Guide(title="教师资格认定网上申请指引", department=edu, live=False, intro="三步完成网上申请。")
    guide.steps.add(GuideStep(title="打开办理入口", text="打开“鄂汇办”App。", sort_order=0))
    guide.steps.add(
        GuideStep(title="填写申请", text="按提示填写并上传材料。", bring="居民身份证、学历证书", sort_order=1)
    )
    guide.save()
    guide.save_revision(user=editor)
    return guide


def test_the_demo_assigns_the_review_workflow_to_guides(workflow):
    assert WorkflowContentType.objects.get(workflow=workflow).content_type.model == "guide"
    task = GroupApprovalTask.objects.get(name="政务公开办审核")
    assert [g.name for g in task.groups.all()] == ["政务公开办"]


def test_a_guide_goes_live_only_when_the_office_approves(client, workflow, edu, edu_editor, office_user):
    guide = draft_guide(edu, edu_editor)
    assert client.get(guide.get_absolute_url()).status_code == 404
    state = workflow.start(guide, edu_editor)
    task_state = state.current_task_state
    assert task_state.task.specific.get_actions(guide, edu_editor) == []  # the author cannot approve
    assert [a[0] for a in task_state.task.specific.get_actions(guide, office_user)][:2] == [
        "reject",
        "approve",
    ]
    task_state.task.specific.on_action(task_state, office_user, "approve")
    guide.refresh_from_db()
    assert guide.live
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "第 1 步" in page and "第 2 步" in page and "居民身份证、学历证书" in page
    assert "data-stepper" in page and "打印指引" in page


def test_guide_page_works_without_javascript_and_is_ordered(client, workflow, edu, edu_editor, office_user):
    guide = draft_guide(edu, edu_editor)
    state = workflow.start(guide, edu_editor)
    state.current_task_state.task.specific.on_action(state.current_task_state, office_user, "approve")
    body = client.get(guide.get_absolute_url()).content.decode()
    # all steps are in the HTML as an ordered list; the stepper controls are hidden until the script runs
    assert body.index("打开办理入口") < body.index("填写申请")
    assert '<ol class="guide-steps">' in body and "hidden data-controls" in body
