"""The case procedure through the audited action functions (条例 Arts. 30–33, 36–44; 109号)."""

import datetime
import io

import pytest
from django.core import mail
from django.test import override_settings

from gongkai.core.models import AuditRecord
from gongkai.foi import actions, letters, rules
from gongkai.foi.models import Application, Event, EventKind, Status

from .conftest import company_payload, person_payload, shanghai

D = datetime.date


def test_online_case_from_submission_to_delivery(
    submit_case, office_user, office_head, edu, edu_editor, django_capture_on_commit_callbacks
):
    app = submit_case(at=shanghai(2026, 9, 25, 16))
    assert app.status == Status.SUBMITTED and app.due_date is None
    # Art. 31: received on the day both sides confirm (Monday), not on the Friday it was sent
    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 28, 9))
    app.refresh_from_db()
    assert app.receipt_date == D(2026, 9, 28) and app.due_date == D(2026, 10, 30)
    assert len(mail.outbox) == 1 and "回执" in mail.outbox[0].subject
    actions.assign(office_user, app, edu, at=shanghai(2026, 9, 28, 10))
    actions.department_reply(
        edu_editor,
        app,
        outcome=rules.Outcome.DISCLOSED,
        reply_text="2025年城乡低保标准为每人每月 650 元，发放人数统计表见附件。",
        at=shanghai(2026, 10, 12, 15),
    )
    with pytest.raises(actions.ActionError, match="保密审查"):
        actions.review(office_user, app, approve=True, at=shanghai(2026, 10, 13))
    actions.review(office_user, app, approve=True, secrecy_checked=True, at=shanghai(2026, 10, 13, 11))
    app.refresh_from_db()
    assert app.status == Status.APPROVED and app.letter
    assert letters.build_pdf(app.letter)[:5] == b"%PDF-"
    actions.deliver(
        office_user, app, method="email", proof="已发送至申请人邮箱", at=shanghai(2026, 10, 14, 9)
    )
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.closed_on == D(2026, 10, 14) and app.outcome == "disclosed"
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "received",
        "assigned",
        "department_replied",
        "review_approved",
        "delivered",
        "closed",
    ]
    audited = list(
        AuditRecord.objects.filter(object_type="foi.application", object_id=str(app.pk)).values_list(
            "action", flat=True
        )
    )
    assert audited == [
        "foi.submit",
        "foi.confirm",
        "foi.assign",
        "foi.department_reply",
        "foi.review_approve",
        "foi.deliver",
    ]


def test_letter_cites_the_article_and_the_remedies(submit_case, office_user):
    from docx import Document

    app = submit_case(at=shanghai(2026, 3, 2))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 11))
    actions.department_reply(
        office_user,
        app,
        outcome=rules.Outcome.NOT_HANDLED_PETITION,
        reply_text="您反映的问题请向市信访局提出。",
        at=shanghai(2026, 3, 3),
    )
    actions.review(office_user, app, approve=True, secrecy_checked=True, at=shanghai(2026, 3, 4))
    app.refresh_from_db()
    text = "\n".join(p.text for p in Document(io.BytesIO(letters.build_docx(app.letter))).paragraphs)
    assert "第三十九条第一款" in text and "六十日内" in text and "六个月内" in text
    assert app.id_number not in text and app.phone not in text


def test_in_person_application_is_received_the_day_it_is_handed_in(office_user):
    from gongkai.foi import services

    cleaned, _ = services.validate(person_payload())
    app, _ = actions.submit(cleaned, channel="in_person", actor=office_user, at=shanghai(2026, 2, 13, 15))
    assert app.receipt_date == D(2026, 2, 13) and app.status == Status.RECEIVED
    # Spring Festival: 02-14 (Saturday, make-up) counted, 02-15..02-23 skipped
    assert app.due_date == D(2026, 3, 19)


def test_only_the_office_keys_in_oral_applications(edu_editor, db):
    from gongkai.foi import services

    cleaned, _ = services.validate(person_payload())
    with pytest.raises(actions.ActionError):
        actions.submit(cleaned, channel="oral", actor=edu_editor)
    assert Application.objects.count() == 0


