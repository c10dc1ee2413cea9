"""Captcha with a text alternative, and rate limits."""

from django import forms
from django.test import RequestFactory, override_settings

from gongkai.core import protection
from gongkai.core.forms import CaptchaFormMixin


def answers(key):
    data = protection.challenge(key)
    question = data["question"]
    a_text, rest = question.split("加") if "加" in question else question.split("减")
    b_text = rest.removesuffix("等于几？")
    to_int = lambda s: int(protection._normalise(s))  # noqa: E731
    value = to_int(a_text) + to_int(b_text) if "加" in question else to_int(a_text) - to_int(b_text)
    return data["code"], str(value)


def test_either_the_picture_or_the_text_question_passes(db):
    key = protection.new_challenge()
    code, _ = answers(key)
    assert protection.verify(key, code)
    key = protection.new_challenge()
    _, text_answer = answers(key)
    assert protection.verify(key, text_answer)


def test_a_challenge_is_single_use_even_after_a_wrong_answer(db):
    key = protection.new_challenge()
    code, _ = answers(key)
    assert not protection.verify(key, "0000")
    assert not protection.verify(key, code)


def test_answers_in_chinese_numerals_and_full_width_digits(db):
    key = protection.new_challenge()
    _, value = answers(key)
    chinese = protection._number_cn(int(value))
    assert protection.verify(key, chinese)
    key = protection.new_challenge()
    code, _ = answers(key)
    assert protection.verify(key, code.translate(str.maketrans("0123456789", "０１２３４５６７８９")))


def test_picture_is_a_png_and_expired_keys_are_404(client, db):
    key = protection.new_challenge()
    response = client.get(f"/captcha/{key}.png")
    assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get("/captcha/nosuchkey.png").status_code == 404


def test_api_hands_out_a_challenge(client, db):
    body = client.get("/api/v1/captcha").json()
    assert (
        body["question"].endswith("等于几？") and body["image"].endswith(".png") and body["required"] is True
    )


class FeedbackForm(CaptchaFormMixin):
    content = forms.CharField()


def test_form_mixin_refuses_a_wrong_answer_with_a_chinese_message(db):
    form = FeedbackForm()
    key = form.initial["captcha_key"]
    bad = FeedbackForm({"content": "网站首页链接打不开", "captcha_key": key, "captcha_answer": "1"})
    assert not bad.is_valid()
    assert "验证码不正确" in bad.errors["captcha_answer"][0]
    bad.refresh_captcha()
    assert bad.captcha["key"] != key and bad.captcha["question"]
    code, _ = answers(bad.captcha["key"])
    good = FeedbackForm(
        {"content": "网站首页链接打不开", "captcha_key": bad.captcha["key"], "captcha_answer": code}
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
