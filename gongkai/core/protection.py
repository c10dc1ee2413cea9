"""Protection of public writes: a captcha a script cannot read from the page, and rate limits (RULES.md §7,
issue 5/6/18).

Captcha. A challenge is four digits, given to the citizen in two forms and never as text in HTML or JSON (a text
question there was answered by any script, issue 18): a distorted picture drawn by the `captcha` library
(/captcha/<key>.png), and the same digits spoken in Mandarin by the read-aloud engine (`render_mp3`, served at
/captcha/<key>.mp3) for those who cannot see the picture. Both URLs name only the challenge, never the answer. The
code is kept in the cache every app process shares (Redis in production, files under VAR_DIR/cache in the
embedded mode: gongkai/core/cache.py), so whichever process takes the answer can check it; a challenge expires
after `CHALLENGE_TTL` seconds and is used up by the first attempt. `GONGKAI_CAPTCHA=off` switches the check off
for the JSON API (load tests, trusted integrations); the HTML forms keep it in production.

Rate limits. A fixed window counter per client address and scope in the cache. `GONGKAI_RATE_LIMITS=off` switches
them off. Limits per scope come from `GONGKAI_RATE_LIMIT_RULES` ({"scope": "count/seconds"}).
"""

import hashlib
import io
import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import cache

CHALLENGE_TTL = 600
CODE_LENGTH = 4
CODE_DIGITS = "23456789"  # no 0/1: not confused with O/l in the picture, nor 一/七 with 幺 when spoken
IMAGE_SIZE = (160, 60)
DIGITS_CN = "零一二三四五六七八九"
ANSWER_DIGITS = str.maketrans("０１２３４５６７８９零一二三四五六七八九幺", "012345678901234567891")
DEFAULT_RULES = {
    "submit": "20/600",  # public form or API submissions per address per 10 minutes
    "query": "120/60",  # tracking-code look-ups per address per minute
    "rating": "20/600",
    "integration": "120/60",  # calls of a token-authenticated integration (12345) per address per minute
}


def _digest(key, answer):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{key}:{answer.strip()}".encode()).hexdigest()


def new_challenge():
    """Create a challenge; returns its key. The code (for drawing and speaking it) and its hashed answer are kept
    in the shared cache only."""
    key = secrets.token_urlsafe(16)
    code = "".join(secrets.choice(CODE_DIGITS) for _ in range(CODE_LENGTH))
    cache.set(f"captcha:{key}", {"code": code, "answer": _digest(key, code)}, CHALLENGE_TTL)
    return key


def challenge(key):
    return cache.get(f"captcha:{key}")


def _normalise(answer):
    """Full-width digits, and digits written as heard in the audio (二三四五), count as the digits; spaces are
    ignored."""
    answer = "".join((answer or "").split())
    return answer.translate(ANSWER_DIGITS)


def verify(key, answer):
    """True if `answer` is the code of challenge `key` (seen in the picture or heard). A challenge is used up by any
    attempt, right or wrong, so it cannot be guessed at repeatedly."""
    if not key or not answer:
        return False
    data = cache.get(f"captcha:{key}")
    # used up by whoever deletes it: of two requests racing with the same challenge (two app processes) one wins
    if not data or not cache.delete(f"captcha:{key}"):
        return False
    return secrets.compare_digest(_digest(key, _normalise(answer)), data["answer"])


def captcha_required_for_api():
    return getattr(settings, "GONGKAI_CAPTCHA", True)


def render_png(key):
    """The distorted picture of the code (warped, rotated glyphs over noise curves and dots), drawn by the `captcha`
    library with the font it ships (no font download)."""
    from captcha.image import ImageCaptcha

    data = cache.get(f"captcha:{key}")
    if not data:
        return None
    image = ImageCaptcha(width=IMAGE_SIZE[0], height=IMAGE_SIZE[1]).generate_image(data["code"])
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


AUDIO_CACHE_PREFIX = "captcha-audio:"


def spoken_text(key):
    """What the audio says for challenge `key`: the picture's four digits (2–9, so no 一/七 confusion with 幺),
    one by one with a pause between them, twice. None if the challenge has expired."""
    data = cache.get(f"captcha:{key}")
    if not data:
        return None
    digits = "，".join(DIGITS_CN[int(d)] for d in data["code"])
    return f"验证码：{digits}。再说一遍：{digits}。"


#: the function that speaks a text as MP3 bytes — `speak(text, engine=None)`. Core is the ground floor and imports
#: no other app: the read-aloud app hands its synthesiser in when it starts (gongkai/readaloud/apps.py).
_speaker = None


def set_speaker(speak):
    global _speaker
    _speaker = speak


def render_mp3(key, engine=None):
    """The spoken code as MP3 bytes, or None if the challenge has expired. Synthesised once per challenge and kept
    beside it in the cache (same lifetime), so replaying costs nothing; listening does not use the challenge up."""
    text = spoken_text(key)
    if text is None:
        return None
    cache_key = f"{AUDIO_CACHE_PREFIX}{key}"
    audio = cache.get(cache_key)
    if audio is None:
        if _speaker is None:
            raise RuntimeError("没有可用的语音合成：语音解读应用（gongkai.readaloud）未安装")
        audio = _speaker(text, engine=engine)
        cache.set(cache_key, audio, CHALLENGE_TTL)
    return audio


def audio_cached(key):
    return cache.get(f"{AUDIO_CACHE_PREFIX}{key}") is not None


# --- rate limits ----------------------------------------------------------------------------------------------
def client_address(request):
    """The client's address: rate limits, the sign-in lockout and the audit's 来源地址 are counted under it.

    With `GONGKAI_TRUST_PROXY = n` (n reverse proxies in front of the app, each appending the address it saw) the
    client is the n-th X-Forwarded-For entry from the right; entries further left were written by the client and
    are never believed. Without the setting, or when the header is missing, too short or not an address, the
    connection's own address counts."""
    hops = settings.GONGKAI_TRUST_PROXY
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if hops and len(forwarded) >= hops:
        try:
            return str(ipaddress.ip_address(forwarded[-hops]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")


def _rule(scope):
    rules = {**DEFAULT_RULES, **getattr(settings, "GONGKAI_RATE_LIMIT_RULES", {})}
    count, seconds = rules.get(scope, DEFAULT_RULES["submit"]).split("/")
    return int(count), int(seconds)


def rate_limited(request, scope):
    """Count this request against its address's window; True if the limit is exceeded."""
    if not getattr(settings, "GONGKAI_RATE_LIMITS", True):
        return False
    limit, seconds = _rule(scope)
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, seconds + 5):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds + 5)
        return False
    return count > limit


RATE_LIMIT_MESSAGE = "提交过于频繁，请稍后再试。"
CAPTCHA_MESSAGE = "验证码不正确或已过期，请换一张后重新填写图片中或语音播报的 4 位数字。"
