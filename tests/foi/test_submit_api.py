"""POST /api/v1/foi/applications: Art. 29 contents; every bad input class gets a Chinese message per field and
stores nothing (issue 5 item 1)."""

import base64

import pytest
from django.test import override_settings

from gongkai.core import protection
from gongkai.core.models import AuditRecord
from gongkai.foi.models import Application, Attachment, Event

from .conftest import COMPANY_USCC, RESIDENT_ID, company_payload, person_payload

URL = "/api/v1/foi/applications"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def nothing_stored():
    return (
        Application.objects.count() == 0
        and Event.objects.count() == 0
        and Attachment.objects.count() == 0
        and not AuditRecord.objects.filter(action__startswith="foi.").exists()
    )


pytestmark = pytest.mark.usefixtures("db")


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_a_valid_application_returns_code_and_secret_and_awaits_confirmation(client):
    response = post(client, person_payload())
    assert response.status_code == 201
    body = response.json()
    assert (
        body["status"] == "submitted"
        and body["tracking_code"].startswith("YSQ")
        and len(body["secret"]) >= 10
    )
    app = Application.objects.get()
    assert app.category == "natural_person" and app.receipt_date is None and app.confirmed_at is None
    assert app.secret_hash != body["secret"]


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_an_organisation_is_counted_in_its_sub_category(client):
    assert post(client, company_payload(organization_type="legal_service")).status_code == 201
    assert Application.objects.get().category == "legal_service"


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": None}, "name", "请填写申请人姓名或名称"),
        ({"description": None}, "description", "请填写所需政府信息的描述"),
        ({"phone": ""}, "phone", "请填写联系电话"),
        ({"applicant_type": "company"}, "applicant_type", "取值不正确"),
        (
            {"applicant_type": "organization", "id_type": "uscc", "id_number": COMPANY_USCC},
            "organization_type",
            "请填写法人或其他组织的类别",
        ),
        (
            {"id_number": RESIDENT_ID[:-1] + ("0" if RESIDENT_ID[-1] != "0" else "1")},
            "id_number",
            "校验位不正确",
        ),
        ({"id_number": "4228011965031200"}, "id_number", "18 位"),
        (
            {
                "applicant_type": "organization",
                "organization_type": "commercial",
                "id_type": "uscc",
                "id_number": COMPANY_USCC[:-1] + ("0" if COMPANY_USCC[-1] != "0" else "1"),
            },
            "id_number",
            "校验位不正确",
        ),
        ({"phone": "12345"}, "phone", "手机号码"),
        ({"email": "not-an-address"}, "email", "电子邮箱格式不正确"),
        ({"description": "要文件"}, "description", "至少 10 个字"),
        ({"description": "请公开<script>alert(1)</script>2025年低保资金发放情况"}, "description", "HTML"),
        ({"name": "<b>向春梅</b>"}, "name", "HTML"),
        ({"delivery_way": "post", "address": ""}, "address", "邮寄"),
        ({"delivery_form": "fax"}, "delivery_form", "取值不正确"),
        ({"organization_type": "commercial"}, "organization_type", "自然人"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_stores_nothing(client, change, field, message):
    payload = person_payload()
    for key, value in change.items():
        if value is None:
            payload.pop(key)
        else:
            payload[key] = value
    response = post(client, payload)
    assert response.status_code == 400
    assert message in response.json()["errors"][field]
    assert nothing_stored()


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_wrong_types_are_a_422_with_field_messages(client):
    response = post(client, {**person_payload(), "name": 12345})
    assert response.status_code == 422 and "name" in response.json()["errors"]
    assert nothing_stored()


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_a_pdf_attachment_is_kept_privately(client):
    body = {
        **person_payload(),
        "attachments": [{"name": "身份证复印件.pdf", "content_base64": base64.b64encode(PDF).decode()}],
    }
    assert post(client, body).status_code == 201
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert "身份证" not in attachment.file.name  # stored under a random name


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False, GONGKAI_FOI_MAX_ATTACHMENT_BYTES=1024)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("营业执照.pdf", PDF + b"0" * 2048, "过大"),
        ("工具.exe", b"MZ\x90\x00" + b"0" * 100, "类型不允许"),
        ("伪装.pdf", b"<html><script>alert(1)</script></html>", "类型不允许"),
        ("照片.png", PDF, "扩展名与文件内容不符"),
    ],
)
def test_oversize_or_forbidden_files_are_refused(client, name, content, message):
    body = {
        **person_payload(),
        "attachments": [{"name": name, "content_base64": base64.b64encode(content).decode()}],
    }
    response = post(client, body)
    assert response.status_code == 400 and message in response.json()["errors"]["attachments"]
    assert nothing_stored()


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_a_double_submission_does_not_create_two_cases(client):
    first = post(client, person_payload())
    # the same text with different spacing, seconds later
    again = post(client, person_payload(description=person_payload()["description"].replace("的", " 的")))
    assert first.status_code == 201 and again.status_code == 400
    assert first.json()["tracking_code"] in again.json()["errors"]["description"]
    assert Application.objects.count() == 1


@override_settings(GONGKAI_CAPTCHA=True, GONGKAI_RATE_LIMITS=False)
def test_captcha_is_required_when_switched_on(client):
    response = post(client, person_payload())
    assert response.status_code == 400 and "验证码" in response.json()["errors"]["captcha"]
    key = client.get("/api/v1/captcha").json()["key"]
    code = protection.challenge(key)["code"]
    response = post(client, {**person_payload(), "captcha_key": key, "captcha_answer": code})
    assert response.status_code == 201


@override_settings(
    GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=True, GONGKAI_RATE_LIMIT_RULES={"submit": "2/600"}
)
def test_submissions_are_rate_limited(client):
    codes = [
        post(
            client, person_payload(description=f"请公开恩施市2025年第{i + 1}季度城乡低保资金发放明细。")
        ).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 429]


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_a_submission_still_in_flight_blocks_its_twin(client):
    from django.core.cache import cache

    from gongkai.foi.models import identity_key, text_key

    payload = person_payload()
    key = f"foi:submitting:{identity_key('resident_id', RESIDENT_ID)}:{text_key(payload['description'])}"
    cache.add(key, 1, 30)  # the first request has not committed yet
    response = post(client, payload)
    assert response.status_code == 400 and "正在提交" in response.json()["errors"]["description"]
    assert nothing_stored()
