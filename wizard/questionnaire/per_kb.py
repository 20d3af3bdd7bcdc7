"""A small cache of values computed from one knowledge-base object alone (choice lists, rendered
fragments). A knowledge-base object stands for one immutable version of one database
(wizard/kb/domain.py), so its values never go stale."""

import threading
from collections import OrderedDict

# after a publication, questionnaires and advices of the previous version are open beside new
# ones: with one version kept, each page of the other version emptied the cache
VERSIONS = 2


class PerKnowledgeBase:
    """At most `size` values for each of the last VERSIONS knowledge-base objects asked for (an
    older one, or another database in tests, starts afresh). Values are shared between requests:
    callers must not change them."""

    def __init__(self, size: int):
        self.size, self._lock = size, threading.Lock()
        self._versions: OrderedDict[int, tuple[object, OrderedDict]] = OrderedDict()  # id(kb) -> (kb, entries)

    def _entries_of(self, kb) -> OrderedDict:
        """The entries of `kb`, made the most recent version (call with the lock held)."""
        found = self._versions.get(id(kb))
        if found is None or found[0] is not kb:  # (an id is reused only after its object is gone)
            found = self._versions[id(kb)] = (kb, OrderedDict())
            while len(self._versions) > VERSIONS:
                self._versions.popitem(last=False)
        self._versions.move_to_end(id(kb))
        return found[1]

    def get(self, kb, key, compute):
        with self._lock:
            entries = self._entries_of(kb)
            if key in entries:
                return entries[key]
        value = compute()  # outside the lock: two threads computing the same entry is harmless
        with self._lock:
            entries = self._entries_of(kb)
            entries[key] = value
            while len(entries) > self.size:
                entries.popitem(last=False)
        return value
