"""HTTP for read-aloud: the sentence list of a live page and the MP3 of one sentence. Rules live in services."""

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import services, sources


def _page_or_404(page_id):
    page = services.public_live_page(page_id)
    if page is None:
        raise Http404("页面不存在或未公开")
    return page


@require_safe
def sentence_list(request, page_id):
    """GET /read-aloud/<page_id>/ → {"page", "revision", "sentences": [{"index", "text", "audio"}]}."""
    page = _page_or_404(page_id)
    revision_id = services.live_revision_id(page)
    sentences = [
        {
            "index": i,
            "text": text,
            "audio": reverse("readaloud:audio", args=[page.pk, revision_id, i]),
        }
        for i, text in enumerate(services.page_sentences(page))
    ]
    response = JsonResponse(
        {"page": page.pk, "revision": revision_id, "sentences": sentences},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-cache"  # must follow the next publication
    return response


@require_safe
def sentence_audio(request, page_id, revision_id, index):
    """GET /read-aloud/<page_id>/<revision_id>/<index>.mp3 → audio/mpeg, cached or synthesised now."""
    page = _page_or_404(page_id)
    if revision_id != services.live_revision_id(page):
        raise Http404("该版本已不是公开版本")
    sentences = services.page_sentences(page)
    if index >= len(sentences):
        raise Http404("没有这一句")
    data, from_cache = services.ensure_audio(page.pk, revision_id, index, sentences[index])
    response = HttpResponse(data, content_type="audio/mpeg")
    response["Content-Length"] = str(len(data))
    # the URL names one published revision, so its audio never changes
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Read-Aloud-Cache"] = "hit" if from_cache else "miss"
    return response


# --- objects that are not pages (办事指南, 问答, 操作指引, 留言详情: gongkai/readaloud/sources.py) ----------------


def _readable_or_404(request, kind, key):
    readable = sources.resolve(kind, key, request)
    if readable is None:
        raise Http404("内容不存在或未公开")
    return readable


@require_safe
def source_sentence_list(request, kind, key):
    """GET /read-aloud/<kind>/<key>/ → {"kind", "key", "revision", "sentences": [{"index", "text", "audio"}]}."""
    readable = _readable_or_404(request, kind, key)
    texts = sources.sentences(readable)
    version = sources.version(texts)
    sentences = [
        {"index": i, "text": text, "audio": reverse("readaloud:source_audio", args=[kind, key, version, i])}
        for i, text in enumerate(texts)
    ]
    response = JsonResponse(
        {"kind": kind, "key": key, "revision": version, "sentences": sentences},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def source_sentence_audio(request, kind, key, version, index):
    """GET /read-aloud/<kind>/<key>/<version>/<index>.mp3 → audio/mpeg; 404 once the text has changed."""
    readable = _readable_or_404(request, kind, key)
    texts = sources.sentences(readable)
    if version != sources.version(texts):
        raise Http404("内容已更新")
    if index >= len(texts):
        raise Http404("没有这一句")
    data, from_cache = services.ensure_audio(f"{kind}/{key}", version, index, texts[index])
    response = HttpResponse(data, content_type="audio/mpeg")
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = (
        "public, max-age=86400"  # the version names the text, so the audio never changes
    )
    response["X-Read-Aloud-Cache"] = "hit" if from_cache else "miss"
    return response
