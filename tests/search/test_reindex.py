"""`gongkai search reindex`: a full rebuild from every app's search_sources.py, with a progress bar."""

import types
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.search import index, query
from gongkai.search.models import SearchEntry

from . import sources_for_tests


@pytest.fixture
def with_test_source(monkeypatch):
    """Register the test module beside whatever the installed apps provide (the real discovery still runs)."""
    real = index.source_modules
    monkeypatch.setattr(index, "source_modules", lambda: [*real(), sources_for_tests])


def test_discovery_only_picks_modules_with_search_documents(db):
    for module in index.source_modules():
        assert module.__name__.startswith("gongkai.") and module.__name__.endswith(".search_sources")
        assert callable(module.search_documents)


def test_reindex_rebuilds_from_the_sources(with_test_source, edu, hrss, add, capsys):
    stale = add("已撤下的旧通知", "旧内容不应再被检索到。")
    out, err = StringIO(), StringIO()
    call_command("search", "reindex", "--batch-size", "1", stdout=out, stderr=err)
    assert "共 2 条" in out.getvalue()
    assert "重建索引" in err.getvalue()  # the tqdm progress bar
    assert not SearchEntry.objects.filter(pk=stale.pk).exists()
    assert query.matching_ids("旧通知") == set()
    hit = query.search("人力资源").hits[0]
    assert hit.entry.url == f"/bumen/{hrss.pk}/"
    assert hit.entry.kind == "service"


def test_reindex_twice_gives_the_same_index(with_test_source, edu, hrss):
    call_command("search", "reindex", "--no-progress", stdout=StringIO())
    first = sorted(SearchEntry.objects.values_list("object_id", "title", "body_tokens"))
    call_command("search", "reindex", "--no-progress", stdout=StringIO())
    assert sorted(SearchEntry.objects.values_list("object_id", "title", "body_tokens")) == first
    assert len(query.matching_ids("教育局")) == 1


def test_a_bad_document_aborts_the_rebuild_and_keeps_the_old_index(monkeypatch, edu, add):
    keep = add("现行有效的通知", "内容")

    def search_documents():
        yield edu, {"title": "", "url": "/x/"}

    broken = types.ModuleType("gongkai.broken.search_sources")
    broken.search_documents = search_documents
    monkeypatch.setattr(index, "source_modules", lambda: [broken])
    with pytest.raises(CommandError, match="原索引未改动：检索文档缺少标题"):
        call_command("search", "reindex", "--no-progress", stdout=StringIO())
    assert SearchEntry.objects.filter(pk=keep.pk).exists()
    assert query.matching_ids("现行有效") == {keep.pk}


def test_batch_size_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("search", "reindex", "--batch-size", "0", stdout=StringIO())


def test_stats(enshi):
    out = StringIO()
    call_command("search", "stats", stdout=out)
    assert "政府信息：2" in out.getvalue() and "留言：1" in out.getvalue()


def test_demo_ends_with_a_reindex(db):
    out = StringIO()
    call_command("demo", "--only", "search", stdout=out)
    assert "检索索引已重建" in out.getvalue()


def test_reindex_restores_a_missing_fulltext_structure(with_test_source, edu, hrss):
    """A later migration that rebuilds the entry table on SQLite drops its triggers; reindex puts them back."""
    from gongkai.search import engine

    engine.uninstall()
    assert not engine.installed()
    call_command("search", "reindex", "--no-progress", stdout=StringIO())
    assert engine.installed()
    assert len(query.matching_ids("教育局")) == 1
