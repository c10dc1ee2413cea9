"""Hostile inputs the security scan (bench/security_scan.py) found answered with 500: each now gets a clear 4xx
and stores nothing."""

import json

import pytest

from gongkai.interaction.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_captcha_or_limits(settings):
    settings.GONGKAI_CAPTCHA = False
    settings.GONGKAI_RATE_LIMITS = False


def message(**overrides):
    data = {
        "name": "张三",
        "phone": "13907181234",
        "category": "咨询",
        "title": "关于小区停车位收费的咨询",
        "content": "请问小区地面停车位收费标准由哪个部门制定？",
        "public": True,
    }
    return {**data, **overrides}


@pytest.mark.parametrize("path", ["/api/v1/messages", "/api/v1/site-errors"])
def test_a_lone_surrogate_is_refused_not_a_server_error(client, path):
    body = json.dumps(message(category="\ud800", page_url="https://www.enshi.gov.cn/", description="\ud800"))
    response = client.post(path, body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "errors" in response.json()
    assert Case.objects.count() == 0


@pytest.mark.parametrize("path", ["/api/v1/messages", "/api/v1/site-errors"])
def test_json_nested_100000_deep_is_refused(client, path):
    response = client.post(path, "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400
    assert Case.objects.count() == 0


@pytest.mark.parametrize("path", ["/liuyan/xie/", "/jiucuo/", "/ysqgk/shenqing/"])
def test_a_form_declared_gbk_is_read_or_refused_not_a_server_error(client, path):
    # percent-escaped GBK, raw GBK bytes, and bytes that are not GBK at all
    body = b"title=%B2%E2%CA%D4&content=%FF%FE%B2%E2&" + "name=张三&phone=".encode("gbk") + b"\xff\x80\x00"
    response = client.generic(
        "POST", path, body, content_type="application/x-www-form-urlencoded; charset=gbk"
    )
    assert response.status_code < 500
    # and through the CSRF check a real browser request passes (the test client skips it by default)
    from django.test import Client

    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    strict.get(path)  # the form sets the CSRF cookie: now the check reads the body (the case the scan found)
    assert "csrftoken" in strict.cookies
    response = strict.generic(
        "POST", path, body, content_type="application/x-www-form-urlencoded; charset=gbk"
    )
    assert response.status_code == 400
    assert "请求无法识别" in response.content.decode() and "UTF-8" in response.content.decode()
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/liuyan/?q=%00",
        "/search/?q=%E6%AD%A3%E5%B8%B8%E6%96%87%E5%AD%97%00%E5%90%8E",
        "/api/v1/search?q=%E6%AD%A3%E5%B8%B8%00",
        "/api/v1/services/items?q=%00",
        "/api/v1/services/items/11422801%00MB",
    ],
)
def test_a_nul_in_the_query_is_refused_in_chinese(client, url):
    """PostgreSQL cannot compare text with NUL: found by the scan as 500s on PostgreSQL."""
    response = client.get(url)
    assert response.status_code == 400
    assert "请求无法识别" in response.content.decode()


def test_a_form_without_its_csrf_cookie_gets_a_chinese_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/liuyan/xie/", {"title": "停车收费"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/search?q=%E6%95%99%E8%82%B2&year=%C2%B3",  # year=³: str.isdigit() is true, int() fails
        "/search/?q=%E6%95%99%E8%82%B2&year=%C2%B3&page=%C2%B2",
        "/api/v1/services/items?page=%C2%B2&department=%C2%B9",
        "/fuwu/shixiang/?department=%C2%B9&page=%C2%B2",
        "/liuyan/?page=%C2%B2",
    ],
)
def test_superscript_digits_in_numbers_are_not_a_server_error(client, url):
    """Found by schemathesis: numbers are checked with str.isdecimal() (what int() accepts), not isdigit()."""
    assert client.get(url).status_code < 500


@pytest.mark.parametrize("path", ["/api/v1/messages", "/api/v1/site-errors"])
@pytest.mark.parametrize("field", ["department", "category", "title", "name"])
def test_a_nul_in_a_json_field_is_refused_in_chinese(client, path, field):
    """Found by schemathesis on PostgreSQL: "\\u0000" in the department name reached a lookup and PostgreSQL refused
    it with a 500."""
    body = json.dumps(
        message(**{field: "恩施市教育局\u0000"}, page_url="https://www.enshi.gov.cn/", description="x")
    )
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert "空字符" in response.json()["errors"]["__all__"]
    assert Case.objects.count() == 0


def test_a_nul_in_an_foi_application_is_refused(client):
    from gongkai.foi.models import Application

    body = {"applicant_type": "person", "name": "张三\u0000", "id_type": "id_card", "id_number": "x",
            "phone": "13907181234", "description": "申请公开2025年义务教育招生计划\u0000", "department": "教育\u0000"}  # fmt: skip
    response = client.post("/api/v1/applications", json.dumps(body), content_type="application/json")
    assert response.status_code < 500
    assert Application.objects.count() == 0