def test_correction_is_asked_once_and_restarts_the_clock(submit_case, office_user):
    app = submit_case(at=shanghai(2026, 9, 28, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 28, 9))
    actions.request_correction(
        office_user, app, items="请写明所需文件的文号或成文时间", at=shanghai(2026, 9, 30)
    )
    app.refresh_from_db()
    assert app.clock_paused and app.due_date is None
    actions.receive_correction(None, app, text="恩施市民政局2025年第3号文", at=shanghai(2026, 10, 9, 10))
    app.refresh_from_db()
    assert app.due_date == D(2026, 11, 5) and app.status == Status.RECEIVED
    with pytest.raises(actions.ActionError, match="一次性"):
        actions.request_correction(office_user, app, items="再补", at=shanghai(2026, 10, 10))


def test_no_correction_in_time_closes_as_other_1(submit_case, office_user):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.request_correction(
        office_user, app, items="请补充身份证明", period_days=15, at=shanghai(2026, 3, 3)
    )
    with pytest.raises(actions.ActionError, match="尚未届满"):
        actions.close_lapsed(None, app, at=shanghai(2026, 3, 24))
    actions.close_lapsed(None, app, at=shanghai(2026, 3, 25, 1))
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == rules.Outcome.OTHER_NO_CORRECTION and app.letter


def test_extension_needs_the_office_head_and_must_come_before_the_deadline(
    submit_case, office_user, office_head, edu
):
    app = submit_case(at=shanghai(2026, 9, 28, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 9, 28, 9))
    actions.assign(office_user, app, edu, at=shanghai(2026, 9, 28, 10))
    with pytest.raises(actions.ActionError, match="负责人"):
        actions.approve_extension(office_user, app, days=20, reason="信息量大", at=shanghai(2026, 10, 29))
    with pytest.raises(actions.ActionError, match="晚于答复期限"):
        actions.approve_extension(office_head, app, days=20, reason="信息量大", at=shanghai(2026, 11, 2))
    assert not app.events.filter(kind=EventKind.EXTENSION_APPROVED).exists()
    actions.approve_extension(
        office_head, app, days=20, reason="需调取 2019 年以来档案", at=shanghai(2026, 10, 29)
    )
    app.refresh_from_db()
    assert app.due_date == D(2026, 11, 27)
    with pytest.raises(actions.ActionError, match="已延期一次"):
        actions.approve_extension(office_head, app, days=5, reason="再延", at=shanghai(2026, 11, 3))


def test_consultation_pauses_and_resumes(submit_case, office_user, edu, edu_editor):
    app = submit_case(at=shanghai(2025, 1, 20, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2025, 1, 20, 9))
    actions.assign(office_user, app, edu, at=shanghai(2025, 1, 20, 10))
    actions.start_consultation(edu_editor, app, party="恩施市硒源茶业有限公司", at=shanghai(2025, 1, 24))
    app.refresh_from_db()
    assert app.status == Status.CONSULTATION and app.clock_paused
    actions.answer_consultation(
        edu_editor, app, opinion="不同意公开其商业秘密部分", consent=False, at=shanghai(2025, 2, 10)
    )
    app.refresh_from_db()
    assert app.status == Status.ASSIGNED and app.due_date == D(2025, 3, 4)


def test_fee_by_count_follows_the_monthly_tiers_across_channels(office_user, edu):
    from gongkai.foi import services

    apps = []
    for i in range(11):
        channel = "online" if i % 2 else "in_person"
        cleaned, errors = services.validate(
            company_payload(description=f"请公开2026年3月第{i + 1}批次茶叶抽检结果通报全文。")
        )
        assert errors == {}
        app, _ = actions.submit(cleaned, channel=channel, actor=office_user, at=shanghai(2026, 3, 2 + i, 9))
        if app.status == Status.SUBMITTED:
            actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2 + i, 10))
        apps.append(app)
    tenth, eleventh = apps[9], apps[10]
    actions.assign(office_user, tenth, edu, at=shanghai(2026, 3, 13))
    with pytest.raises(actions.ActionError, match="不收费"):
        actions.issue_fee_notice(office_user, tenth, method="count", at=shanghai(2026, 3, 13, 11))
    actions.assign(office_user, eleventh, edu, at=shanghai(2026, 3, 13))
    actions.issue_fee_notice(office_user, eleventh, method="count", at=shanghai(2026, 3, 13, 11))
    notice = eleventh.events.get(kind=EventKind.FEE_NOTICE)
    assert notice.payload["amount"] == 100
    actions.record_payment(office_user, eleventh, receipt_no="鄂财票 0012345", at=shanghai(2026, 3, 16))
    with pytest.raises(actions.ActionError, match="只能发出一次"):
        actions.issue_fee_notice(office_user, eleventh, method="pages", pages=120, at=shanghai(2026, 3, 14))


