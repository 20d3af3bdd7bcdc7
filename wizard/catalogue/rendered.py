"""Pieces of catalogue HTML that depend only on the knowledge base (and the query), rendered
once per knowledge-base version and kept: the result cards, and the filter panel per query.

Rendering every card and facet count was most of /interventies' time (an escape per field, a
url_for per link). Each cache holds one knowledge-base version only and a bounded number of
entries; a `kb load` brings a new version and with it empty caches."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import get_template_attribute, render_template, request
from markupsafe import Markup

from rules.model import Intervention, KnowledgeBase
from wizard.catalogue.pages import caveats


class VersionedCache:
    """At most `size` rendered fragments of one knowledge-base version, least recently used out."""

    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._version: Hashable = None
        self._entries: OrderedDict[Hashable, Markup] = OrderedDict()

    def get(self, kb: KnowledgeBase, key: Hashable, render: Callable[[], str]) -> Markup:
        # links depend on where the app is mounted, so that is part of the version
        version = (kb.version, request.script_root)
        with self._lock:
            if self._version != version:
                self._version, self._entries = version, OrderedDict()
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        # rendered outside the lock: two threads may both render a missing entry, which is harmless
        found = Markup(render())
        with self._lock:
            if self._version == version:
                self._entries[key] = found
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return found

    def __len__(self) -> int:
        return len(self._entries)


CARDS = VersionedCache(size=2000)         # one per intervention, with room for a much larger kb
FILTER_PANELS = VersionedCache(size=256)  # one per distinct query (filters, term, sort)


def card(kb: KnowledgeBase, i: Intervention) -> Markup:
    """The result card of `i`."""
    return CARDS.get(kb, i.id, lambda: get_template_attribute("catalogue/_card.html", "card")(i, kb, caveats))


def filter_panel(kb: KnowledgeBase, query, result, facets) -> Markup:
    """The sort order and every filter with its counts, for `query` (whose result is `result`)."""
    key = (query.text, tuple(query.args()), query.sort)
    return FILTER_PANELS.get(kb, key, lambda: render_template(
        "catalogue/_filters.html", kb=kb, query=query, result=result, facets=facets))
