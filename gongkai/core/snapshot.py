"""A value built from the database once per process and rebuilt when any process changes its tables.

The work calendar (`workdays`) and the word lists (`textcheck`) are read on every deadline and every text check, and
change a few times a year. Each process keeps its own built copy; a change bumps a version number in the shared
cache, which a process looks at no more than every `recheck_seconds` — so a change reaches every worker within
seconds, without a database query per look.
"""

import threading
import time
from collections.abc import Callable

from django.core.cache import cache


class SharedSnapshot:
    def __init__(self, version_key: str, build: Callable[[], object], recheck_seconds: float = 5.0):
        self.version_key = version_key
        self.build = build
        self.recheck_seconds = recheck_seconds
        self._lock = threading.Lock()
        self._value = None
        self._version = None
        self._checked_at = 0.0

    def get(self):
        now = time.monotonic()
        if self._value is not None and now - self._checked_at < self.recheck_seconds:
            return self._value
        with self._lock:
            version = cache.get(self.version_key, 0)
            if self._value is None or version != self._version:
                self._value = self.build()
                self._version = version
            self._checked_at = now
            return self._value

    def invalidate(self):
        """The tables changed: every process (this one at once) rebuilds on its next look."""
        try:
            cache.incr(self.version_key)
        except ValueError:
            cache.set(self.version_key, 1, None)
        with self._lock:
            self._value = None
