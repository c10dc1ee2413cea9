"""Citizens' query secrets across both pillars (issue 16 item 6, issue 20 item 6): no `secret=` in any URL the site
makes — pages, redirects, e-mails, text messages, API answers; old cases keep their secrets; every wrong answer
takes the same path; a duplicate is never stored twice nor given a second secret."""

import hashlib
import hmac
import html as html_lib
import importlib
import re
from urllib.parse import unquote

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from gongkai.core import protection, tracking
from gongkai.foi import actions as foi_actions
from gongkai.foi.models import Application
from gongkai.interaction import actions as interaction_actions
from gongkai.interaction.models import Case, Channel
from gongkai.interaction.notify import LoggingSmsGateway
from tests.foi.conftest import person_payload
from tests.interaction.conftest import MESSAGE, _fresh_categories, routed  # noqa: F401 — fixtures

pytestmark = pytest.mark.usefixtures("db")

ATTRIBUTE_URL = re.compile(r'(?:href|src|action|formaction|content|data-[\w-]+)\s*=\s*"([^"]*)"')
TEXT_URL = re.compile(r"(?:https?://|/)[^\s\"'<>，。）]*")


def urls_in(text):
    text = html_lib.unescape(text)
    return ATTRIBUTE_URL.findall(text) + TEXT_URL.findall(text)


class Crawl:
    """Everything the site handed out in one journey: page bodies, Location headers, mails, text messages."""

    def __init__(self):
        self.texts = []
        self.secrets = set()

    def response(self, response):
        if "Location" in response:
            self.texts.append(response["Location"])
        if not getattr(response, "streaming", False):
            self.texts.append(response.content.decode())
        return response

    def check(self):
        assert self.secrets, "the journey issued no secret"
        urls = [u for text in self.texts for u in urls_in(text)]
        mails = [m.body + m.subject for m in mail.outbox]
        urls += [u for text in mails + [t for _, t in LoggingSmsGateway.sent] for u in urls_in(text)]
        assert len(urls) > 50  # the crawl really read the pages
        # a form sent by GET makes a URL of its fields: none of them may be a secret
        for text in self.texts:
            for form in re.findall(r"<form\b[^>]*>.*?</form>", text, re.S | re.I):
                method = re.search(r'method\s*=\s*"?(\w+)', form[: form.index(">")], re.I)
                if method is None or method.group(1).lower() != "post":
                    assert not re.search(r'name\s*=\s*"[^"]*secret', form, re.I), form
        for url in urls:
            plain = unquote(unquote(url)).lower()
            assert "secret=" not in plain, url
            for secret in self.secrets:
                assert secret.lower() not in plain and secret.replace("-", "").lower() not in plain, url


def solve(client, path, crawl):
    page = crawl.response(client.get(path)).content.decode()
    key = re.search(r'name="captcha_key" value="([^"]+)"', page).group(1)
    return {"captcha_key": key, "captcha_answer": protection.challenge(key)["code"]}


@pytest.fixture
def crawl(settings):
    settings.GONGKAI_RATE_LIMITS = False
    LoggingSmsGateway.sent = []
    return Crawl()


def test_no_secret_in_any_url_of_the_foi_journey(
    client, crawl, office_user, django_capture_on_commit_callbacks
):
    r = crawl.response(
        client.post("/ysqgk/shenqing/", {**person_payload(), **solve(client, "/ysqgk/shenqing/", crawl)})
    )
    assert r.status_code == 302
    receipt = crawl.response(client.get(r["Location"]))
    secret = receipt.context["secret"]
    crawl.secrets.add(secret)
    app = Application.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        foi_actions.confirm_receipt(office_user, app)  # the 回执 e-mail to the applicant
    assert mail.outbox and app.tracking_code in mail.outbox[-1].subject
    page = crawl.response(
        client.post("/ysqgk/chaxun/", {"tracking_code": app.tracking_code, "secret": secret})
    )
    assert "告知文书" in page.content.decode()  # the receipt notice, a download link without the secret
    with override_settings(GONGKAI_CAPTCHA=False):
        body = crawl.response(
            client.post(
                "/api/v1/foi/applications",
                person_payload(
                    name="向春兰",
                    description="请公开恩施市2025年农村危房改造补助资金的分配明细及受益户数统计表。",
                ),
                content_type="application/json",
            )
        ).json()
    crawl.secrets.add(body["secret"])
    crawl.response(
        client.post(
            f"/api/v1/foi/applications/{body['tracking_code']}/query",
            {"secret": body["secret"]},
            content_type="application/json",
        )
    )
    # someone else's link with the secret in it: refused, and no page echoes it into a link of its own
    for path in ("/ysqgk/chaxun/", "/ysqgk/shenqing/", "/"):
        crawl.response(client.get(f"{path}?tracking_code={app.tracking_code}&secret={secret}"))
    crawl.check()


