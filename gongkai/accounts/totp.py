"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), with the standard library only.

Six digits, 30-second steps, HMAC-SHA1 — what every authenticator app (微信小程序「腾讯身份验证器」, FreeOTP,
Google Authenticator, Microsoft Authenticator) understands from an `otpauth://` URI. A code is accepted within one
step either side (clock drift) and only once: the step used is stored so a code seen over a shoulder cannot be
replayed.
"""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
STEP = 30
WINDOW = 1


def new_secret():
    """160 random bits, Base32 without padding (RFC 4226 recommends ≥ 128 bits; 160 matches SHA-1)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret):
    secret = secret.strip().replace(" ", "").upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def hotp(secret, counter, digits=DIGITS):
    """RFC 4226 §5.3: dynamic truncation of HMAC-SHA1(key, counter)."""
    mac = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def step_at(when=None):
    return int((time.time() if when is None else when) // STEP)


def totp(secret, when=None):
    return hotp(secret, step_at(when))


def match(secret, code, *, when=None, after_step=0):
    """The time step that `code` is valid for (within ±WINDOW steps and later than `after_step`), or None."""
    code = (code or "").strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdecimal():
        return None
    now = step_at(when)
    for step in range(now - WINDOW, now + WINDOW + 1):
        if step > after_step and hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret, account, issuer):
    """The `otpauth://totp/…` URI an authenticator app reads from the QR code (Key Uri Format)."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP}, quote_via=quote)
    return f"otpauth://totp/{label}?{query}"


def qr_svg(uri):
    """The URI as an inline SVG QR code, drawn on the server (segno, pure Python): no QR service is called."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(uri, error="m", micro=False).save(
        out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, title="动态口令绑定二维码"
    )
    return out.getvalue().decode()
