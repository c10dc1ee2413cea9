from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from . import protection


@never_cache
def captcha_image(request, key):
    png = protection.render_png(key)
    if png is None:
        raise Http404("验证码已过期")
    return HttpResponse(png, content_type="image/png")
