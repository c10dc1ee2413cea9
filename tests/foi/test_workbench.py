"""The staff workbench: department isolation, masking, constant query counts, the case page and its actions."""

import datetime

import pytest
from django.urls import reverse

from gongkai.core.identity import mask_name
from gongkai.foi import actions, rules
from gongkai.foi.models import Application, Status

from .conftest import person_payload, shanghai

D = datetime.date


@pytest.fixture
def cases(submit_case, office_user, edu, hrss):
    """Two cases at the education bureau, one at HRSS, one not yet confirmed."""
    made = {}
    for key, dept, day in (("edu1", edu, 2), ("edu2", edu, 3), ("hrss", hrss, 4)):
        app = submit_case(
            person_payload(description=f"请公开2026年11月{day}日印发的恩施市教育经费使用管理办法全文。"),
            at=shanghai(2026, 11, day, 9),
        )
        actions.confirm_receipt(office_user, app, at=shanghai(2026, 11, day, 10))
        actions.assign(office_user, app, dept, at=shanghai(2026, 11, day, 11))
        made[key] = app
    made["new"] = submit_case(person_payload(description="请公开恩施市2026年度政府投资项目计划表。"))
    return made


def login(client, user):
    client.force_login(user)


def test_department_staff_see_only_their_departments_cases(client, cases, edu_editor):
    login(client, edu_editor)
    page = client.get(reverse("foi_workbench")).content.decode()
    assert cases["edu1"].tracking_code in page and cases["edu2"].tracking_code in page
    assert cases["hrss"].tracking_code not in page and cases["new"].tracking_code not in page
    assert client.get(reverse("foi_case", args=[cases["hrss"].pk])).status_code == 404
    assert set(Application.objects.for_user(edu_editor)) == {cases["edu1"], cases["edu2"]}


def test_office_sees_all_cases(client, cases, office_user):
    login(client, office_user)
    page = client.get(reverse("foi_workbench")).content.decode()
    for app in cases.values():
        assert app.tracking_code in page


def test_department_staff_see_personal_data_masked(client, cases, edu_editor, office_user):
    app = cases["edu1"]
    login(client, edu_editor)
    page = client.get(reverse("foi_case", args=[app.pk])).content.decode()
    assert app.id_number not in page and app.phone not in page and app.name not in page
    assert mask_name(app.name) in page and app.id_number[:4] in page
    login(client, office_user)
    page = client.get(reverse("foi_case", args=[app.pk])).content.decode()
    assert app.id_number in page and app.phone in page


def test_case_page_shows_the_countdown_and_how_it_was_computed(client, cases, office_user):
    login(client, office_user)
    page = client.get(reverse("foi_case", args=[cases["edu1"].pk])).content.decode()
    # received 2026-11-02 → 20 working days → 2026-11-30
    assert "2026年11月30日" in page and "跳过周末" in page and "期限是怎样算出来的" in page
    assert "分办 → 部门答复" in page


def test_list_query_count_does_not_grow_with_the_list(client, cases, submit_case, office_user, edu):
    login(client, office_user)
    client.get(reverse("foi_workbench"))  # warm the session and calendar
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("foi_workbench"))
    for i in range(12):
        app = submit_case(
            person_payload(description=f"请公开恩施市2026年第{i + 1}批次农村公路建设项目清单。")
        )
        actions.confirm_receipt(office_user, app)
        actions.assign(office_user, app, edu)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("foi_workbench"))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_views_overdue_and_due_soon(client, cases, office_user):
    login(client, office_user)
    overdue = client.get(reverse("foi_workbench") + "?view=overdue").content.decode()
    # all three were received in early November 2026; 'today' is the real date of the run
    assert "已超期" in overdue


def test_an_action_from_the_case_page_goes_through_the_action_function(client, cases, edu_editor):
    login(client, edu_editor)
    app = cases["edu1"]
    response = client.post(
        reverse("foi_action", args=[app.pk, "reply"]),
        {"outcome": "disclosed", "reply_text": "办法全文见附件。"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.REPLIED and app.outcome == rules.Outcome.DISCLOSED
    # a department may not review its own reply (Wagtail turns the refusal into a redirect with a message)
    response = client.post(
        reverse("foi_action", args=[app.pk, "review"]), {"decision": "approve", "secrecy_checked": "1"}
    )
    assert response.status_code in (302, 403) and response.get("Location") != reverse(
        "foi_case", args=[app.pk]
    )
    app.refresh_from_db()
    assert app.status == Status.REPLIED


def test_a_refused_action_shows_the_reason_and_changes_nothing(client, cases, office_head):
    login(client, office_head)
    app = cases["edu1"]
    response = client.post(
        reverse("foi_action", args=[app.pk, "extension"]), {"days": "30", "reason": "资料多"}, follow=True
    )
    assert "1 至 20" in response.content.decode()
    assert not app.events.filter(kind="extension_approved").exists()


def test_letters_download_after_approval_only(client, cases, office_user, edu_editor):
    app = cases["edu1"]
    login(client, office_user)
    assert client.get(reverse("foi_letter", args=[app.pk, "pdf"])).status_code == 404
    actions.department_reply(
        edu_editor, app, outcome="unavailable_not_held", reply_text="经检索本机关未制作该文件。"
    )
    actions.review(office_user, app, approve=True, secrecy_checked=True)
    pdf = client.get(reverse("foi_letter", args=[app.pk, "pdf"]))
    docx = client.get(reverse("foi_letter", args=[app.pk, "docx"]))
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_dwell_and_tables_pages_render(client, cases, office_user, edu_editor):
    login(client, office_user)
    assert "各环节用时" in client.get(reverse("foi_dwell") + "?year=2026").content.decode()
    page = client.get(reverse("foi_tables") + "?year=2026").content.decode()
    assert "一、本年新收政府信息公开申请数量" in page and "勾稽关系" in page
    login(client, edu_editor)
    assert client.get(reverse("foi_tables") + "?year=2026").status_code == 200
    assert client.get(reverse("foi_intake")).status_code in (302, 403)


def test_staff_intake_of_an_oral_application(client, office_user):
    login(client, office_user)
    data = {**person_payload(), "channel": "oral", "received_on": "2026-11-02"}
    response = client.post(reverse("foi_intake"), data)
    assert response.status_code == 302
    app = Application.objects.get()
    assert app.channel == "oral" and app.receipt_date == D(2026, 11, 2) and app.status == Status.RECEIVED


def test_anonymous_and_unassigned_users_are_kept_out(client, cases, auditor):
    assert client.get(reverse("foi_workbench")).status_code == 302
    login(client, auditor)
    assert client.get(reverse("foi_workbench")).status_code in (302, 403)
