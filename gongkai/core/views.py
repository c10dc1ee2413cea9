import logging

from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from . import protection

logger = logging.getLogger("gongkai.core")


@never_cache
def captcha_image(request, key):
    png = protection.render_png(key)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")


@never_cache
def captcha_audio(request, key):
    """The challenge's code spoken in Mandarin (the audio alternative of the picture). Synthesis costs CPU, so a
    new synthesis counts against the client's "captcha_audio" rate limit; replaying a cached one does not."""
    if protection.spoken_text(key) is None:
        raise Http404("验证码已过期")
    if not protection.audio_cached(key) and protection.rate_limited(request, "captcha_audio"):
        return HttpResponse(
            protection.RATE_LIMIT_MESSAGE, status=429, content_type="text/plain; charset=utf-8"
        )
    try:
        audio = protection.render_mp3(key)
    except Exception:  # an engine failure must not break the form: the picture remains
        logger.exception("语音验证码合成失败")
        return HttpResponse(
            "语音验证码暂时无法播放，请填写图片中的数字，看不清可换一张。",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    if audio is None:
        raise Http404("验证码已过期")
    response = HttpResponse(audio, content_type="audio/mpeg")
    response["Content-Disposition"] = 'inline; filename="captcha.mp3"'
    return response
