"""The attachments of an item are government information under review until it is published: nobody outside the
admin reaches them before — not at /documents/<id>/<name>, not at /media/documents/<name> (where the upload used to
be, one guessable name away) — and anyone may once it is live; withdrawing the item takes them back."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile

from gongkai.disclosure import actions
from gongkai.disclosure.models import GovDocument, GovInfoPage, ItemAttachment
from tests.security.helpers import sign_in

from .fixtures import act, submit

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
NAME = "恩施市2026年秋季学期义务教育学校招生计划.pdf"


@pytest.fixture
def private_root(settings, tmp_path):
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.GONGKAI_PRIVATE_ROOT


@pytest.fixture
def attached(private_root, make_draft, edu_editor):
    document = GovDocument(title="招生计划", uploaded_by_user=edu_editor)
    document.file.save(NAME, ContentFile(PDF), save=False)
    document.save()
    page = make_draft(edu_editor)
    page.attachments.add(ItemAttachment(document=document, title="2026年招生计划（PDF）"))
    page.save()
    page.save_revision(user=edu_editor)  # as the editor's 保存草稿 does: the attachment is in the revision
    return page, document


def publish(page, editor, reviewers):
    page = submit(page, editor)
    for step in ("section", "secrecy", "leader"):
        page = act(page, reviewers[step])
    assert page.live
    return page


def test_the_file_is_stored_outside_media_where_no_url_reaches_it(client, attached, private_root, settings):
    _, document = attached
    assert (private_root / document.file.name).read_bytes() == PDF
    assert not (settings.MEDIA_ROOT / document.file.name).exists()
    assert client.get("/media/" + document.file.name).status_code == 404
    with pytest.raises(NotImplementedError):  # Wagtail's serve view takes this as 'no direct URL'
        _ = document.file.url


def test_an_attachment_under_review_is_for_staff_only_and_public_once_published(
    client, attached, edu_editor, edu_reviewers
):
    page, document = attached
    assert client.get(document.url).status_code == 404  # a citizen: as if it did not exist
    sign_in(client, edu_editor)
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.logout()

    publish(page, edu_editor, edu_reviewers)
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert document.url in client.get(GovInfoPage.objects.get(pk=page.pk).url).content.decode()


def test_withdrawing_the_item_takes_its_attachment_back(client, attached, edu_editor, edu_reviewers):
    page, document = attached
    page = publish(page, edu_editor, edu_reviewers)
    actions.withdraw(edu_reviewers["leader"], page, "附件版本有误，撤回后重新发布")
    assert client.get(document.url).status_code == 404


def test_a_document_linked_from_a_published_items_text_is_public(
    client, private_root, make_draft, edu_editor, edu_reviewers
):
    document = GovDocument(title="报名表", uploaded_by_user=edu_editor)
    document.file.save("新生入学报名表.pdf", ContentFile(PDF), save=False)
    document.save()
    body = f'<p>请填写<a linktype="document" id="{document.pk}">新生入学报名表</a>后交所在学校。</p>'
    page = make_draft(edu_editor, body=body)
    assert client.get(document.url).status_code == 404
    publish(page, edu_editor, edu_reviewers)
    assert client.get(document.url).status_code == 200


def test_someone_without_document_permissions_is_refused_before_publication(client, attached, make_staff):
    _, document = attached
    sign_in(client, make_staff(None))  # an account with no role
    assert client.get(document.url).status_code == 404


def test_the_migration_moves_existing_uploads_out_of_media(settings, tmp_path, private_root, edu_editor, db):
    """A platform upgraded from a version that kept attachments under MEDIA_ROOT: migrating moves them."""
    document = GovDocument(title="旧附件", uploaded_by_user=edu_editor)
    document.file.save("2025年部门预算.pdf", ContentFile(PDF), save=False)
    document.save()
    old = settings.MEDIA_ROOT / document.file.name
    old.parent.mkdir(parents=True)
    (private_root / document.file.name).rename(old)  # where the previous version stored it
    migration = importlib.import_module("gongkai.disclosure.migrations.0007_documents_outside_media")
    migration.out_of_media(django_apps, None)
    assert (private_root / document.file.name).read_bytes() == PDF and not old.exists()