def test_no_secret_in_any_url_of_the_message_journey(
    client,
    crawl,
    routed,  # noqa: F811
    office_user,
    edu,
    edu_editor,
    office_dept,
    django_capture_on_commit_callbacks,
):
    data = {**MESSAGE, "email": "xianghm@example.com", "public": "on"}
    r = crawl.response(client.post("/liuyan/xie/", {**data, **solve(client, "/liuyan/xie/", crawl)}))
    assert r.status_code == 302
    receipt = crawl.response(client.get(r["Location"]))
    secret = receipt.context["secret"]
    crawl.secrets.add(secret)
    error = {
        "page_url": "https://www.enshi.gov.cn/zwgk/tzgg/202611/t20261120_1234.shtml",
        "description": "通知正文第二段“恩施市人民政府”写成了“恩施市人民政付”。",
        "phone": "13907185678",
    }
    r = crawl.response(client.post("/jiucuo/", {**error, **solve(client, "/jiucuo/", crawl)}))
    crawl.secrets.add(crawl.response(client.get(r["Location"])).context["secret"])
    case = Case.objects.get(channel=Channel.MESSAGE)
    with django_capture_on_commit_callbacks(execute=True):
        case = interaction_actions.dispatch(office_user, case, edu)
        case = interaction_actions.submit_reply(
            edu_editor, case, "经核实，金桂大道片区对应恩施市实验小学，请于 8 月 1 日至 5 日报名。"
        )
        interaction_actions.review_reply(office_user, case, approve=True)  # the e-mail and the text message
    assert mail.outbox and LoggingSmsGateway.sent and "/liuyan/chaxun/" in LoggingSmsGateway.sent[-1][1]
    page = crawl.response(client.post("/liuyan/chaxun/", {"code": case.code, "secret": secret}))
    assert "评价本次答复" in page.content.decode()
    crawl.response(client.post("/liuyan/chaxun/", {"code": case.code, "rating": "4"}))
    with override_settings(GONGKAI_CAPTCHA=False):
        body = crawl.response(
            client.post(
                "/api/v1/messages",
                {**MESSAGE, "title": "城区道路维修进度询问"},
                content_type="application/json",
            )
        ).json()
    crawl.secrets.add(body["secret"])
    crawl.response(
        client.post(
            f"/api/v1/messages/{body['code']}/query",
            {"secret": body["secret"]},
            content_type="application/json",
        )
    )
    for path in ("/liuyan/chaxun/", "/jiucuo/chaxun/", "/liuyan/", f"/liuyan/{case.code}/"):
        crawl.response(client.get(f"{path}?code={case.code}&secret={secret}"))
    crawl.check()
    assert Case.objects.get(pk=case.pk).rating == 4


