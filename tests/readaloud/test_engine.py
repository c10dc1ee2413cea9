"""The eSpeak NG Mandarin engine really speaks (not silence), at a plausible length, from several threads."""

import array
import math
import threading

import pytest

from gongkai.readaloud.engines import ESpeakNGEngine, TTSEngine, get_engine
from gongkai.readaloud.services import encode_mp3, synthesize_mp3


def rms(pcm):
    samples = array.array("h", pcm)
    return math.sqrt(sum(s * s for s in samples) / len(samples))


@pytest.fixture(scope="module")
def engine():
    return ESpeakNGEngine()


def test_chinese_text_gives_audible_audio_of_plausible_length(engine):
    text = "恩施市人民政府办公室关于印发政务公开工作要点的通知。"
    pcm, rate = engine.synthesize(text)
    assert rate == 22050
    seconds = len(pcm) / 2 / rate
    # Mandarin is read at roughly 3–8 syllables a second; 25 characters take some seconds, not milliseconds
    assert 2.0 < seconds < 15.0
    assert rms(pcm) > 500


def test_longer_text_gives_longer_audio(engine):
    short, _rate = engine.synthesize("公开。")
    long, _ = engine.synthesize("过去一年，我国发展历程很不平凡，党的二十届三中全会胜利召开。")
    assert len(long) > 3 * len(short)


def test_engine_is_safe_from_several_threads(engine):
    texts = ["第一句。", "第二句话比较长一些。", "第三句。", "第四句话最长，有一个逗号。"] * 3
    expected = {t: engine.synthesize(t)[0] for t in set(texts)}
    results, errors = {}, []

    def speak(i, text):
        try:
            results[i] = engine.synthesize(text)[0]
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=speak, args=(i, t)) for i, t in enumerate(texts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # eSpeak's output varies by a few samples from call to call; interleaved calls would mix whole sentences
    for i, text in enumerate(texts):
        assert abs(len(results[i]) - len(expected[text])) < 0.02 * len(expected[text]), text
        assert rms(results[i]) > 500


def test_empty_text_is_silence_not_an_error(engine):
    pcm, rate = engine.synthesize("   ")
    assert pcm == b""
    assert rate > 0


def test_mp3_encoding(engine):
    pcm, rate = engine.synthesize("政务公开。")
    mp3 = encode_mp3(pcm, rate)
    assert mp3[:3] == b"ID3" or (mp3[0] == 0xFF and mp3[1] & 0xE0 == 0xE0)  # ID3 tag or MPEG frame sync
    assert len(mp3) < len(pcm) / 4


def test_default_engine_and_helper(settings):
    settings.GONGKAI_TTS_ENGINE = "gongkai.readaloud.engines.ESpeakNGEngine"
    engine = get_engine()
    assert isinstance(engine, TTSEngine)
    assert engine.name == "espeak-ng"
    assert len(synthesize_mp3("验证码：3 8 5 2")) > 1000


def test_configured_engine_must_implement_the_interface(settings):
    settings.GONGKAI_TTS_ENGINE = "gongkai.readaloud.sentences.DEFAULT_MAX_LEN"
    with pytest.raises(TypeError):
        get_engine()
