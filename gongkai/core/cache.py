"""The embedded mode's cache: files under VAR_DIR/cache, shared by every process on the machine.

`gongkai serve` runs several gunicorn workers and a background worker. A per-process cache (Django's locmem) made
each of them see its own captcha answers, rate-limit counters, calendar version and cached navigation: a captcha
made in one worker was a 404 and a wrong answer in the other. Without REDIS_URL the platform uses this cache.

Why files and not Django's DatabaseCache in the SQLite database: a cache in the application's database takes part
in the caller's transaction, so a captcha used up or a rate-limit count made inside a request whose transaction
rolls back would be undone (Redis, the production cache, is not transactional); and every cache write in a page
view would take SQLite's single write lock and queue behind publications. Files keep Redis's semantics: each
write stands on its own, at once, whatever the caller's transaction does.

Django's FileBasedCache writes each entry atomically (a temporary file renamed into place), so a reader sees the
old value or the new, never half of one. What it lacks under concurrency, this class adds:

- `add` and `incr` are atomic across processes and threads (an exclusive `flock` on `<dir>/.lock` is held while
  they read and write; `set`, `delete` and `clear` take it too so they cannot interleave with them). So a rate
  limit counts every request, and `add` lets exactly one of two racing requests through (FOI double submission).
- `incr` keeps the entry's expiry (Django's default `incr` re-sets it with the default timeout).
- `delete` returns True to exactly one caller, so a captcha is used up once.
- A read never deletes an expired file (Django's does, and could delete a fresh entry another process had just
  renamed into place); expired files are removed when the cache is culled.
- Culling removes expired entries first and then the oldest ones, never random live ones (Django's removes a
  random third, captchas being answered included); it lists the directory at most every `CULL_INTERVAL` seconds
  per process instead of on every write.

Shared by the processes of one machine only: with several app servers, set REDIS_URL (docs/deploy.md).
"""

import contextlib
import os
import pickle
import tempfile
import threading
import time
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks
from django.core.files.move import file_move_safe

CULL_INTERVAL = 30
_last_cull = {}  # cache directory → time.monotonic() of this process's last cull (cache objects are per thread)
_cull_guard = threading.Lock()


class SharedFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._lock_path = os.path.join(self._dir, ".lock")

    @contextlib.contextmanager
    def _locked(self):
        self._createdir()
        with open(self._lock_path, "a+b") as f:
            locks.lock(f, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(f)

    # --- reading: never deletes ------------------------------------------------------------------------------
    def _read(self, fname):
        """(expiry, value) of the entry in `fname`, or None when it is missing or expired."""
        try:
            with open(fname, "rb") as f:
                try:
                    expiry = pickle.load(f)  # noqa: S301 — our own files, in a 0700 directory
                except EOFError:
                    return None
                if expiry is not None and expiry < time.time():
                    return None
                return expiry, pickle.loads(zlib.decompress(f.read()))  # noqa: S301
        except FileNotFoundError:
            return None

    def get(self, key, default=None, version=None):
        entry = self._read(self._key_to_file(key, version))
        return default if entry is None else entry[1]

    def has_key(self, key, version=None):
        return self._read(self._key_to_file(key, version)) is not None

    # --- writing ---------------------------------------------------------------------------------------------
    def _write(self, fname, expiry, value):
        fd, tmp_path = tempfile.mkstemp(dir=self._dir, suffix=".tmp")
        renamed = False
        try:
            with open(fd, "wb") as f:
                f.write(pickle.dumps(expiry, self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        fname = self._key_to_file(key, version)
        self._maybe_cull()
        with self._locked():
            self._write(fname, self.get_backend_timeout(timeout), value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        fname = self._key_to_file(key, version)
        self._maybe_cull()
        with self._locked():
            if self._read(fname) is not None:
                return False
            self._write(fname, self.get_backend_timeout(timeout), value)
            return True

    def incr(self, key, delta=1, version=None):
        fname = self._key_to_file(key, version)
        with self._locked():
            entry = self._read(fname)
            if entry is None:
                raise ValueError(f"Key '{key}' not found")
            expiry, value = entry
            value += delta
            self._write(fname, expiry, value)
            return value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        fname = self._key_to_file(key, version)
        with self._locked():
            entry = self._read(fname)
            if entry is None:
                return False
            self._write(fname, self.get_backend_timeout(timeout), entry[1])
            return True

    def delete(self, key, version=None):
        with self._locked():
            return self._delete(self._key_to_file(key, version))

    def clear(self):
        with self._locked():
            for fname in self._list_cache_files():
                self._delete(fname)

    # --- culling ---------------------------------------------------------------------------------------------
    def _maybe_cull(self):
        now = time.monotonic()
        with _cull_guard:
            if now - _last_cull.get(self._dir, -CULL_INTERVAL) < CULL_INTERVAL:
                return
            _last_cull[self._dir] = now
        self._cull()

    def _cull(self):
        """Remove expired entries (and stray temporary files); if still at `MAX_ENTRIES`, the oldest written
        1/`CULL_FREQUENCY` of them."""
        with self._locked():
            now = time.time()
            alive = []
            for fname in self._list_cache_files():
                try:
                    with open(fname, "rb") as f:
                        expiry = pickle.load(f)  # noqa: S301 — our own files, in a 0700 directory
                    mtime = os.path.getmtime(fname)
                except (FileNotFoundError, EOFError, pickle.UnpicklingError):
                    expiry, mtime = 0, 0
                if expiry is not None and expiry < now:
                    self._delete(fname)
                else:
                    alive.append((mtime, fname))
            for name in os.listdir(self._dir):  # left behind by a process killed mid-write
                path = os.path.join(self._dir, name)
                with contextlib.suppress(FileNotFoundError):
                    if name.endswith(".tmp") and now - os.path.getmtime(path) > 3600:
                        self._delete(path)
            if len(alive) >= self._max_entries:
                alive.sort()
                count = len(alive) if self._cull_frequency == 0 else len(alive) // self._cull_frequency
                for _, fname in alive[:count]:
                    self._delete(fname)
