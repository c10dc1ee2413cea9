"""Citizen cases are followed with a tracking code and a secret (issue 16 item 6, issue 20 item 6): one policy for
依申请公开 (YSQ) and 互动交流 (留言 LY, 纠错 JC, 12345 RX).

- **Codes**: prefix + year + a random part from `ALPHABET`, e.g. `LY2026-K7QM3H`. The alphabet has no 0/O, 1/I/l,
  so a code read out on the telephone or copied from paper is typed right the first time. Codes are not secret
  (the message board shows them); what a code opens needs the secret.
- **Secrets**: 12 characters of the same alphabet in groups of four, `K7QM-3HXP-9RTD` (60 bits). What the
  citizen types is normalised first: case, spaces, hyphens and full-width characters (a Chinese input method's
  `ＫＡ`) do not matter.
- **Stored**: only `hash_secret(purpose, secret)`, an HMAC-SHA256 under `settings.SECRET_KEY` with the pillar's
  purpose (`"foi"`, `"interaction.secret"`). A copy of the database does not reveal any secret; the secret is
  shown once, on the receipt.
- **Verified** in constant time (`verify`), also when the code does not exist (`find` compares against a dummy
  hash then), so neither the answer nor its timing says which of the two was wrong.
- **Never in a URL**: look-ups are POSTed (`secret_in_url` spots a `?secret=` so the page refuses it without
  echoing it); after a successful look-up the browser session remembers the case for `SESSION_SECONDS`
  (`remember` / `remembered`), so the follow-up links (a notice to download, the rating form) carry no secret.
- **Duplicates**: `recent_duplicate` finds the same submission within the pillar's window; the second one is not
  stored and the citizen is told the existing code (`duplicate_message`). The one-time receipt waits in the
  session (`hold_receipt` / `take_receipt`), so a double click in the same browser still shows the secret once.
"""

import datetime
import hashlib
import hmac
import secrets
import time
import unicodedata
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import QueryDict

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 characters: no 0, O, 1, I, l
CODE_RANDOM_LENGTH = 6
SECRET_GROUPS = 3
SECRET_GROUP_LENGTH = 4
SESSION_SECONDS = 30 * 60  # a look-up opens the case's links in this browser for half an hour
URL_REFUSED_MESSAGE = (
    "为保护您的信息，查询密码不能放在网址中。请在本页的表单中输入查询码和查询密码后点击“查询”；"
    "如您从他人提供的链接进入，请勿继续使用该链接。"
)
API_URL_REFUSED_MESSAGE = "查询密码不能放在网址中，请在请求体（JSON）的 secret 字段中提交。"


def random_part(length):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_code(prefix, year, exists, *, length=CODE_RANDOM_LENGTH):
    """`{prefix}{year}-{random}`, not yet used (`exists(code)` → bool)."""
    while True:
        code = f"{prefix}{year}-{random_part(length)}"
        if not exists(code):
            return code


def new_secret():
    """A secret to read aloud: `K7QM-3HXP-9RTD`."""
    return "-".join(random_part(SECRET_GROUP_LENGTH) for _ in range(SECRET_GROUPS))


def normalize_code(code):
    return "".join(unicodedata.normalize("NFKC", code or "").split()).upper()


def normalize_secret(secret):
    """What the citizen typed, as the secret was issued: full-width → half-width, no spaces or hyphens, upper case."""
    text = unicodedata.normalize("NFKC", secret or "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-_–—").upper()


def hash_secret(purpose, secret):
    """What is stored: an HMAC of the normalised secret under SECRET_KEY (64 hex digits)."""
    return _hmac(purpose, normalize_secret(secret))


