"""Read-aloud of objects that are not pages (gongkai/readaloud/sources.py, issue 17): a 问答's sentence list and
MP3s, nothing for what is not public, new audio when the text changes, old audio pruned."""

from datetime import date

import pytest
from django.core.files.storage import default_storage

from gongkai.org.models import Department
from gongkai.readaloud import services, sources
from gongkai.services.models import Question

from .conftest import CountingEngine


@pytest.fixture
def question(db):
    edu = Department.objects.create(name="恩施市教育局", short_name="市教育局", code="11422801000010372M")
    return Question.objects.create(
        question="孩子没有本地户口，可以在恩施市上小学吗？",
        answer="可以。进城务工人员随迁子女凭居住证明在居住地报名。\n具体材料以当年招生公告为准。",
        department=edu,
        published_on=date(2026, 10, 30),
    )


def test_a_question_reads_its_title_and_answer(client, media, question):
    data = client.get(f"/read-aloud/fuwu-wenda/{question.pk}/").json()
    texts = [s["text"] for s in data["sentences"]]
    assert texts == [
        "孩子没有本地户口，可以在恩施市上小学吗？",
        "解答",
        "可以。",
        "进城务工人员随迁子女凭居住证明在居住地报名。",
        "具体材料以当年招生公告为准。",
    ]
    version = data["revision"]
    assert data["sentences"][2]["audio"] == f"/read-aloud/fuwu-wenda/{question.pk}/{version}/2.mp3"
    audio = client.get(data["sentences"][2]["audio"])
    assert audio.status_code == 200 and audio["Content-Type"] == "audio/mpeg"
    assert CountingEngine.calls == ["可以。"]
    assert default_storage.exists(services.audio_name(f"fuwu-wenda/{question.pk}", version, 2, "可以。"))
    # the page marks the same sentences, numbered the same way
    body = client.get(f"/fuwu/wenda/{question.pk}/").content.decode()
    assert '<span class="ra-s" data-ra="4">具体材料以当年招生公告为准。</span>' in body
    assert f'data-ra-url="/read-aloud/fuwu-wenda/{question.pk}/"' in body


def test_nothing_for_what_is_not_public_or_unknown(client, media, question):
    Question.objects.filter(pk=question.pk).update(published=False)
    assert client.get(f"/read-aloud/fuwu-wenda/{question.pk}/").status_code == 404
    assert client.get("/read-aloud/fuwu-wenda/999999/").status_code == 404
    assert client.get("/read-aloud/no-such-kind/1/").status_code == 404
    assert client.get("/read-aloud/liuyan/LY20260000000000/").status_code == 404


def test_an_edited_answer_gets_new_audio_and_the_old_is_pruned(client, media, question):
    old = client.get(f"/read-aloud/fuwu-wenda/{question.pk}/").json()
    assert client.get(old["sentences"][0]["audio"]).status_code == 200
    Question.objects.filter(pk=question.pk).update(answer="可以，凭居住证明报名。")
    new = client.get(f"/read-aloud/fuwu-wenda/{question.pk}/").json()
    assert new["revision"] != old["revision"]
    assert client.get(old["sentences"][0]["audio"]).status_code == 404  # the player reloads the list
    assert client.get(new["sentences"][0]["audio"]).status_code == 200
    assert services.prune_audio() == 1
    readable = sources.resolve("fuwu-wenda", str(question.pk))
    kept = services.audio_name(
        f"fuwu-wenda/{question.pk}", new["revision"], 0, sources.sentences(readable)[0]
    )
    assert default_storage.exists(kept)
    # no longer public: its audio goes too
    Question.objects.filter(pk=question.pk).update(published=False)
    assert services.prune_audio() == 1
