"""GET /api/v1/foi/applications/{tracking_code}?secret=… and the /ysqgk/chaxun/ page (issue 5 item 8)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from gongkai.core import protection, workdays
from gongkai.foi import actions

from .conftest import person_payload, shanghai

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def submitted(client):
    with override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False):
        body = client.post(
            "/api/v1/foi/applications", person_payload(), content_type="application/json"
        ).json()
    return body["tracking_code"], body["secret"]


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_tracking_shows_status_dates_and_public_history_only(client, submitted, office_user, edu):
    from gongkai.foi.models import Application

    code, secret = submitted
    app = Application.objects.get(tracking_code=code)
    actions.confirm_receipt(office_user, app)
    actions.assign(office_user, app, edu, note="内部：请教育局优先办理")
    body = client.get(f"/api/v1/foi/applications/{code}", {"secret": secret}).json()
    today = workdays.local_date(timezone.now())
    due, provisional = workdays.add_due(today, 20)
    assert body["status"] == "assigned" and body["receipt_date"] == today.isoformat()
    assert body["due_date"] == due.isoformat() and body["provisional"] is provisional
    events = [h["event"] for h in body["history"]]
    assert events == ["提交申请", "确认收到（回执）"]
    text = str(body)
    assert "内部" not in text and "教育局" not in text
    assert app.id_number not in text and app.phone not in text and app.name not in text


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_wrong_secret_is_the_same_404_as_no_case(client, submitted):
    code, _ = submitted
    wrong = client.get(f"/api/v1/foi/applications/{code}", {"secret": "guess"})
    missing = client.get("/api/v1/foi/applications/YSQ2026-XXXXXX", {"secret": "guess"})
    assert wrong.status_code == missing.status_code == 404
    assert wrong.json() == missing.json()


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_provisional_deadline_is_flagged(client, submitted, office_user):
    from gongkai.foi.models import Application

    code, secret = submitted
    actions.confirm_receipt(
        office_user, Application.objects.get(tracking_code=code), at=shanghai(2026, 12, 15, 9)
    )
    body = client.get(f"/api/v1/foi/applications/{code}", {"secret": secret}).json()
    assert body["due_date"] == "2027-01-12" and body["provisional"] is True


def test_public_form_receipt_is_shown_once_and_tracking_page_works(client):
    page = client.get("/ysqgk/shenqing/").content.decode()
    assert "无需说明用途" in page and 'for="id_description"' in page and "播放语音验证码" in page
    key = client.get("/ysqgk/shenqing/").context["form"]["captcha_key"].value()
    code = protection.challenge(key)["code"]
    response = client.post(
        "/ysqgk/shenqing/", {**person_payload(), "captcha_key": key, "captcha_answer": code}
    )
    assert response.status_code == 302
    receipt = client.get("/ysqgk/huizhi/")
    tracking_code, secret = receipt.context["code"], receipt.context["secret"]
    assert secret in receipt.content.decode()
    assert client.get("/ysqgk/huizhi/").status_code == 302  # the secret is not shown again
    page = client.post("/ysqgk/chaxun/", {"tracking_code": tracking_code, "secret": secret}).content.decode()
    assert "待确认" in page and "<caption>办理记录</caption>" in page
    assert person_payload()["id_number"] not in page


def test_public_form_errors_are_per_field_and_store_nothing(client):
    from gongkai.foi.models import Application

    key = client.get("/ysqgk/shenqing/").context["form"]["captcha_key"].value()
    code = protection.challenge(key)["code"]
    data = {
        **person_payload(),
        "id_number": "420000000000000000",
        "description": "<script>x</script>请公开文件全文内容",
    }
    page = client.post(
        "/ysqgk/shenqing/", {**data, "captcha_key": key, "captcha_answer": code}
    ).content.decode()
    assert "居民身份证号" in page and "HTML" in page and "&lt;script&gt;" in page and "<script>x" not in page
    assert Application.objects.count() == 0


def test_public_form_without_the_captcha_is_refused(client):
    from gongkai.foi.models import Application

    page = client.post("/ysqgk/shenqing/", person_payload()).content.decode()
    assert "验证码不正确" in page and Application.objects.count() == 0
