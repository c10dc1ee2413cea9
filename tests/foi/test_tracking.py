"""POST /api/v1/foi/applications/{tracking_code}/query and the /ysqgk/chaxun/ page (issue 5 item 8); the secret
never travels in a URL (issue 20 item 6)."""

import re

import pytest
from django.test import override_settings
from django.utils import timezone

from gongkai.core import protection, workdays
from gongkai.foi import actions

from .conftest import person_payload, shanghai

pytestmark = pytest.mark.usefixtures("db")


def query(client, code, secret, **extra):
    return client.post(
        f"/api/v1/foi/applications/{code}/query", {"secret": secret}, content_type="application/json", **extra
    )


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
    body = query(client, code, secret).json()
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
    wrong = query(client, code, "guess")
    missing = query(client, "YSQ2026-XXXXXX", "guess")
    assert wrong.status_code == missing.status_code == 404
    assert wrong.json() == missing.json()


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_provisional_deadline_is_flagged(client, submitted, office_user):
    from gongkai.foi.models import Application

    code, secret = submitted
    actions.confirm_receipt(
        office_user, Application.objects.get(tracking_code=code), at=shanghai(2026, 12, 15, 9)
    )
    body = query(client, code, secret).json()
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
    assert secret not in page  # not written back into the form


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_the_secret_is_read_aloud_and_typed_loosely(client, submitted):
    code, secret = submitted
    # three groups of four from the readable alphabet: nothing to confuse on the telephone
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", secret)
    assert re.fullmatch(r"YSQ20\d\d-[2-9A-HJ-NP-Z]{6}", code)
    spoken = f"  {secret.lower().replace('-', ' ')} "
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c != "-" else "－" for c in secret)  # a Chinese input method
    for typed in (secret, secret.replace("-", ""), spoken, fullwidth):
        assert query(client, code.lower(), typed).status_code == 200, typed
    assert query(client, code, secret[:-1] + ("2" if secret[-1] != "2" else "3")).status_code == 404


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_a_secret_in_the_address_is_refused_and_not_echoed(client, submitted):
    code, secret = submitted
    for r in (
        client.get(f"/api/v1/foi/applications/{code}?secret={secret}"),
        query(client, code, secret, QUERY_STRING=f"secret={secret}"),
    ):
        assert r.status_code == 400 and "不能放在网址中" in r.json()["errors"]["secret"]
        assert secret not in r.content.decode() and "history" not in r.json()
    assert client.get(f"/api/v1/foi/applications/{code}").status_code == 400
    page = client.get(f"/ysqgk/chaxun/?tracking_code={code}&secret={secret}")
    html = page.content.decode()
    assert page.status_code == 400 and "查询密码不能放在网址中" in html and "在本页的表单中输入" in html
    assert secret not in html and "办理记录" not in html and f'value="{code}"' in html
    assert '<form method="post" action="/ysqgk/chaxun/"' in html  # not back to the refused address
    # nor by POST to an address that carries it
    page = client.post(f"/ysqgk/chaxun/?secret={secret}", {"tracking_code": code, "secret": secret})
    assert "查询密码不能放在网址中" in page.content.decode() and "办理记录" not in page.content.decode()


@override_settings(GONGKAI_RATE_LIMITS=False)
def test_a_secret_issued_before_the_shared_policy_still_opens_its_case(client, submitted):
    """Until this change FOI issued `secrets.token_urlsafe(9)` — case-sensitive, with `-` and `_` — and stored
    HMAC(SECRET_KEY, "foi:" + secret); such a case keeps working, exactly as typed."""
    import hashlib
    import hmac

    from django.conf import settings

    from gongkai.foi.models import Application

    code, _ = submitted
    old_secret = "q-7Zk_3mPxa9"
    stored = hmac.new(settings.SECRET_KEY.encode(), f"foi:{old_secret}".encode(), hashlib.sha256).hexdigest()
    Application.objects.filter(tracking_code=code).update(secret_hash=stored)
    assert query(client, code, old_secret).status_code == 200
    assert query(client, code, f" {old_secret} ").status_code == 200
    assert query(client, code, old_secret.upper()).status_code == 404  # it was case-sensitive, it stays so


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
