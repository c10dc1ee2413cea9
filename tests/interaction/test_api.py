"""The public API, names and shapes exactly as issue 6 states them; every bad-input class gives a Chinese message
per field and stores nothing."""

import json

import pytest
from django.test import override_settings

from gongkai.core import protection
from gongkai.interaction import actions
from gongkai.interaction.models import Case, Rating, Status

from .conftest import MESSAGE

SITE_ERROR = {
    "name": "李建国",
    "email": "lijianguo@example.com",
    "page_url": "https://www.enshi.gov.cn/zwgk/tzgg/202611/t20261120_1234.shtml",
    "description": "通知正文第二段“恩施市人民政府”写成了“恩施市人民政付”。",
}


def post(client, url, body, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body, ensure_ascii=False)
    return client.post(url, data=data, content_type="application/json", **extra)


@pytest.fixture(autouse=True)
def _api_open(settings):
    settings.GONGKAI_CAPTCHA = False
    settings.GONGKAI_RATE_LIMITS = False


def test_submit_message_returns_code_secret_status(client, routed):
    r = post(client, "/api/v1/messages", MESSAGE)
    assert r.status_code == 201
    body = r.json()
    assert set(body) == {"code", "secret", "status"}
    assert body["code"].startswith("LY") and body["status"] == "received"
    case = Case.objects.get(code=body["code"])
    assert case.phone == "13907181234"
    # only a keyed hash of the secret is stored
    assert body["secret"] not in case.secret_hash and len(case.secret_hash) == 64


def test_submit_site_error_and_query_it(client, routed):
    r = post(client, "/api/v1/site-errors", SITE_ERROR)
    assert r.status_code == 201
    code, secret = r.json()["code"], r.json()["secret"]
    assert code.startswith("JC")
    r = post(client, f"/api/v1/site-errors/{code}/query", {"secret": secret})
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "received" and body["deadlines"]["first_action_due"]
    assert body["reply"] is None and body["rating"] is None and body["can_rate"] is False
    # a site-error code is not a message
    assert post(client, f"/api/v1/messages/{code}/query", {"secret": secret}).status_code == 404


def test_categories_is_not_taken_for_a_code(client, routed, edu):
    r = client.get("/api/v1/messages/categories")
    assert r.status_code == 200
    cats = {c["name"]: c for c in r.json()["categories"]}
    assert cats["教育与入学"]["department"] == "恩施市教育局" and cats["教育与入学"]["reply_days"] == 5
    assert [x["label"] for x in r.json()["ratings"]] == [
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
    ]


def test_wrong_secret_is_404_without_saying_which_part(client, routed):
    code = post(client, "/api/v1/messages", MESSAGE).json()["code"]
    for url, body in (
        (f"/api/v1/messages/{code}/query", {"secret": "WRONG"}),
        (f"/api/v1/messages/{code}/query", {}),
        (f"/api/v1/messages/{code}/query", {"secret": 12345}),
        ("/api/v1/messages/LY1/query", {"secret": "x"}),
    ):
        r = post(client, url, body)
        assert r.status_code == 404 and "查询码或查询密码不正确" in r.json()["errors"]["secret"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": ""}, "name", "请填写姓名"),
        ({"phone": "", "email": ""}, "phone", "至少填写联系电话或电子邮箱"),
        ({"phone": "1390718"}, "phone", "联系电话格式不正确"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"category": "火星移民"}, "category", "不存在"),
        ({"category": None}, "category", "请选择留言类别"),
        ({"title": "问"}, "title", "过短"),
        ({"title": "长" * 101}, "title", "过长"),
        ({"content": "太短了"}, "content", "过短"),
        ({"content": "字" * 5001}, "content", "过长"),
        ({"content": 12345}, "content", "应为文本"),
        ({"public": "maybe"}, "public", "是或否"),
        ({"department": "恩施市不存在局"}, "department", "部门不存在"),
    ],
)
def test_bad_message_input_is_refused_and_nothing_stored(client, routed, change, field, words):
    r = post(client, "/api/v1/messages", {**MESSAGE, **change})
    assert r.status_code == 400
    assert words in r.json()["errors"][field]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"page_url": ""}, "page_url", "请填写出错页面地址"),
        ({"page_url": "javascript:alert(1)"}, "page_url", "完整网址"),
        ({"page_url": "www.enshi.gov.cn/a"}, "page_url", "完整网址"),
        ({"description": ""}, "description", "请填写问题描述"),
        ({"email": "", "phone": ""}, "phone", "至少填写"),
    ],
)
def test_bad_site_error_input(client, routed, change, field, words):
    r = post(client, "/api/v1/site-errors", {**SITE_ERROR, **change})
    assert r.status_code == 400 and words in r.json()["errors"][field]
    assert not Case.objects.exists()


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", "null", b"\xff\xfe"])
def test_malformed_bodies(client, routed, body):
    r = post(client, "/api/v1/messages", body)
    assert r.status_code == 400
    assert list(r.json()["errors"]) == ["__all__"]
    assert not Case.objects.exists()


