"""Personal data of applicants and citizens is encrypted at rest; the lookups that need equality still work."""

import pytest
from django.db import connection
from django.test import override_settings

from gongkai.core import crypto
from gongkai.foi.models import Application
from gongkai.interaction.models import Case
from tests.foi.conftest import RESIDENT_ID, person_payload
from tests.interaction.conftest import MESSAGE


def raw_row(model, pk, columns):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def test_the_raw_foi_row_holds_no_plaintext_personal_data(submit_case):
    app = submit_case(person_payload())
    raw = raw_row(Application, app.pk, ["name", "id_number", "phone", "email", "address"])
    for stored, plain in zip(
        raw,
        ["向春梅", RESIDENT_ID, "13907181234", "xiangcm@example.com", "湖北省恩施市舞阳坝街道金桂大道 88 号"],
        strict=True,
    ):
        assert stored.startswith("gk1$") and plain not in stored
        # not even a fragment of the number
        assert "13907181234"[:7] not in stored and RESIDENT_ID[:6] not in stored
    fresh = Application.objects.get(pk=app.pk)
    assert (fresh.name, fresh.id_number, fresh.phone) == ("向春梅", RESIDENT_ID, "13907181234")


def test_the_raw_interaction_row_holds_no_plaintext_contact(make_message):
    case = make_message(email="xianghm@example.com")
    raw = raw_row(Case, case.pk, ["name", "phone", "email"])
    assert all(v.startswith("gk1$") for v in raw)
    assert not any(p in "".join(raw) for p in ("向红梅", "13907181234", "xianghm@example.com"))
    assert Case.objects.get(pk=case.pk).phone == "13907181234"


def test_the_free_text_is_encrypted_too_and_read_back_for_the_screens(submit_case, make_message, client):
    """Issue 18 item 10: the applicant's description and the citizen's own message text are not in the raw rows;
    the model reads them back, so the office's screens and the public board (masked) still show them."""
    app = submit_case(
        person_payload(
            description="请公开本人（向春梅，舞阳坝街道金桂大道 88 号）2025年低保资格复核的审批表。"
        )
    )
    (stored,) = raw_row(Application, app.pk, ["description"])
    assert stored.startswith("gk1$") and "向春梅" not in stored and "低保" not in stored
    assert "金桂大道 88 号" in Application.objects.get(pk=app.pk).description
    # the duplicate check's key is keyed, so the copy of the database cannot test a guessed text against it
    import hashlib

    assert app.text_key != hashlib.sha256("".join(app.description.split()).encode()).hexdigest()

    case = make_message(content="我是金桂大道 18 号的住户向红梅，孩子今年满六周岁，请问划片对应哪所小学？")
    (stored,) = raw_row(Case, case.pk, ["content"])
    assert stored.startswith("gk1$") and "金桂大道" not in stored and "向红梅" not in stored
    assert Case.objects.get(pk=case.pk).content.startswith("我是金桂大道 18 号")


def test_no_query_filters_on_an_encrypted_free_text(db):
    with pytest.raises(TypeError):
        list(Case.objects.filter(content__icontains="入学"))
    with pytest.raises(TypeError):
        list(Application.objects.filter(description__contains="低保"))


def test_the_same_value_encrypts_differently_each_time(db):
    assert crypto.encrypt("13907181234") != crypto.encrypt("13907181234")


def test_an_empty_value_stays_empty_and_queryable(make_message):
    case = make_message()  # no e-mail given
    assert raw_row(Case, case.pk, ["email"])[0] == ""
    assert Case.objects.filter(email="").filter(pk=case.pk).exists()


def test_filtering_an_encrypted_column_by_value_is_refused_not_silently_empty(db):
    with pytest.raises(TypeError, match="已加密存储"):
        list(Case.objects.filter(phone="13907181234"))
    with pytest.raises(TypeError):
        list(Application.objects.filter(name__contains="向"))


def test_applicant_linking_uses_the_keyed_identity_column(submit_case):
    """Art. 35/36 repeats and monthly counting link an applicant's requests by the HMAC column, not by the number."""
    first = submit_case(person_payload())
    second = submit_case(
        person_payload(description="请公开2025年恩施市城区老旧小区改造项目清单及资金安排情况。")
    )
    assert first.identity_key == second.identity_key
    assert RESIDENT_ID not in first.identity_key
    assert Application.objects.filter(identity_key=first.identity_key).count() == 2
    assert crypto.blind_index("foi.identity", f"resident_id:{RESIDENT_ID}") == first.identity_key


def test_duplicate_message_detection_still_works_with_encrypted_contacts(make_message, routed):
    from gongkai.interaction import actions, intake
    from gongkai.interaction.models import Channel

    case = make_message()
    cleaned, _ = intake.validate_message(MESSAGE)
    again, created = actions.submit(Channel.MESSAGE, cleaned)
    assert not created and again.pk == case.pk
    assert "13907181234" not in case.dedupe_key


def test_key_rotation_old_rows_decrypt_and_rotate_rewrites_them(submit_case, settings):
    old_key = settings.GONGKAI_DATA_KEYS[0]
    app = submit_case(person_payload())
    new_key = crypto.generate_key()
    settings.GONGKAI_DATA_KEYS = [new_key, old_key]
    assert Application.objects.get(pk=app.pk).phone == "13907181234"  # old key still decrypts
    from django.core.management import call_command

    call_command("encryption", "rotate")
    settings.GONGKAI_DATA_KEYS = [new_key]  # the old key can now be dropped
    assert Application.objects.get(pk=app.pk).id_number == RESIDENT_ID


def test_a_missing_key_is_an_error_not_garbage(submit_case, settings):
    app = submit_case(person_payload())
    settings.GONGKAI_DATA_KEYS = [crypto.generate_key()]
    with pytest.raises(crypto.DecryptionError, match="密钥不匹配"):
        Application.objects.get(pk=app.pk)


@override_settings(GONGKAI_DATA_KEYS=["not-a-key"])
def test_a_malformed_key_is_reported_in_chinese(db):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="GONGKAI_DATA_KEY"):
        crypto.encrypt("x")


def test_the_data_migration_encrypts_rows_written_before_it(submit_case):
    """Rows stored in clear (as before migration 0002/0003) are encrypted by the same routine the migration runs."""
    app = submit_case(person_payload())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE foi_application SET phone = %s WHERE id = %s", ["13907181234", app.pk])
    assert Application.objects.get(pk=app.pk).phone == "13907181234"  # legacy plaintext is still readable
    changed = crypto.reencrypt_rows(
        Application, ["name", "id_number", "phone", "email", "address"], transform=crypto.encrypt
    )
    assert changed == 1
    assert raw_row(Application, app.pk, ["phone"])[0].startswith("gk1$")
