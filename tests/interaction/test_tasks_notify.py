"""Reminders before a deadline, escalation to the office after it, and notifications (SMS number masked)."""

from django.core import mail

from gongkai.interaction import actions, notify, tasks
from gongkai.interaction.models import FollowUp, Rating

from .conftest import at


def test_remind_then_escalate_once_each(
    make_message, office_user, edu, make_staff, django_capture_on_commit_callbacks
):
    from gongkai.core import roles

    clerk = make_staff(edu, roles.EDITOR, username="jyj_clerk")
    clerk.email = "clerk@enshi.gov.cn"
    clerk.save()
    office_user.email = "gkb@enshi.gov.cn"
    office_user.save()
    case = actions.dispatch(office_user, make_message(now=at(2026, 11, 2, 9)), edu)  # due 11-09
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_deadlines(now=at(2026, 11, 4)) == (0, 0)
        assert tasks.check_deadlines(now=at(2026, 11, 6, 9)) == (1, 0)
        assert tasks.check_deadlines(now=at(2026, 11, 6, 15)) == (0, 0)
        assert tasks.check_deadlines(now=at(2026, 11, 10, 9)) == (0, 1)
        assert tasks.check_deadlines(now=at(2026, 11, 11, 9)) == (0, 0)
    kinds = list(FollowUp.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == [FollowUp.Kind.REMINDER, FollowUp.Kind.ESCALATION]
    subjects = [(m.subject, m.to) for m in mail.outbox]
    assert ("临期提醒", ["clerk@enshi.gov.cn"]) in subjects and ("逾期上报", ["gkb@enshi.gov.cn"]) in subjects


def test_citizen_told_by_sms_and_mail_with_the_number_masked(
    make_message, office_user, edu, edu_editor, django_capture_on_commit_callbacks
):
    notify.LoggingSmsGateway.sent = []
    case = actions.dispatch(office_user, make_message(email="xhm@example.com"), edu)
    case = actions.submit_reply(edu_editor, case, "金桂大道片区对应恩施市实验小学，8 月报名。")
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_reply(office_user, case, approve=True)
    assert notify.LoggingSmsGateway.sent[-1][0] == "139****1234"
    assert case.code in notify.LoggingSmsGateway.sent[-1][1]
    assert any("评价" in m.subject and m.to == ["xhm@example.com"] for m in mail.outbox)


def test_new_supervision_deadline_is_reminded_again(make_message, office_user, edu, edu_editor):
    case = actions.dispatch(office_user, make_message(now=at(2026, 11, 2, 9)), edu)
    tasks.check_deadlines(now=at(2026, 11, 6, 9))
    case = actions.submit_reply(edu_editor, case, "金桂大道片区对应恩施市实验小学，8 月报名。")
    case = actions.review_reply(office_user, case, approve=True)
    case = actions.rate(case, Rating.UNSATISFIED, "没说材料", now=at(2026, 11, 9, 9))
    assert case.reminded_at is None
    assert tasks.check_deadlines(now=at(2026, 11, 27, 9)) == (1, 0)  # supervision due 11-30


def test_five_plus_two_clock_escalates_on_a_holiday(routed, office_user, office_dept):
    from gongkai.interaction import intake
    from gongkai.interaction.models import Channel

    cleaned, _ = intake.validate_site_error(
        {
            "page_url": "https://www.enshi.gov.cn/hdjl/",
            "description": "互动栏目打不开。",
            "phone": "13907181234",
        }
    )
    case, _ = actions.submit(
        Channel.SITE_ERROR, cleaned, now=at(2026, 9, 30, 20, 30), received_at=at(2026, 9, 30, 20, 30)
    )
    assert tasks.check_deadlines(now=at(2026, 10, 1, 20)) == (0, 0)
    assert tasks.check_deadlines(now=at(2026, 10, 1, 21)) == (0, 1)  # National Day itself: "5+2" counts it
    assert FollowUp.objects.get(case=case).kind == FollowUp.Kind.ESCALATION
    assert tasks.check_deadlines(now=at(2026, 10, 1, 22)) == (0, 0)
    case = actions.dispatch(office_user, case, office_dept, now=at(2026, 10, 2, 9))
    assert case.escalated_at is None  # the reply deadline (10-10) is watched afresh


def test_citizen_texts_link_to_the_configured_address_not_port_8000(
    make_message, office_user, edu, edu_editor, django_capture_on_commit_callbacks, settings
):
    settings.GONGKAI_BASE_URL = "https://xxgk.enshi.gov.cn"
    notify.LoggingSmsGateway.sent = []
    case = actions.dispatch(office_user, make_message(email="xhm@example.com"), edu)
    case = actions.submit_reply(edu_editor, case, "金桂大道片区对应恩施市实验小学，8 月报名。")
    with django_capture_on_commit_callbacks(execute=True):
        actions.review_reply(office_user, case, approve=True)
    text = notify.LoggingSmsGateway.sent[-1][1]
    assert "https://xxgk.enshi.gov.cn/liuyan/chaxun/" in text and ":8000" not in text
    mail_text = next(m.body for m in mail.outbox if m.to == ["xhm@example.com"])
    assert "https://xxgk.enshi.gov.cn/liuyan/chaxun/" in mail_text
