"""FOI's state machine is one table (`rules.TRANSITIONS`, issue 16 item 5): the actions refuse exactly where the table
says, and the workbench offers exactly what it offered before the table existed."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.foi import actions, rules
from gongkai.foi.admin_views import STAFF_ACTIONS, available_actions
from gongkai.foi.models import Application, ReleasedFile, Remedy

from .conftest import person_payload, shanghai

TOPICS = {
    "submitted": "请公开恩施市2026年义务教育阶段学校招生划片范围图。",
    "received": "请公开恩施市2026年城区中小学新建校舍的立项批复文件。",
    "correction": "请公开恩施市2026年学前教育普惠性幼儿园奖补资金分配表。",
    "assigned": "请公开恩施市2026年农村义务教育学生营养改善计划的供餐企业名单。",
    "assigned_after_correction": "请公开恩施市2026年教师招聘的岗位计划表及资格复审名单。",
    "consultation": "请公开恩施市2026年民办学校年检结果及相关整改通知。",
    "fee": "请公开恩施市2025年至2026年全部校车采购合同及验收报告。",
    "replied": "请公开恩施市2026年中考体育考试评分细则。",
    "approved": "请公开恩施市2026年教育系统“双减”专项督查通报。",
    "closed": "请公开恩施市2026年城区学校学位预警情况说明。",
    "closed_marked": "请公开恩施市2026年中小学课后服务收费标准的批复文件。",
}


@pytest.fixture
def every_status(submit_case, office_user, edu, edu_editor):
    """One case of the education bureau in each status, built through the action functions (Monday 2026-11-09)."""
    clock = iter(shanghai(2026, 11, 9, 8, minute) for minute in range(0, 60))
    cases = {}
    for key, text in TOPICS.items():
        app = submit_case(person_payload(description=text), at=next(clock))
        if key != "submitted":
            app = actions.confirm_receipt(office_user, app, at=next(clock))
        if key not in ("submitted", "received"):
            app = actions.assign(office_user, app, edu, at=next(clock))
        if key in ("correction", "assigned_after_correction"):
            app = actions.request_correction(office_user, app, items="请写明所需合同的年份", at=next(clock))
        if key == "assigned_after_correction":
            app = actions.receive_correction(office_user, app, text="2025年和2026年", at=next(clock))
        if key == "consultation":
            app = actions.start_consultation(edu_editor, app, party="恩施市明德学校", at=next(clock))
        if key == "fee":
            app = actions.issue_fee_notice(office_user, app, method="pages", pages=45, at=next(clock))
        if key in ("replied", "approved", "closed", "closed_marked"):
            app = actions.department_reply(
                edu_editor, app, outcome="disclosed", reply_text="相关文件见附件。", at=next(clock)
            )
        if key in ("approved", "closed", "closed_marked"):
            app = actions.review(office_user, app, approve=True, secrecy_checked=True, at=next(clock))
        if key in ("closed", "closed_marked"):
            app = actions.deliver(
                office_user, app, method="email", proof="已发送至申请人邮箱", at=next(clock)
            )
        if key == "closed_marked":
            app = actions.mark_for_proactive_disclosure(
                office_user, app, reason="同类申请较多，转为主动公开", at=next(clock)
            )
        cases[key] = Application.objects.get(pk=app.pk)
    return cases


# What the workbench offered each kind of user, in each state, before the table existed (computed from the hand-written
# `available_actions` of commit d070de8 and pinned here): the table must reproduce it exactly.
OFFERED = {
    "office": {
        "submitted": ["confirm"],
        "received": ["correction", "assign", "reply"],
        "correction": ["correction_received", "close_lapsed"],
        "assigned": ["correction", "transfer", "fee", "consult", "reply"],
        "assigned_after_correction": ["transfer", "fee", "consult", "reply"],
        "consultation": ["consult", "consult_answer"],
        "fee": ["paid", "close_lapsed"],
        "replied": ["transfer", "fee", "review"],
        "approved": ["deliver", "proactive"],
        "closed": ["proactive", "remedy"],
        "closed_marked": ["remedy"],
    },
    "head": {
        "submitted": ["confirm"],
        "received": ["correction", "assign", "reply", "extension"],
        "correction": ["correction_received", "close_lapsed", "extension"],
        "assigned": ["correction", "transfer", "fee", "consult", "reply", "extension"],
        "assigned_after_correction": ["transfer", "fee", "consult", "reply", "extension"],
        "consultation": ["consult", "consult_answer", "extension"],
        "fee": ["paid", "close_lapsed", "extension"],
        "replied": ["transfer", "fee", "review", "extension"],
        "approved": ["deliver", "proactive", "extension"],
        "closed": ["proactive", "remedy"],
        "closed_marked": ["remedy"],
    },
    "superuser": {
        "submitted": ["confirm"],
        "received": ["correction", "assign", "reply", "extension"],
        "correction": ["correction_received", "close_lapsed", "extension"],
        "assigned": ["correction", "transfer", "fee", "consult", "reply", "extension"],
        "assigned_after_correction": ["transfer", "fee", "consult", "reply", "extension"],
        "consultation": ["consult", "consult_answer", "extension"],
        "fee": ["paid", "close_lapsed", "extension"],
        "replied": ["transfer", "fee", "review", "extension"],
        "approved": ["deliver", "proactive", "extension"],
        "closed": ["proactive", "remedy"],
        "closed_marked": ["remedy"],
    },
    # department staff see only their department's cases (the unassigned ones are not theirs to open)
    "department": {
        "correction": [],
        "assigned": ["consult", "reply"],
        "assigned_after_correction": ["consult", "reply"],
        "consultation": ["consult", "consult_answer"],
        "fee": [],
        "replied": [],
        "approved": [],
        "closed": [],
        "closed_marked": [],
    },
}


def test_the_workbench_offers_what_it_offered_before(
    every_status, office_user, office_head, edu_editor, django_user_model
):
    superuser = django_user_model.objects.create_superuser("root", "root@example.com", "Gk#2026-root-pass")
    users = {"office": office_user, "head": office_head, "superuser": superuser, "department": edu_editor}
    for who, user in users.items():
        visible = set(Application.objects.for_user(user).values_list("pk", flat=True))
        offered = {
            key: available_actions(user, app) for key, app in every_status.items() if app.pk in visible
        }
        assert offered == OFFERED[who], who


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def remedy_of(app):
    return Remedy.objects.create(application=app, kind="review", filed_on=datetime.date(2026, 11, 20))


def released_of(app):
    return ReleasedFile.objects.create(
        application=app,
        file="released/清单.pdf",
        original_name="清单.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_at=timezone.now(),
    )


# each action with arguments it would accept, as the workbench (or the periodic job) calls it
CALLS = {
    "confirm": lambda actor, app, d: actions.confirm_receipt(actor, app),
    "correction": lambda actor, app, d: actions.request_correction(
        actor, app, items="请补充所需合同的签订年份"
    ),
    "correction_received": lambda actor, app, d: actions.receive_correction(actor, app, text="2025年"),
    "assign": lambda actor, app, d: actions.assign(actor, app, d["edu"]),
    "transfer": lambda actor, app, d: actions.transfer(actor, app, d["hrss"], reason="该信息由人社局制作"),
    "fee": lambda actor, app, d: actions.issue_fee_notice(actor, app, method="pages", pages=45),
    "paid": lambda actor, app, d: actions.record_payment(actor, app, receipt_no="鄂财票0012345"),
    "close_lapsed": lambda actor, app, d: actions.close_lapsed(actor, app),
    "review": lambda actor, app, d: actions.review(actor, app, approve=False, note="请补充法律依据"),
    "deliver": lambda actor, app, d: actions.deliver(actor, app, method="email", proof="已发送至申请人邮箱"),
    "proactive": lambda actor, app, d: actions.mark_for_proactive_disclosure(
        actor, app, reason="同类申请较多"
    ),
    "remedy": lambda actor, app, d: actions.file_remedy(
        actor, app, kind="review", filed_on=datetime.date(2026, 11, 20), body="恩施市人民政府"
    ),
    "consult": lambda actor, app, d: actions.start_consultation(actor, app, party="恩施市明德学校"),
    "consult_answer": lambda actor, app, d: actions.answer_consultation(
        actor, app, opinion="同意公开", consent=True
    ),
    "reply": lambda actor, app, d: actions.department_reply(
        actor, app, outcome="disclosed", reply_text="相关文件见附件。"
    ),
    "extension": lambda actor, app, d: actions.approve_extension(actor, app, days=5, reason="需调取历史档案"),
    "remedy_decide": lambda actor, app, d: actions.decide_remedy(
        actor, remedy_of(app), result="upheld", decided_on=datetime.date(2026, 12, 1)
    ),
    "attach_released": lambda actor, app, d: actions.attach_released_file(
        actor, app, name="清单.pdf", content=PDF
    ),
    "remove_released": lambda actor, app, d: actions.remove_released_file(actor, app, released_of(app)),
}


class _Undo(Exception):
    pass


def attempt(call, *args):
    """Run one action and undo it; the refusal message, or None when the action went through (or failed for a
    reason other than a refusal, which the test then shows)."""
    try:
        with transaction.atomic():
            call(*args)
            raise _Undo
    except _Undo:
        return None
    except actions.ActionError as exc:
        return exc.message


def test_every_action_of_the_table_is_called_and_every_staff_form_has_its_row():
    assert set(CALLS) == set(rules.TRANSITIONS)
    assert set(STAFF_ACTIONS) <= set(rules.TRANSITIONS)
    assert {a for a, t in rules.TRANSITIONS.items() if t.listed} <= set(STAFF_ACTIONS)


def test_each_action_refuses_exactly_the_states_the_table_rules_out(every_status, edu, hrss):
    """For every action × every state (the system as the actor, so no role stands in the way): the action gives the
    state refusal exactly when the table does not list the state."""
    departments = {"edu": edu, "hrss": hrss}
    for action, transition in rules.TRANSITIONS.items():
        for key, app in every_status.items():
            accepted = transition.sources
            if transition.assigned_sources is not None and app.department_id is not None:
                accepted = transition.assigned_sources
            state_message = transition.refusal or f"当前状态为“{app.get_status_display()}”，不能执行此操作。"
            message = attempt(CALLS[action], None, app, departments)
            assert (message == state_message) == (app.status not in accepted), (action, key, message)


ROLE_MESSAGES = {
    "只有政务公开办可以执行此操作。",
    "该申请不属于您所在网站，无权办理。",
    "该申请未分办给您所在的部门。",
    "延期答复须经政务公开办负责人批准。",
}
# who passes each role test of the table, on a case assigned to the education bureau
PASSES = {
    rules.OFFICE: {"office", "head"},
    rules.HANDLER: {"office", "head", "edu"},
    rules.HEAD: {"head"},
    rules.SITE: {"office", "head", "edu", "hrss"},
}


def test_each_action_refuses_exactly_the_people_the_table_rules_out(
    every_status, office_user, office_head, edu_editor, hrss_editor, edu, hrss
):
    departments = {"edu": edu, "hrss": hrss}
    users = {"office": office_user, "head": office_head, "edu": edu_editor, "hrss": hrss_editor}
    for action, transition in rules.TRANSITIONS.items():
        open_to = [app for app in every_status.values() if rules.state_refusal(app, action) is None]
        app = next((a for a in open_to if a.department_id == edu.pk), open_to[0])
        for who, user in users.items():
            message = attempt(CALLS[action], user, app, departments)
            refused = message in ROLE_MESSAGES
            expected = who not in PASSES[transition.who] or (
                transition.who == rules.HANDLER and app.department_id is None and who == "edu"
            )
            assert refused == expected, (action, who, app.status, message)


def _post(client, app, action, data):
    return client.post(reverse("foi_action", args=[app.pk, action]), data, follow=True)


def test_the_case_page_forms_give_their_chinese_reasons_and_store_nothing(client, every_status, office_user):
    client.force_login(office_user)
    closed = every_status["closed"]
    page = _post(client, closed, "remedy", {"kind": "review", "filed_on": "", "body": "恩施市人民政府"})
    assert "请填写立案日期。" in page.content.decode() and not closed.remedies.exists()
    page = _post(client, closed, "remedy", {"kind": "review", "filed_on": "2026年11月20日"})
    assert "日期格式应为 YYYY-MM-DD。" in page.content.decode() and not closed.remedies.exists()
    page = _post(
        client, closed, "remedy", {"kind": "review", "filed_on": "2026-11-20", "body": "恩施市人民政府"}
    )
    assert "已办理。" in page.content.decode()
    remedy = closed.remedies.get()
    assert remedy.filed_on == datetime.date(2026, 11, 20) and remedy.body == "恩施市人民政府"
    page = _post(client, closed, "remedy_decide", {"remedy": remedy.pk, "result": "upheld", "decided_on": ""})
    assert "请填写审结日期。" in page.content.decode()
    remedy.refresh_from_db()
    assert remedy.result == "pending"
    assert (
        _post(client, closed, "remedy_decide", {"remedy": "0", "decided_on": "2026-12-01"}).status_code == 404
    )
    # a department the office does not work with, or none, answers 404 as before
    received = every_status["received"]
    assert _post(client, received, "assign", {"department": "不是编号"}).status_code == 404
    received.refresh_from_db()
    assert received.department_id is None
    # an action the state does not offer is forbidden outright (Wagtail turns the 403 into a redirect home)
    for action in ("deliver", "no_such_action"):
        response = client.post(
            reverse("foi_action", args=[received.pk, action]), {"method": "email", "proof": "已发送"}
        )
        assert response.status_code in (302, 403) and response.get("Location") != reverse(
            "foi_case", args=[received.pk]
        )
    received.refresh_from_db()
    assert received.status == "received"


def test_the_deliver_form_passes_the_day_of_service(client, every_status, office_user):
    client.force_login(office_user)
    approved = every_status["approved"]
    page = _post(
        client, approved, "deliver", {"method": "ems", "proof": "EMS 1187654321045", "on": "2026-11-09"}
    )
    assert "已办理。" in page.content.decode()
    approved.refresh_from_db()
    assert approved.status == "closed" and approved.closed_on == datetime.date(2026, 11, 9)
