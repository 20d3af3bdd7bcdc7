"""A small cache of values computed from one knowledge-base object alone (choice lists, rendered
fragments). A knowledge-base object stands for one immutable version of one database
(wizard/kb/domain.py), so its values never go stale; another object starts the cache afresh."""

import threading
from collections import OrderedDict


class PerKnowledgeBase:
    """At most `size` values computed from one knowledge-base object; another object (a newer
    version, another database in tests) starts afresh. Values are shared between requests:
    callers must not change them."""

    def __init__(self, size: int):
        self.size, self._lock, self._kb, self._entries = size, threading.Lock(), None, OrderedDict()

    def get(self, kb, key, compute):
        with self._lock:
            if self._kb is not kb:
                self._kb, self._entries = kb, OrderedDict()
            if key in self._entries:
                return self._entries[key]
        value = compute()  # outside the lock: two threads computing the same entry is harmless
        with self._lock:
            if self._kb is kb:
                self._entries[key] = value
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value
