"""The captcha a script cannot read from the page (issue 18 §3), and rate limits."""

import io

from django import forms
from django.test import RequestFactory, override_settings
from PIL import Image

from gongkai.core import protection
from gongkai.core.forms import CaptchaFormMixin


def code_of(key):
    """The answer, read from the server-side store as only the platform can (the tests share its cache)."""
    return protection.challenge(key)["code"]


def test_the_code_passes_and_a_wrong_one_does_not(db):
    key = protection.new_challenge()
    assert protection.verify(key, code_of(key))
    key = protection.new_challenge()
    wrong = "".join("2" if c != "2" else "3" for c in code_of(key))
    assert not protection.verify(key, wrong)


def test_a_challenge_is_single_use_even_after_a_wrong_answer(db):
    key = protection.new_challenge()
    code = code_of(key)
    assert not protection.verify(key, "0000")
    assert not protection.verify(key, code)


def test_answers_heard_as_chinese_digits_or_typed_full_width(db):
    key = protection.new_challenge()
    code = code_of(key)
    assert protection.verify(key, "".join(protection.DIGITS_CN[int(d)] for d in code))
    key = protection.new_challenge()
    code = code_of(key)
    assert protection.verify(key, " " + code.translate(str.maketrans("0123456789", "０１２３４５６７８９")))


def test_picture_is_a_distorted_png_and_expired_keys_are_404(client, db):
    key = protection.new_challenge()
    first = client.get(f"/captcha/{key}.png")
    assert first.status_code == 200 and first.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(first.content)).size == protection.IMAGE_SIZE
    # drawn anew with random warping and noise each time: no fixed picture to match against
    assert client.get(f"/captcha/{key}.png").content != first.content
    assert client.get("/captcha/nosuchkey.png").status_code == 404


def test_api_hands_out_a_challenge_without_its_answer(client, db):
    body = client.get("/api/v1/captcha").json()
    assert set(body) == {"key", "image", "audio", "required"}
    assert body["image"] == f"/captcha/{body['key']}.png" and body["audio"] == f"/captcha/{body['key']}.mp3"
    assert body["required"] is True
    assert code_of(body["key"]) not in str(body).replace(body["key"], "")


def test_the_form_page_never_shows_the_answer_as_text(client, db):
    html = client.get("/liuyan/xie/").content.decode()
    key = html.split('name="captcha_key" value="', 1)[1].split('"', 1)[0]
    box = html[html.index("data-captcha>") : html.index("</div>", html.index("data-captcha>"))]
    assert code_of(key) not in box.replace(key, "")
    assert "等于几" not in html and 'id="captcha-question"' not in html
    assert "播放语音验证码" in box and "换一张" in box and f'src="/captcha/{key}.png"' in box


class FeedbackForm(CaptchaFormMixin):
    content = forms.CharField()


def test_form_mixin_refuses_a_wrong_answer_with_a_chinese_message(db):
    form = FeedbackForm()
    key = form.initial["captcha_key"]
    bad = FeedbackForm({"content": "网站首页链接打不开", "captcha_key": key, "captcha_answer": "1"})
    assert not bad.is_valid()
    assert "验证码不正确" in bad.errors["captcha_answer"][0]
    bad.refresh_captcha()
    assert bad.captcha["key"] != key
    good = FeedbackForm(
        {
            "content": "网站首页链接打不开",
            "captcha_key": bad.captcha["key"],
            "captcha_answer": code_of(bad.captcha["key"]),
        }
    )
    assert good.is_valid()


@override_settings(GONGKAI_RATE_LIMIT_RULES={"submit": "3/600"})
def test_rate_limit_counts_per_address(db):
    factory = RequestFactory()
    a = factory.post("/", REMOTE_ADDR="10.0.0.1")
    b = factory.post("/", REMOTE_ADDR="10.0.0.2")
    assert [protection.rate_limited(a, "submit") for _ in range(4)] == [False, False, False, True]
    assert protection.rate_limited(b, "submit") is False


@override_settings(GONGKAI_RATE_LIMITS=False, GONGKAI_RATE_LIMIT_RULES={"submit": "1/600"})
def test_rate_limits_can_be_switched_off(db):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert not any(protection.rate_limited(request, "submit") for _ in range(5))
