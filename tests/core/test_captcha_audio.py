"""The audio alternative of the captcha (issue 6 §2): the picture's code spoken in Mandarin by the read-aloud
engine, at a URL that names only the challenge, behind a keyboard-usable "播放语音验证码" control; no answer in the
URL or in the page; listening does not use the challenge up."""

import re

import pytest
from django.test import override_settings

from gongkai.core import protection
from gongkai.readaloud.engines import get_engine

DIGIT_NAMES = "零一二三四五六七八九"


class BrokenEngine:
    """A read-aloud engine that fails, as a missing voice file would."""

    name = "broken"
    version = "1"

    def synthesize(self, text):
        raise RuntimeError("语音库缺失")


def is_mp3(data):
    return data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


def test_the_audio_speaks_the_pictures_code_in_mandarin(client, db, settings):
    settings.GONGKAI_READALOUD_BITRATE = 48
    key = protection.new_challenge()
    code = protection.challenge(key)["code"]
    spoken = protection.spoken_text(key)
    assert [DIGIT_NAMES[int(d)] for d in code] == re.findall(f"[{DIGIT_NAMES}]", spoken.split("再说一遍")[0])
    assert spoken.count("，".join(DIGIT_NAMES[int(d)] for d in code)) == 2  # said twice

    response = client.get(f"/captcha/{key}.mp3")
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert is_mp3(response.content)
    # the engine speaking this text: as long as its own rendering of it (eSpeak varies by a few samples per run)
    seconds = len(response.content) * 8 / (settings.GONGKAI_READALOUD_BITRATE * 1000)
    pcm, rate = get_engine().synthesize(spoken)
    assert seconds > 4 and abs(seconds - len(pcm) / 2 / rate) < 0.5


def test_listening_does_not_use_the_challenge_up_and_the_spoken_code_passes(client, db):
    key = protection.new_challenge()
    code = protection.challenge(key)["code"]
    assert client.get(f"/captcha/{key}.mp3").status_code == 200
    assert client.get(f"/captcha/{key}.mp3").status_code == 200  # replay
    assert protection.verify(key, code)
    assert client.get(f"/captcha/{key}.mp3").status_code == 404  # answered: gone with the challenge


def test_unknown_or_expired_challenges_are_404(client, db):
    assert client.get("/captcha/nosuchkey.mp3").status_code == 404


@override_settings(GONGKAI_RATE_LIMITS=True, GONGKAI_RATE_LIMIT_RULES={"captcha_audio": "2/600"})
def test_new_syntheses_are_rate_limited_replays_are_not(client, db):
    keys = [protection.new_challenge() for _ in range(3)]
    assert client.get(f"/captcha/{keys[0]}.mp3").status_code == 200
    assert client.get(f"/captcha/{keys[1]}.mp3").status_code == 200
    refused = client.get(f"/captcha/{keys[2]}.mp3")
    assert refused.status_code == 429 and "频繁" in refused.content.decode()
    assert client.get(f"/captcha/{keys[0]}.mp3").status_code == 200  # already synthesised: replay is free


@override_settings(GONGKAI_TTS_ENGINE="tests.core.test_captcha_audio.BrokenEngine")
def test_an_engine_failure_is_a_clear_503_and_the_challenge_still_works(client, db):
    key = protection.new_challenge()
    code = protection.challenge(key)["code"]
    response = client.get(f"/captcha/{key}.mp3")
    assert response.status_code == 503 and "图片中的数字" in response.content.decode()
    assert protection.verify(key, code)


@pytest.fixture
def page(client, settings, db):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.GONGKAI_RATE_LIMITS = False
    html = client.get("/liuyan/xie/").content.decode()
    block = re.search(r'<div class="field captcha"[^>]*>.*?</div>', html, re.S).group(0)
    key = re.search(r'name="captcha_key" value="([^"]+)"', block).group(1)
    return html, block, key


def test_the_form_offers_a_keyboard_control_bound_to_the_challenge_and_no_answer(page, db):
    html, block, key = page
    link = re.search(r"<a [^>]*data-captcha-audio[^>]*>([^<]*)</a>", block)
    assert link and link.group(1) == "播放语音验证码"
    assert f'href="/captcha/{key}.mp3"' in link.group(0)  # a link: focusable by Tab, works even without JS
    assert 'role="status"' in block  # what the player says is announced
    assert "/static/core/captcha.js" in html
    code = protection.challenge(key)["code"]
    spoken = "，".join(DIGIT_NAMES[int(d)] for d in code)
    assert code not in block and spoken not in html
    # the strict Content-Security-Policy of this session: no inline script, handler or style in the control
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=|\sstyle=", block)


def test_the_api_challenge_names_its_audio(client, db):
    body = client.get("/api/v1/captcha").json()
    assert body["audio"] == f"/captcha/{body['key']}.mp3"
    assert client.get(body["audio"]).status_code == 200
