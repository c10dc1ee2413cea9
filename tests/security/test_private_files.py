"""Citizens' files (issue 18 item 1): FOI applicants' materials and the attachments of messages live outside
MEDIA_ROOT under random names, /media/ never reaches them, and only the staff who may open the case download them
(through nginx's internal location in production)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core import privatefiles
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
    assert (settings.GONGKAI_PRIVATE_ROOT / name).read_bytes() == PNG
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
    assert (settings.GONGKAI_PRIVATE_ROOT / item.file.name).read_bytes() == PDF
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


def test_behind_nginx_the_file_is_sent_through_the_internal_location(
    client, message_with_photo, office_user, settings
):
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
    assert (settings.GONGKAI_PRIVATE_ROOT / moved).read_bytes() == PNG
    assert not (settings.MEDIA_ROOT / legacy).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert privatefiles.move_stored_files(Case, "attachment", "interaction", to_private=False) == 1
    message_with_photo.refresh_from_db()
    assert (settings.MEDIA_ROOT / message_with_photo.attachment.name).read_bytes() == PNG
    assert not (settings.GONGKAI_PRIVATE_ROOT / moved).exists()
