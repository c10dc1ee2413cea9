"""Staff screens: the office's queue and review, department inboxes isolated, personal data masked for
department staff, dashboard and 12345 import in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.interaction import actions
from gongkai.interaction.models import Case, Status
from tests.conftest import PASSWORD

from .conftest import at


@pytest.fixture(autouse=True)
def _static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_office_queue_dispatch_and_review(client, make_message, office_user, edu, edu_editor):
    case = make_message()
    c = login(client, office_user)
    html = c.get("/admin/hudong/").content.decode()
    assert case.code in html and "（建议）" in html
    detail = c.get(f"/admin/hudong/{case.pk}/").content.decode()
    assert "13907181234" in detail  # the office calls the citizen back
    c.post(f"/admin/hudong/{case.pk}/", {"action": "dispatch", "department": edu.pk, "note": ""})
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.department == edu
    e = login(client.__class__(), edu_editor)
    inbox = e.get("/admin/hudong/").content.decode()
    assert case.code in inbox
    page = e.get(f"/admin/hudong/{case.pk}/").content.decode()
    assert "13907181234" not in page and "139****1234" in page and "向*" in page
    e.post(
        f"/admin/hudong/{case.pk}/",
        {"action": "submit_reply", "text": "金桂大道片区对应恩施市实验小学，8 月报名。"},
    )
    case.refresh_from_db()
    assert case.status == Status.REPLY_SUBMITTED
    # the department cannot approve its own reply
    e.post(f"/admin/hudong/{case.pk}/", {"action": "approve_reply", "text": ""})
    case.refresh_from_db()
    assert case.status == Status.REPLY_SUBMITTED
    assert case.code in c.get("/admin/hudong/?queue=review").content.decode()
    c.post(f"/admin/hudong/{case.pk}/", {"action": "approve_reply", "text": ""})
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED


def test_department_cannot_open_another_departments_case(client, make_message, office_user, hrss, edu_editor):
    case = actions.dispatch(
        office_user, make_message(category="社保与就业", title="养老保险转移接续咨询"), hrss
    )
    e = login(client, edu_editor)
    assert e.get(f"/admin/hudong/{case.pk}/").status_code == 404
    assert case.code not in e.get("/admin/hudong/?queue=all").content.decode()
    assert e.get("/admin/hudong/12345/import/").status_code in (302, 403)  # Wagtail redirects a denial


def test_dashboard_shows_departments_and_the_alarm(client, make_message, office_user, edu, edu_editor):
    old = actions.dispatch(office_user, make_message(now=at(2026, 7, 1), title="暑期托管班收费标准咨询"), edu)
    c = login(client, office_user)
    html = c.get("/admin/hudong/dashboard/").content.decode()
    assert "已超 3 个月" in html and old.code in html and "恩施市教育局" in html


def test_admin_import_reports_rows(client, routed, office_user):
    c = login(client, office_user)
    bad = "工单编号,来电时间,诉求内容\nRX0001,不是时间,政务公开栏在哪\n".encode()
    html = c.post("/admin/hudong/12345/import/", {"file": SimpleUploadedFile("a.csv", bad)}).content.decode()
    assert "来电时间格式" in html and not Case.objects.exists()
    good = "工单编号,来电时间,诉求内容\nRX0001,2026-11-01 09:00,政务公开栏半年没更新\n".encode()
    html = c.post("/admin/hudong/12345/import/", {"file": SimpleUploadedFile("a.csv", good)}).content.decode()
    assert "新登记 1 件" in html
    r = c.get("/admin/hudong/12345/export/")
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_token_shown_once(client, office_user):
    c = login(client, office_user)
    html = c.post("/admin/hudong/12345/token/", {"name": "12345热线平台"}).content.decode()
    assert "gk_" in html


def test_queue_query_count_does_not_grow_with_cases(
    client, make_message, office_user, django_assert_max_num_queries
):
    c = login(client, office_user)
    for i in range(3):
        make_message(title=f"学位咨询第{i + 1}号：划片范围")
    c.get("/admin/hudong/")
    with django_assert_max_num_queries(20) as first:
        c.get("/admin/hudong/")
    n = len(first.captured_queries)
    for i in range(20):
        make_message(title=f"道路维修第{i + 1}号：坑洼路面")
    with django_assert_max_num_queries(n):
        html = c.get("/admin/hudong/").content.decode()
    assert "道路维修第20号" in html


def test_an_anonymous_error_report_without_category_does_not_break_the_office_screens(client, office_user):
    from gongkai.interaction import intake
    from gongkai.interaction.models import Channel

    cleaned, errors = intake.validate_site_error(
        {
            "description": "首页“政策解读”栏目第 2 页链接打不开，显示“页面不存在”。",
            "page_url": "https://www.enshi.gov.cn/zcjd/index_2.html",
            "email": "jiucuo@163.com",
        }
    )
    assert not errors, errors
    case, _ = actions.submit(Channel.SITE_ERROR, cleaned, now=at(2026, 11, 16, 21, 40))
    assert case.category is None and case.department is None and case.suggested_department is None
    c = login(client, office_user)
    for queue in ("intake", "all"):
        response = c.get(f"/admin/hudong/?queue={queue}")
        assert response.status_code == 200 and case.code in response.content.decode()
    detail = c.get(f"/admin/hudong/{case.pk}/")
    assert detail.status_code == 200 and "未派单" in detail.content.decode()