def test_captcha_required_when_on(client, routed, settings):
    settings.GONGKAI_CAPTCHA = True
    r = post(client, "/api/v1/messages", MESSAGE)
    assert r.status_code == 400 and "验证码" in r.json()["errors"]["captcha"]
    challenge = client.get("/api/v1/captcha").json()
    code = protection.challenge(challenge["key"])["code"]
    r = post(client, "/api/v1/messages", {**MESSAGE, "captcha_key": challenge["key"], "captcha_answer": code})
    assert r.status_code == 201
    assert Case.objects.count() == 1


@override_settings(GONGKAI_RATE_LIMIT_RULES={"submit": "2/600"})
def test_rate_limit(client, routed, settings):
    settings.GONGKAI_RATE_LIMITS = True
    for i in range(2):
        assert (
            post(client, "/api/v1/messages", {**MESSAGE, "title": f"入学咨询第{i + 1}次提问"}).status_code
            == 201
        )
    r = post(client, "/api/v1/messages", {**MESSAGE, "title": "入学咨询第三次提问"})
    assert r.status_code == 429 and "频繁" in r.json()["errors"]["__all__"]
    assert Case.objects.count() == 2


def test_duplicate_post_names_the_first_case_without_a_new_secret(client, routed):
    a = post(client, "/api/v1/messages", MESSAGE).json()
    r = post(client, "/api/v1/messages", MESSAGE)
    assert r.status_code == 409 and Case.objects.count() == 1
    b = r.json()
    assert b["code"] == a["code"] and "secret" not in b
    assert f"查询码 {a['code']}" in b["errors"]["__all__"] and "未重复登记" in b["errors"]["__all__"]
    # the first secret still opens the case
    assert post(client, f"/api/v1/messages/{a['code']}/query", {"secret": a["secret"]}).status_code == 200


def test_rating_through_the_api(client, routed, office_user, edu, edu_editor):
    body = post(client, "/api/v1/messages", MESSAGE).json()
    url = f"/api/v1/messages/{body['code']}/rating"
    secret = {"secret": body["secret"]}
    r = post(client, url, {**secret, "rating": 5})
    assert r.status_code == 409 and "答复公开后才能评价" in r.json()["errors"]["rating"]
    case = Case.objects.get(code=body["code"])
    case = actions.dispatch(office_user, case, edu)
    case = actions.submit_reply(edu_editor, case, "金桂大道片区对应恩施市实验小学，8 月 1 日至 5 日报名。")
    actions.review_reply(office_user, case, approve=True)
    for bad in ({"rating": 6}, {"rating": 0}, {"rating": "五"}, {"rating": True}, {}, {"rating": 2.5}):
        r = post(client, url, {**secret, **bad})
        assert r.status_code == 400 and "rating" in r.json()["errors"], bad
    assert post(client, url, {"secret": "NOPE", "rating": 1}).status_code == 404
    r = post(client, url, {**secret, "rating": 1, "comment": "答复没有解决问题"})
    assert r.status_code == 200
    got = r.json()
    assert got["status"] == "supervising" and got["rating"]["label"] == "非常不满意"
    assert got["deadlines"]["supervision_due"] and got["reply"]["department"] == "恩施市教育局"
    assert Case.objects.get(code=body["code"]).rating == Rating.VERY_UNSATISFIED


def test_rating_for_site_errors(client, routed, office_user, office_dept):
    body = post(client, "/api/v1/site-errors", SITE_ERROR).json()
    case = Case.objects.get(code=body["code"])
    case = actions.dispatch(office_user, case, office_dept)
    case = actions.submit_reply(office_user, case, "感谢指正，错别字已于当日更正。")
    actions.review_reply(office_user, case, approve=True)
    r = post(client, f"/api/v1/site-errors/{body['code']}/rating", {"secret": body["secret"], "rating": 5})
    assert r.status_code == 200 and r.json()["status"] == Status.PUBLISHED


def test_a_secret_in_the_url_is_refused_without_looking_it_up(client, routed):
    body = post(client, "/api/v1/messages", MESSAGE).json()
    code, secret = body["code"], body["secret"]
    for r in (
        client.get(f"/api/v1/messages/{code}?secret={secret}"),
        client.get(f"/api/v1/messages/{code}?Secret={secret}"),
        post(client, f"/api/v1/messages/{code}/query?secret={secret}", {"secret": secret}),
        post(client, f"/api/v1/messages/{code}/rating?secret={secret}", {"secret": secret, "rating": 5}),
    ):
        assert r.status_code == 400 and "不能放在网址中" in r.json()["errors"]["secret"]
        assert secret not in r.content.decode() and "status" not in r.json()
    r = client.get(f"/api/v1/messages/{code}")
    assert r.status_code == 400 and "POST" in r.json()["errors"]["secret"]
    assert Case.objects.get(code=code).rating is None


def test_text_is_stored_as_text(client, routed):
    body = post(client, "/api/v1/messages", {**MESSAGE, "title": "<script>alert(1)</script>学位问题"}).json()
    assert Case.objects.get(code=body["code"]).title == "<script>alert(1)</script>学位问题"
