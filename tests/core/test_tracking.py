"""The one tracking policy of citizen cases (issue 16 item 6, issue 20 item 6): readable codes and secrets, only a
keyed hash stored, the same work for every wrong answer, and no secret in a URL."""

import hmac
import re

from django.conf import settings
from django.test import RequestFactory, override_settings

from gongkai.core import tracking

CONFUSABLE = set("0O1Il")


def test_the_alphabet_has_nothing_to_confuse_on_the_telephone():
    assert not CONFUSABLE & set(tracking.ALPHABET)
    assert len(set(tracking.ALPHABET)) == len(tracking.ALPHABET) == 32  # 5 bits a character


def test_codes_are_prefix_year_and_a_readable_random_part():
    taken = {"LY2026-222222"}
    codes = {tracking.new_code("LY", 2026, taken.__contains__) for _ in range(200)}
    assert all(re.fullmatch(r"LY2026-[2-9A-HJ-NP-Z]{6}", c) for c in codes)
    assert not taken & codes and len(codes) > 190  # random, and a code already used is never issued again


def test_secrets_are_grouped_for_reading_aloud():
    secrets = [tracking.new_secret() for _ in range(200)]
    assert all(re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", s) for s in secrets)
    assert not CONFUSABLE & set("".join(secrets)) and len(set(secrets)) == 200


def test_what_the_citizen_types_is_normalised():
    assert tracking.normalize_secret(" k7qm 3hxp－9rtd ") == "K7QM3HXP9RTD"
    assert (
        tracking.normalize_secret("Ｋ７ＱＭ-３ＨＸＰ-９ＲＴＤ") == "K7QM3HXP9RTD"
    )  # full-width input method
    assert tracking.normalize_code(" ysq2026-k7qm3h ") == "YSQ2026-K7QM3H"


def test_only_a_keyed_hash_is_stored_and_it_verifies():
    secret = tracking.new_secret()
    stored = tracking.hash_secret("foi", secret)
    assert len(stored) == 64 and secret not in stored and secret.replace("-", "") not in stored
    assert tracking.verify("foi", stored, secret.lower().replace("-", " "))
    assert not tracking.verify("interaction.secret", stored, secret)  # another pillar's purpose
    assert not tracking.verify("foi", stored, "") and not tracking.verify("foi", "", secret)
    with override_settings(SECRET_KEY="另一把密钥" * 12):
        assert not tracking.verify("foi", stored, secret)  # keyed: a copy of the database cannot test guesses


def test_exact_mode_keeps_case_sensitive_secrets_of_before():
    old = "q-7Zk_3mPxa9"  # secrets.token_urlsafe(9), as FOI issued them until now
    stored = hmac.new(settings.SECRET_KEY.encode(), f"foi:{old}".encode(), "sha256").hexdigest()
    assert tracking.verify("foi", stored, old, exact=True)
    assert not tracking.verify("foi", stored, old.upper(), exact=True)
    assert not tracking.verify("foi", stored, old)  # without exact only the readable policy applies


def test_a_secret_is_taken_out_of_every_query_string():
    seen = {}

    def view(request):
        seen.update(
            query=request.META["QUERY_STRING"], get=dict(request.GET), flag=tracking.secret_in_url(request)
        )
        return None

    middleware = tracking.SecretQueryMiddleware(view)
    middleware(RequestFactory().get("/liuyan/chaxun/?code=LY2026-K7QM3H&secret=K7QM-3HXP-9RTD&Secret2=x"))
    assert seen == {"query": "code=LY2026-K7QM3H", "get": {"code": ["LY2026-K7QM3H"]}, "flag": True}
    middleware(RequestFactory().get("/liuyan/?q=%E5%AD%A6%E4%BD%8D&page=2"))
    assert seen["query"] == "q=%E5%AD%A6%E4%BD%8D&page=2" and seen["flag"] is False


def test_the_duplicate_check_finds_the_same_submission_within_its_window(db):
    import datetime

    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    at = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    users.create(username="xianghongmei", date_joined=at - datetime.timedelta(minutes=4))
    same = users.filter(username="xianghongmei")
    assert tracking.recent_duplicate(same, time_field="date_joined", at=at, minutes=10) is not None
    assert tracking.recent_duplicate(same, time_field="date_joined", at=at, minutes=3) is None
    message = tracking.duplicate_message("留言", 10, "LY2026-K7QM3H")
    assert "10 分钟内" in message and "LY2026-K7QM3H" in message and "未重复登记" in message