@pytest.mark.parametrize(
    ("n", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_fee_by_count_tiers(n, fee):
    assert rules.fee_by_count(n) == fee


@pytest.mark.parametrize(
    ("pages", "fee"), [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)]
)
def test_fee_by_pages_is_progressive(pages, fee):
    assert rules.fee_by_pages(pages) == fee


def test_unpaid_fee_closes_as_other_2(submit_case, office_user, edu):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.assign(office_user, app, edu, at=shanghai(2026, 3, 2, 10))
    actions.issue_fee_notice(office_user, app, method="pages", pages=150, at=shanghai(2026, 3, 9))
    app.refresh_from_db()
    assert app.status == Status.FEE and app.clock_paused
    actions.close_lapsed(None, app, at=shanghai(2026, 4, 8, 1))
    app.refresh_from_db()
    assert app.outcome == rules.Outcome.OTHER_UNPAID and app.status == Status.CLOSED


@override_settings(GONGKAI_FOI_FEE_PAUSES_CLOCK=False)
def test_fee_period_pause_is_a_setting(submit_case, office_user, edu):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.assign(office_user, app, edu, at=shanghai(2026, 3, 2, 10))
    actions.issue_fee_notice(office_user, app, method="pages", pages=150, at=shanghai(2026, 3, 9))
    app.refresh_from_db()
    assert not app.clock_paused and app.due_date == D(2026, 3, 30)


def test_department_cannot_act_on_another_departments_case(submit_case, office_user, edu, hrss_editor):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.assign(office_user, app, edu, at=shanghai(2026, 3, 2, 10))
    with pytest.raises(actions.ActionError, match="未分办给您所在的部门"):
        actions.department_reply(hrss_editor, app, outcome="disclosed", reply_text="x")
    with pytest.raises(actions.ActionError, match="政务公开办"):
        actions.assign(hrss_editor, app, edu)


def test_transfer_and_proactive_disclosure_mark(submit_case, office_user, edu, hrss, edu_editor, catalog):
    app = submit_case(at=shanghai(2026, 3, 2, 8))
    actions.confirm_receipt(office_user, app, at=shanghai(2026, 3, 2, 9))
    actions.assign(office_user, app, hrss, at=shanghai(2026, 3, 2, 10))
    actions.transfer(office_user, app, edu, reason="该信息由市教育局制作", at=shanghai(2026, 3, 3, 9))
    actions.department_reply(
        edu_editor, app, outcome="disclosed", reply_text="见附件。", at=shanghai(2026, 3, 5)
    )
    with pytest.raises(actions.ActionError):
        actions.mark_for_proactive_disclosure(edu_editor, app, reason="多人申请")
    actions.mark_for_proactive_disclosure(
        office_user, app, reason="本月已有 6 人申请同一信息", at=shanghai(2026, 3, 6)
    )
    app.refresh_from_db()
    assert app.marked_for_proactive
    assert AuditRecord.objects.filter(action="foi.mark_proactive", object_id=str(app.pk)).count() == 1
    # Art. 44 in one action: a draft item with the reply, in the department's review workflow, without the applicant
    from gongkai.disclosure.models import GovInfoPage

    draft = GovInfoPage.objects.get(department=edu, title__startswith="依申请公开转主动公开")
    assert not draft.live and draft.current_workflow_task.name == "初审（科室负责人）"
    assert "见附件" in draft.body and app.name not in draft.body


def test_events_are_append_only(submit_case):
    app = submit_case()
    event = app.events.get()
    event.public_text = "改写历史"
    with pytest.raises(Exception, match="只能追加"):
        event.save()
    with pytest.raises(Exception, match="只能追加"):
        event.delete()
    assert Event.objects.get().public_text != "改写历史"
