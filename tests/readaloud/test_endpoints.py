"""Read-aloud endpoints: sentence list of the live revision, MP3 per sentence, cache per published revision."""

import pytest
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from gongkai.readaloud import services
from gongkai.readaloud.tasks import generate_page_audio

from .conftest import CountingEngine


def sentences_of(client, page):
    response = client.get(f"/read-aloud/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def test_sentence_list_of_live_revision(client, media, publish_page):
    page = publish_page()
    data = sentences_of(client, page)
    assert data["page"] == page.pk
    assert data["revision"] == page.live_revision_id
    texts = [s["text"] for s in data["sentences"]]
    assert texts[0] == "恩施市2024年政务公开工作实施方案"
    assert texts[1] == "一、工作目标"
    assert "（恩市政办发〔2024〕3号）" in "".join(texts)
    assert [s["index"] for s in data["sentences"]] == list(range(len(texts)))
    assert data["sentences"][2]["audio"] == f"/read-aloud/{page.pk}/{page.live_revision_id}/2.mp3"
    assert CountingEngine.calls == []  # listing sentences never synthesises


def test_mp3_headers_and_second_request_served_from_storage(client, media, publish_page):
    page = publish_page()
    url = sentences_of(client, page)["sentences"][0]["audio"]
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "audio/mpeg"
    assert int(first["Content-Length"]) == len(first.content) > 1000
    assert "public" in first["Cache-Control"]
    assert first["X-Read-Aloud-Cache"] == "miss"
    assert CountingEngine.calls == ["恩施市2024年政务公开工作实施方案"]
    name = services.audio_name(page.pk, page.live_revision_id, 0, "恩施市2024年政务公开工作实施方案")
    assert default_storage.exists(name)
    assert name.startswith(f"readaloud/{page.pk}/{page.live_revision_id}/espeak-ng-")
    assert (media / name).is_file()

    second = client.get(url)
    assert second.status_code == 200
    assert second["X-Read-Aloud-Cache"] == "hit"
    assert second.content == first.content
    assert len(CountingEngine.calls) == 1  # no second synthesis


def test_new_revision_gets_new_audio(client, media, publish_page):
    page = publish_page()
    old_revision = page.live_revision_id
    assert client.get(f"/read-aloud/{page.pk}/{old_revision}/0.mp3").status_code == 200

    page.title = "恩施市2024年政务公开工作实施方案（修订）"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live_revision_id != old_revision

    data = sentences_of(client, page)
    assert data["revision"] == page.live_revision_id
    assert data["sentences"][0]["text"] == "恩施市2024年政务公开工作实施方案（修订）"
    # the old revision's URL is gone, the new one synthesises the new title
    assert client.get(f"/read-aloud/{page.pk}/{old_revision}/0.mp3").status_code == 404
    response = client.get(data["sentences"][0]["audio"])
    assert response["X-Read-Aloud-Cache"] == "miss"
    assert CountingEngine.calls[-1] == "恩施市2024年政务公开工作实施方案（修订）"

    # pruning keeps only the live revision's audio
    assert services.prune_audio() == 1
    dirs, _ = default_storage.listdir(f"readaloud/{page.pk}")
    assert dirs == [str(page.live_revision_id)]


def test_draft_page_is_404(client, media, publish_page):
    page = publish_page(publish=False)
    assert client.get(f"/read-aloud/{page.pk}/").status_code == 404
    revision = page.latest_revision_id
    assert client.get(f"/read-aloud/{page.pk}/{revision}/0.mp3").status_code == 404
    assert CountingEngine.calls == []


def test_unpublished_draft_changes_are_not_read(client, media, publish_page):
    page = publish_page()
    page.title = "尚未审核的草稿标题"
    page.save_revision()  # saved as a draft, not published
    data = sentences_of(client, page)
    assert data["sentences"][0]["text"] == "恩施市2024年政务公开工作实施方案"


def test_private_page_is_404(client, media, publish_page):
    page = publish_page()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/read-aloud/{page.pk}/").status_code == 404
    assert client.get(f"/read-aloud/{page.pk}/{page.live_revision_id}/0.mp3").status_code == 404


def test_index_out_of_range_is_404(client, media, publish_page):
    page = publish_page()
    count = len(sentences_of(client, page)["sentences"])
    assert client.get(f"/read-aloud/{page.pk}/{page.live_revision_id}/{count}.mp3").status_code == 404


def test_only_get_and_head(client, media, publish_page):
    page = publish_page()
    assert client.post(f"/read-aloud/{page.pk}/").status_code == 405
    assert client.head(f"/read-aloud/{page.pk}/").status_code == 200


def test_publish_queues_background_generation(
    media, publish_page, django_capture_on_commit_callbacks, settings
):
    # the suite runs tasks immediately; this test checks the queue the worker reads
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_page()
    queued = DBTaskResult.objects.filter(task_path="gongkai.readaloud.tasks.generate_page_audio")
    assert queued.count() == 1
    assert queued.get().args_kwargs["args"] == [page.pk]


def test_background_generation_fills_the_cache(client, media, publish_page):
    page = publish_page()
    count = len(services.page_sentences(page))
    assert generate_page_audio.call(page.pk) == count
    assert generate_page_audio.call(page.pk) == 0  # idempotent: everything cached
    calls = len(CountingEngine.calls)
    for sentence in sentences_of(client, page)["sentences"]:
        assert client.get(sentence["audio"])["X-Read-Aloud-Cache"] == "hit"
    assert len(CountingEngine.calls) == calls


@pytest.mark.parametrize("published", [True, False])
def test_button_only_for_public_live_pages(media, publish_page, published):
    from django.template import Context, Template

    page = publish_page(publish=published)
    html = Template("{% load readaloud_tags %}{% read_aloud_button page %}").render(Context({"page": page}))
    assert ('class="ra-player"' in html) is published
    if published:
        assert f'data-ra-url="/read-aloud/{page.pk}/"' in html
        assert "<noscript>" in html
        assert 'role="status"' in html
        assert '<label class="ra-speed-label" for="ra-speed-' in html


def test_page_type_may_define_what_is_read(client, media, publish_page, monkeypatch):
    from gongkai.portal.models import SimplePage

    page = publish_page()
    # e.g. a withdrawn item reads only its title; HTML keeps paragraph boundaries, plain text lines do too
    monkeypatch.setattr(
        SimplePage, "read_aloud_text", lambda self: f"<h1>{self.title}</h1><p>本信息已撤稿</p>", raising=False
    )
    texts = [s["text"] for s in sentences_of(client, page)["sentences"]]
    assert texts == ["恩施市2024年政务公开工作实施方案", "本信息已撤稿"]
