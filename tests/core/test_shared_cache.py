"""The embedded mode's cache (gongkai/core/cache.py) is one cache for every process: what one process writes, the
others read; `add` lets one of several racing processes through; `incr` loses no count and keeps the expiry."""

import multiprocessing
import os
import time

import pytest

from gongkai.core.cache import SharedFileCache


def _cache(path, **options):
    return SharedFileCache(str(path), {"KEY_PREFIX": "gongkai", "OPTIONS": options})


def _count(path, key, times):
    cache = _cache(path)
    for _ in range(times):
        cache.incr(key)


def _race_add(path, key, barrier, results):
    cache = _cache(path)
    barrier.wait()
    results.put((os.getpid(), cache.add(key, os.getpid(), 60)))


@pytest.fixture
def ctx():
    return multiprocessing.get_context("fork")


def test_what_one_process_writes_another_reads(tmp_path, ctx):
    writer = ctx.Process(target=lambda: _cache(tmp_path).set("captcha:abc", {"code": "2468"}, 600))
    writer.start()
    writer.join(10)
    assert _cache(tmp_path).get("captcha:abc") == {"code": "2468"}


def test_increments_from_four_processes_are_all_counted(tmp_path, ctx):
    cache = _cache(tmp_path)
    cache.set("ratelimit:submit:10.0.0.8:1", 0, 605)
    workers = [
        ctx.Process(target=_count, args=(tmp_path, "ratelimit:submit:10.0.0.8:1", 50)) for _ in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert cache.get("ratelimit:submit:10.0.0.8:1") == 200


def test_add_lets_exactly_one_of_racing_processes_through(tmp_path, ctx):
    barrier, results = ctx.Barrier(6), ctx.Queue()
    workers = [
        ctx.Process(target=_race_add, args=(tmp_path, "foi:submitting:x", barrier, results)) for _ in range(6)
    ]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=20) for _ in workers]
    for w in workers:
        w.join(10)
    winners = [pid for pid, added in outcomes if added]
    assert len(winners) == 1
    assert _cache(tmp_path).get("foi:submitting:x") == winners[0]


def test_incr_keeps_the_expiry_and_delete_says_who_removed(tmp_path):
    cache = _cache(tmp_path)
    cache.set("calendar-version", 1, None)
    cache.incr("calendar-version")
    cache.set("short", 1, 1)
    cache.incr("short")
    assert cache.get("calendar-version") == 2
    time.sleep(1.1)
    assert cache.get("calendar-version") == 2 and cache.get("short") is None
    with pytest.raises(ValueError):
        cache.incr("short")
    cache.set("captcha:k", "x", 60)
    assert cache.delete("captcha:k") is True
    assert cache.delete("captcha:k") is False


def test_culling_drops_expired_and_oldest_entries_not_random_live_ones(tmp_path, monkeypatch):
    from gongkai.core import cache as module

    monkeypatch.setattr(module, "CULL_INTERVAL", 0)
    cache = _cache(tmp_path, MAX_ENTRIES=10, CULL_FREQUENCY=2)
    cache.set("gone", 1, 1)
    for i in range(9):
        cache.set(f"old{i}", i, 600)
        os.utime(cache._key_to_file(f"old{i}"), (1000 + i, 1000 + i))
    time.sleep(1.1)
    cache.set("fresh", "captcha being answered", 600)  # culls: "gone" has expired, 9 live ones are left
    assert cache.get("fresh") == "captcha being answered"
    assert all(cache.get(f"old{i}") == i for i in range(9))
    cache.set("fresh2", 2, 600)  # 10 live entries: the oldest half goes
    assert [cache.get(f"old{i}") for i in range(5)] == [None] * 5
    assert cache.get("fresh") and cache.get("fresh2") == 2 and cache.get("old8") == 8