def _hmac(purpose, value):
    return hmac.new(settings.SECRET_KEY.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


_DUMMY = "0" * 64


def verify(purpose, stored_hash, typed, *, exact=False):
    """True when `typed` is the secret whose hash is stored. Constant time: both candidate hashes are always
    computed and compared, whatever the input.

    `exact=True` also accepts the typed text only stripped (not normalised): FOI's secrets issued before this
    module were case-sensitive `token_urlsafe` strings, hashed as given."""
    stored = (stored_hash or _DUMMY).encode()
    typed = typed or ""
    ok = hmac.compare_digest(stored, _hmac(purpose, normalize_secret(typed)).encode())
    legacy = hmac.compare_digest(stored, _hmac(purpose, typed.strip()).encode())
    return bool(typed.strip()) and bool(stored_hash) and (ok | (exact and legacy))


def find(queryset, code_field, hash_field, purpose, code, secret, *, exact=False):
    """The one case with this code and secret, or None — the same answer and the same work for a wrong code and a
    wrong secret."""
    case = queryset.filter(**{code_field: normalize_code(code)}).first() if code else None
    stored = getattr(case, hash_field, "") if case is not None else ""
    if not verify(purpose, stored or _DUMMY, secret, exact=exact):
        return None
    return case if case is not None and stored else None


# --- secrets never travel in a URL ----------------------------------------------------------------------------
def _secret_key(name):
    return "secret" in name.lower()


def secret_in_url(request):
    """A query string carried a secret (`?secret=`, any spelling of the name): the look-up is refused, never
    made. `SecretQueryMiddleware` has already taken it out of the request."""
    return getattr(request, "gongkai_secret_in_url", False) or any(_secret_key(k) for k in request.GET)


class SecretQueryMiddleware:
    """Before anything reads the request: a `secret…=` parameter is taken out of the query string (and noted),
    so no page echoes it back into a URL it makes — the page shell's `?next=` of the 适老化 and 无障碍 links, a
    sign-in redirect, a pagination link — and no view can use it. The tracking pages then refuse the look-up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "secret" in query.lower():
            pairs = parse_qsl(query, keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if not _secret_key(k)]
            if len(kept) != len(pairs):
                request.gongkai_secret_in_url = True
                request.META["QUERY_STRING"] = urlencode(kept)
                request.GET = QueryDict(request.META["QUERY_STRING"], encoding=request.encoding)
        return self.get_response(request)


# --- the browser session after a POSTed look-up -----------------------------------------------------------------
def remember(request, key, pk, *, keep=10):
    """This browser gave the case's secret just now: its follow-up links work for SESSION_SECONDS."""
    now = int(time.time())
    held = {p: t for p, t in _held(request, key).items() if p != str(pk) and now - t < SESSION_SECONDS}
    newest = dict(sorted(held.items(), key=lambda item: item[1])[-(keep - 1) :])
    request.session[key] = {**newest, str(pk): now}


def remembered(request, key, pk):
    at = _held(request, key).get(str(pk))
    return at is not None and time.time() - at < SESSION_SECONDS


def _held(request, key):
    value = request.session.get(key)
    return value if isinstance(value, dict) else {}  # an older list of ids without times is not honoured


def hold_receipt(request, key, code, secret):
    """The receipt to show once (a redirect after the POST; the secret is in no URL)."""
    request.session[key] = {"code": code, "secret": secret, "at": int(time.time())}


def take_receipt(request, key, code=None):
    """The held receipt, removed from the session; None if there is none (or it is for another code, or old)."""
    data = request.session.get(key)
    if not isinstance(data, dict) or (code is not None and data.get("code") != code):
        return None
    request.session.pop(key)
    if time.time() - data.get("at", 0) > SESSION_SECONDS:
        return None
    return {"code": data["code"], "secret": data["secret"]}


def pending_receipt(request, key, code):
    """Is the receipt of `code` still waiting in this session (a double click: the first response was never
    shown)?"""
    data = request.session.get(key)
    return isinstance(data, dict) and data.get("code") == code


# --- duplicate submissions ---------------------------------------------------------------------------------------
def recent_duplicate(queryset, *, time_field, at, minutes):
    """The latest case of `queryset` (already filtered to the same submission) received in the `minutes` before
    `at`, or None."""
    window = at - datetime.timedelta(minutes=minutes)
    return (
        queryset.filter(**{f"{time_field}__gte": window, f"{time_field}__lte": at})
        .order_by(f"-{time_field}")
        .first()
    )


def duplicate_message(what, minutes, code):
    return (
        f"您在 {minutes} 分钟内已提交过内容相同的{what}（查询码 {code}），本次未重复登记。"
        "请使用该查询码和首次提交时显示的查询密码查询进度。"
    )
