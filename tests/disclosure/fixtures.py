import datetime

import pytest
from wagtail.models import Page

from gongkai.core import roles
from gongkai.disclosure import setup
from gongkai.disclosure.models import GovInfoPage, Topic
from gongkai.portal.setup import ensure_home


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.GONGKAI_LINKCHECK_EXTERNAL = False


@pytest.fixture
def catalog(db, edu, hrss, office_dept):
    home = ensure_home()
    root = setup.ensure_root(home)
    return {
        "root": root,
        "edu": setup.ensure_department_catalog(root, edu),
        "hrss": setup.ensure_department_catalog(root, hrss),
    }


@pytest.fixture
def edu_reviewers(make_staff, edu):
    return {
        "section": make_staff(edu, roles.REVIEWER_SECTION, username="jyj_chushen"),
        "secrecy": make_staff(edu, roles.REVIEWER_SECRECY, username="jyj_baomi"),
        "leader": make_staff(edu, roles.REVIEWER_LEADER, username="jyj_leader"),
    }


@pytest.fixture
def topic(db):
    return Topic.objects.get(name="教育", parent__name="科技、教育")


@pytest.fixture
def make_draft(catalog, topic, edu):
    def make(
        user,
        title="恩施市教育局关于做好2026年秋季学期义务教育招生入学工作的通知",
        body=None,
        column=("fdzdgknr", "tzgg"),
        **fields,
    ):
        parent = setup.column(catalog["edu"], *column)
        fields.setdefault("genre", "通知")
        fields.setdefault("doc_number", "恩市教发〔2026〕12号")
        page = GovInfoPage(
            title=title,
            department=edu,
            topic=topic,
            written_date=datetime.date(2026, 11, 20),
            live=False,
            owner=user,
            body=body
            or "<p>各乡镇（街道）中心学校、市直各学校：现将2026年秋季学期义务教育招生入学有关事项通知如下。</p>",
            **fields,
        )
        parent.add_child(instance=page)
        page.save_revision(user=user)
        return GovInfoPage.objects.get(pk=page.pk)

    return make


def submit(page, user):
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)  # resubmission after changes were requested
    else:
        page.get_workflow().start(page, user)
    return GovInfoPage.objects.get(pk=page.pk)


def act(page, user, action="approve", **kwargs):
    page = GovInfoPage.objects.get(pk=page.pk)
    state = page.current_workflow_task_state
    task = state.task.specific
    assert action in [a[0] for a in task.get_actions(page, user)], (action, task.get_actions(page, user))
    task.on_action(state.specific, user, action, **kwargs)
    return GovInfoPage.objects.get(pk=page.pk)
