"""Citizens' files (issue 18 items 1 and 10): FOI applicants' materials and the attachments of messages live outside
MEDIA_ROOT under random names, encrypted with the data key, /media/ never reaches them, and only the staff who may
open the case download them — decrypted and streamed by Django (nginx's internal location only for a file stored
in clear before encryption)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import crypto, privatefiles
from gongkai.foi import actions as foi_actions
from gongkai.foi import services as foi_services
from gongkai.foi.models import Attachment
from gongkai.interaction import actions, intake
from gongkai.interaction.models import Case, Channel
from tests.conftest import PASSWORD
from tests.foi.conftest import person_payload, shanghai
from tests.interaction.conftest import MESSAGE, at

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    settings.GONGKAI_PRIVATE_ACCEL = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def message_with_photo(routed):
    cleaned, errors = intake.validate_message(
        {
            **MESSAGE,
            "title": "金桂大道人行道井盖缺失",
            "content": "金桂大道 18 号门前人行道井盖缺失，夜间行人易踩空，附现场照片。",
        }
    )
    assert not errors, errors
    case, _ = actions.submit(
        Channel.MESSAGE, cleaned, attachment=SimpleUploadedFile("现场照片.png", PNG), now=at(2026, 11, 5)
    )
    return case


def test_a_message_attachment_is_stored_privately_under_a_random_name(message_with_photo, settings):
    name = message_with_photo.attachment.name
    assert name.startswith("interaction/") and name.endswith(".png")
    assert message_with_photo.code not in name and "现场照片" not in name and "2026" not in name
    stored = (settings.GONGKAI_PRIVATE_ROOT / name).read_bytes()
    assert stored.startswith(crypto.FILE_MAGIC) and PNG not in stored and b"PNG" not in stored
    with message_with_photo.attachment.open("rb") as fh:
        assert fh.read() == PNG
    assert not settings.MEDIA_ROOT.exists() or not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))
    with pytest.raises(ValueError):
        message_with_photo.attachment.url  # noqa: B018  (no URL exists to leak into a page)


def test_only_the_office_and_the_handling_department_download_a_message_attachment(
    client, message_with_photo, office_user, edu, edu_editor, hrss_editor
):
    url = f"/admin/hudong/{message_with_photo.pk}/fujian/"
    anonymous = client.get(url)
    assert anonymous.status_code in (302, 403, 404) and PNG not in body(anonymous)
    assert client.get(f"/media/{message_with_photo.attachment.name}").status_code == 404

    office = login(client.__class__(), office_user)
    assert f'href="{url}"' in office.get(f"/admin/hudong/{message_with_photo.pk}/").content.decode()
    response = office.get(url)
    assert response.status_code == 200 and body(response) == PNG
    assert response["Content-Type"] == "image/png" and "no-store" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]

    actions.dispatch(office_user, message_with_photo, edu)
    assert login(client.__class__(), edu_editor).get(url).status_code == 200
    assert login(client.__class__(), hrss_editor).get(url).status_code == 404


def test_an_applicants_id_copy_is_for_the_office_only(
    client, office_user, edu, edu_editor, hrss_editor, settings
):
    cleaned, errors = foi_services.validate(person_payload())
    assert errors == {}
    app, _ = foi_actions.submit(cleaned, attachments=[("身份证复印件.pdf", PDF)], at=shanghai(2026, 11, 9, 9))
    item = Attachment.objects.get(application=app)
    assert item.file.name.startswith("foi/attachments/") and app.tracking_code not in item.file.name
    stored = (settings.GONGKAI_PRIVATE_ROOT / item.file.name).read_bytes()
    assert stored.startswith(crypto.FILE_MAGIC) and b"%PDF" not in stored and b"trailer" not in stored
    assert client.get(f"/media/{item.file.name}").status_code == 404
    assert client.get(f"/media/foi/attachments/{app.tracking_code}/").status_code == 404

    url = f"/admin/foi/{app.pk}/attachment/{item.pk}/"
    assert PDF not in body(client.get(url))
    response = login(client.__class__(), office_user).get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    foi_actions.confirm_receipt(office_user, app, at=shanghai(2026, 11, 9, 10))
    foi_actions.assign(office_user, app, edu, at=shanghai(2026, 11, 9, 11))
    # the handling department sees the applicant's data masked and never the identity documents
    refused = login(client.__class__(), edu_editor).get(url)
    assert refused.status_code in (302, 403) and PDF not in body(refused)  # Wagtail turns 403 into a redirect
    assert login(client.__class__(), hrss_editor).get(url).status_code == 404


def test_behind_nginx_an_encrypted_file_is_decrypted_and_streamed_by_django(
    client, message_with_photo, office_user, settings
):
    """nginx would send the ciphertext: with GONGKAI_PRIVATE_ACCEL set an encrypted file is still streamed by the
    permission-checked view, in chunks."""
    settings.GONGKAI_PRIVATE_ACCEL = "/_private/"
    response = login(client, office_user).get(f"/admin/hudong/{message_with_photo.pk}/fujian/")
    assert response.status_code == 200 and response.streaming and "X-Accel-Redirect" not in response
    assert body(response) == PNG
    assert response["Content-Type"] == "image/png" and "attachment" in response["Content-Disposition"]


def test_behind_nginx_a_legacy_plain_file_is_sent_through_the_internal_location(
    client, message_with_photo, office_user, settings
):
    """A file still stored in clear (written before encryption, not yet migrated) keeps the X-Accel path."""
    (settings.GONGKAI_PRIVATE_ROOT / message_with_photo.attachment.name).write_bytes(PNG)
    settings.GONGKAI_PRIVATE_ACCEL = "/_private/"
    response = login(client, office_user).get(f"/admin/hudong/{message_with_photo.pk}/fujian/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{message_with_photo.attachment.name}"
    assert response["Content-Type"] == "image/png" and "attachment" in response["Content-Disposition"]


def test_a_missing_file_is_404_not_500(client, message_with_photo, office_user, settings):
    (settings.GONGKAI_PRIVATE_ROOT / message_with_photo.attachment.name).unlink()
    assert login(client, office_user).get(f"/admin/hudong/{message_with_photo.pk}/fujian/").status_code == 404


def test_the_migration_moves_old_public_files_out_of_media_and_back(
    message_with_photo, settings, django_capture_on_commit_callbacks
):
    # a file as the platform stored it before: under MEDIA_ROOT, named after the month and the public case code
    legacy = f"interaction/2026/11/{message_with_photo.code}.png"
    (settings.MEDIA_ROOT / "interaction/2026/11").mkdir(parents=True)
    (settings.MEDIA_ROOT / legacy).write_bytes(PNG)
    Case.objects.filter(pk=message_with_photo.pk).update(attachment=legacy)

    with django_capture_on_commit_callbacks(execute=True):
        assert privatefiles.move_stored_files(Case, "attachment", "interaction") == 1
    message_with_photo.refresh_from_db()
    moved = message_with_photo.attachment.name
    assert moved != legacy and message_with_photo.code not in moved
    assert PNG not in (settings.GONGKAI_PRIVATE_ROOT / moved).read_bytes()  # encrypted on the way in
    assert privatefiles.private_storage().open(moved).read() == PNG
    assert not (settings.MEDIA_ROOT / legacy).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert privatefiles.move_stored_files(Case, "attachment", "interaction", to_private=False) == 1
    message_with_photo.refresh_from_db()
    assert (settings.MEDIA_ROOT / message_with_photo.attachment.name).read_bytes() == PNG
    assert not (settings.GONGKAI_PRIVATE_ROOT / moved).exists()


def test_a_large_file_streams_in_chunks_and_comes_back_byte_for_byte(client, office_user, settings):
    """A 3 MB scan spans many encrypted chunks; the download is the original, streamed (not one 3 MB string)."""
    scan = b"%PDF-1.4\n" + bytes(range(256)) * (3 * 4096) + b"\n%%EOF\n"
    cleaned, errors = foi_services.validate(person_payload())
    assert errors == {}
    app, _ = foi_actions.submit(
        cleaned, attachments=[("户口簿扫描件.pdf", scan)], at=shanghai(2026, 11, 10, 9)
    )
    item = Attachment.objects.get(application=app)
    stored = (settings.GONGKAI_PRIVATE_ROOT / item.file.name).read_bytes()
    assert bytes(range(256)) not in stored and len(stored) > len(scan)
    response = login(client, office_user).get(f"/admin/foi/{app.pk}/attachment/{item.pk}/")
    chunks = list(response.streaming_content)
    assert len(chunks) == -(-len(scan) // crypto.FILE_CHUNK) and b"".join(chunks) == scan


def test_a_tampered_or_truncated_file_does_not_decrypt(message_with_photo, settings):
    path = settings.GONGKAI_PRIVATE_ROOT / message_with_photo.attachment.name
    stored = path.read_bytes()
    storage = privatefiles.private_storage()
    path.write_bytes(stored[:-1] + bytes([stored[-1] ^ 1]))
    with pytest.raises(crypto.DecryptionError, match=r"文件已被改动|密钥不匹配"):
        storage.open(message_with_photo.attachment.name).read()
    path.write_bytes(stored[: len(crypto.FILE_MAGIC) + 2])
    with pytest.raises(crypto.DecryptionError):
        storage.open(message_with_photo.attachment.name).read()


def test_the_migration_encrypts_plain_private_files_in_place_and_back(message_with_photo, settings):
    """Files written in clear before encryption at rest (migration 0006 of interaction and foi)."""
    path = settings.GONGKAI_PRIVATE_ROOT / message_with_photo.attachment.name
    path.write_bytes(PNG)
    assert (
        privatefiles.private_storage().open(message_with_photo.attachment.name).read() == PNG
    )  # still readable
    assert privatefiles.encrypt_stored_files(Case, "attachment") == 1
    assert PNG not in path.read_bytes() and path.read_bytes().startswith(crypto.FILE_MAGIC)
    assert privatefiles.encrypt_stored_files(Case, "attachment") == 0  # idempotent
    assert privatefiles.private_storage().open(message_with_photo.attachment.name).read() == PNG
    assert privatefiles.encrypt_stored_files(Case, "attachment", transform="decrypt") == 1
    assert path.read_bytes() == PNG


def test_key_rotation_rewrites_the_files_and_the_old_key_can_go(message_with_photo, settings):
    from django.core.management import call_command

    old_key = settings.GONGKAI_DATA_KEYS[0]
    new_key = crypto.generate_key()
    settings.GONGKAI_DATA_KEYS = [new_key, old_key]
    path = settings.GONGKAI_PRIVATE_ROOT / message_with_photo.attachment.name
    before = path.read_bytes()
    call_command("encryption", "rotate")
    assert path.read_bytes() != before
    settings.GONGKAI_DATA_KEYS = [new_key]
    assert privatefiles.private_storage().open(message_with_photo.attachment.name).read() == PNG
    settings.GONGKAI_DATA_KEYS = [old_key]
    with pytest.raises(crypto.DecryptionError):
        privatefiles.private_storage().open(message_with_photo.attachment.name).read()


@pytest.mark.parametrize(
    "private, overlaps",
    [("private", False), ("media/private", True), ("media", True), (".", True)],
)
def test_a_private_root_that_nginx_would_serve_under_media_stops_the_start(
    settings, tmp_path, private, overlaps
):
    """nginx serves MEDIA_ROOT to anyone: a GONGKAI_PRIVATE_ROOT set inside it (or around it) is a system-check
    error, so the platform does not start with citizens' files one guessable name away."""
    from gongkai.core.checks import private_root_outside_media

    settings.GONGKAI_PRIVATE_ROOT = tmp_path / private
    errors = private_root_outside_media()
    assert [e.id for e in errors] == (["gongkai.E002"] if overlaps else [])
    if overlaps:
        assert "MEDIA_ROOT" in errors[0].msg