# --- cases from before the shared policy ------------------------------------------------------------------------
def derived_secret(code):
    """How interaction made a case's secret until now (gongkai/interaction/models.py `secret_for`)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"interaction:{code}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:10].upper()


def test_a_message_from_before_keeps_its_code_and_secret(client, routed, settings):  # noqa: F811
    settings.GONGKAI_RATE_LIMITS = False
    from gongkai.interaction import intake

    cleaned, _ = intake.validate_message(MESSAGE)
    case, _ = interaction_actions.submit(Channel.MESSAGE, cleaned)
    # as the database held it before migration 0006: a code of the old form, no stored hash
    Case.objects.filter(pk=case.pk).update(code="LY20261102123456", secret_hash="")
    migration = importlib.import_module("gongkai.interaction.migrations.0006_case_secret_hash")
    migration.store_hashes(apps, None)
    old_secret = derived_secret("LY20261102123456")
    assert "0" in old_secret or "1" in old_secret or re.fullmatch(r"[0-9A-F]{10}", old_secret)
    page = client.post("/liuyan/chaxun/", {"code": "LY20261102123456", "secret": old_secret.lower()})
    assert MESSAGE["title"] in page.content.decode()
    r = client.post(
        "/api/v1/messages/LY20261102123456/query", {"secret": old_secret}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["code"] == "LY20261102123456"
    assert (
        client.post("/liuyan/chaxun/", {"code": "LY20261102123456", "secret": "ABCDEF1234"}).context["case"]
        is None
    )


# --- the same work for every wrong answer ----------------------------------------------------------------------
@pytest.mark.parametrize("pillar", ["foi", "interaction"])
def test_a_wrong_code_and_a_wrong_secret_take_the_same_path(monkeypatch, routed, pillar):  # noqa: F811
    from gongkai.foi import services
    from gongkai.foi import tracking as foi_tracking
    from gongkai.interaction import intake
    from gongkai.interaction import tracking as interaction_tracking

    if pillar == "foi":
        app, secret = foi_actions.submit(services.validate(person_payload())[0])
        code = app.tracking_code

        def find(c, s):
            return foi_tracking.find(c, s)
    else:
        case, secret = interaction_actions.submit(Channel.MESSAGE, intake.validate_message(MESSAGE)[0])
        code = case.code

        def find(c, s):
            return interaction_tracking.find([Channel.MESSAGE], c, s)

    compared, hashed = [], []
    real_compare, real_hmac = hmac.compare_digest, tracking._hmac
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: compared.append(1) or real_compare(a, b))
    monkeypatch.setattr(tracking, "_hmac", lambda p, v: hashed.append(1) or real_hmac(p, v))
    work = []
    for typed_code, typed_secret, found in (
        (code[:-1] + ("Z" if code[-1] != "Z" else "Y"), secret, False),  # another case's code
        (code, "WRONG-WRON-GWRO", False),
        (code, secret, True),
    ):
        compared.clear()
        hashed.clear()
        assert (find(typed_code, typed_secret) is not None) is found
        work.append((len(compared), len(hashed)))
    assert work[0] == work[1] == work[2] == (2, 2)


# --- duplicates: the same check in both pillars ------------------------------------------------------------------
def test_a_double_click_on_the_foi_form_shows_the_first_receipt(client, settings):
    settings.GONGKAI_RATE_LIMITS = False
    crawl = Crawl()
    first = client.post("/ysqgk/shenqing/", {**person_payload(), **solve(client, "/ysqgk/shenqing/", crawl)})
    again = client.post("/ysqgk/shenqing/", {**person_payload(), **solve(client, "/ysqgk/shenqing/", crawl)})
    assert first["Location"] == again["Location"] == "/ysqgk/huizhi/" and Application.objects.count() == 1
    assert client.get("/ysqgk/huizhi/").context["code"] == Application.objects.get().tracking_code
    other = Client()
    page = other.post("/ysqgk/shenqing/", {**person_payload(), **solve(other, "/ysqgk/shenqing/", crawl)})
    text = page.content.decode()
    code = Application.objects.get().tracking_code
    assert f"查询码 {code}" in text and "未重复登记" in text and Application.objects.count() == 1


@override_settings(GONGKAI_CAPTCHA=False, GONGKAI_RATE_LIMITS=False)
def test_a_duplicate_foi_application_by_the_api_names_the_first_case(client):
    first = client.post("/api/v1/foi/applications", person_payload(), content_type="application/json").json()
    r = client.post("/api/v1/foi/applications", person_payload(), content_type="application/json")
    assert r.status_code == 400 and f"查询码 {first['tracking_code']}" in r.json()["errors"]["description"]
    assert "secret" not in r.json() and Application.objects.count() == 1


def test_the_message_duplicate_check_is_the_shared_one(routed):  # noqa: F811
    import datetime

    from gongkai.interaction import intake

    cleaned, _ = intake.validate_message(MESSAGE)
    at = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    first, secret = interaction_actions.submit(Channel.MESSAGE, cleaned, now=at)
    again, no_secret = interaction_actions.submit(
        Channel.MESSAGE, dict(cleaned), now=at + datetime.timedelta(minutes=9)
    )
    assert secret and no_secret is None and again.pk == first.pk and Case.objects.count() == 1
    later, later_secret = interaction_actions.submit(
        Channel.MESSAGE, dict(cleaned), now=at + datetime.timedelta(minutes=30)
    )
    assert later_secret and later.pk != first.pk
