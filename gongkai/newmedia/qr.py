"""QR codes drawn on the server (segno, pure Python, SVG): nothing fetched from any QR service."""

import io

import segno
from django.core.cache import cache


def qr_svg(url):
    """An SVG of the QR code for `url`, cached (the same link always gives the same picture)."""
    key = "newmedia:qr:" + url
    svg = cache.get(key)
    if svg is None:
        out = io.BytesIO()
        segno.make(url, error="m", micro=False).save(
            out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, title=None
        )
        svg = out.getvalue().decode()
        cache.set(key, svg, 24 * 3600)
    return svg
