"""What the catalogue computes from the knowledge base alone, kept per knowledge-base version:
the rendered result cards, the rendered filter panel per query, the listing per query string, the
content of the pages that show only the knowledge base, and the text-search hits per search
term (the search index is rebuilt only by `kb load`, which makes a new version).

Rendering every card and facet count was most of /interventies' time (an escape per field, a
url_for per link). Each cache holds one knowledge-base version only and a bounded number of
entries; a `kb load` brings a new version and with it empty caches."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Flask, current_app, get_template_attribute, render_template, request
from markupsafe import Markup

from rules.model import Intervention, KnowledgeBase
from wizard.catalogue import panel
from wizard.catalogue.pages import caveats
from wizard.catalogue.search import search_interventions
from wizard.extensions import db


class VersionedCache:
    """At most `size` values of one knowledge-base object, the least recently used out first.
    Values are shared between requests: callers must not change them.

    Keyed by the object, not its version number: an object stands for one immutable version of
    one database (wizard/kb/domain.py), whereas version 1 of one database need not be version 1
    of another (tests use several)."""

    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._kb: KnowledgeBase | None = None
        self._app: Flask | None = None
        self._root: str | None = None
        self._entries: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, kb: KnowledgeBase, key: Hashable, compute: Callable[[], object]):
        # links depend on where the app is mounted, and what a page offers on the app (tests make
        # several, with different blueprints), so both are part of the version
        app, root = current_app._get_current_object(), request.script_root
        with self._lock:
            if self._kb is not kb or self._app is not app or self._root != root:
                self._kb, self._app, self._root, self._entries = kb, app, root, OrderedDict()
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        # computed outside the lock: two threads may both compute a missing entry, which is harmless
        found = compute()
        with self._lock:
            if self._kb is kb and self._app is app and self._root == root:
                self._entries[key] = found
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return found

    def __len__(self) -> int:
        return len(self._entries)


# sizes bound the memory per worker: a filter panel is ~35 kB, a listing two regions of ~25 kB and
# the page content (~60 kB, once the full page was asked for): 64 listings are at most ~7 MB
CARDS = VersionedCache(size=2000)         # one per intervention, with room for a much larger kb
FILTER_PANELS = VersionedCache(size=128)  # one per distinct query (filters, term, sort)
SEARCHES = VersionedCache(size=512)       # one per search term
LISTINGS = VersionedCache(size=64)        # one per query string of /interventies
PAGES = VersionedCache(size=512)          # one per intervention, factor and type (~10 kB), the tree, the
                                          # gaps, the filter panel with markers


def listing(kb: KnowledgeBase, query_string: bytes, build: Callable[[], object]):
    """The /interventies listing (listing.Listing) for a raw query string."""
    return LISTINGS.get(kb, query_string, build)


def search_hits(kb: KnowledgeBase, text: str) -> dict[str, float]:
    """search.search_interventions for `text`, asked of the database once per version."""
    return SEARCHES.get(kb, text, lambda: search_interventions(db.session, text))


def card(kb: KnowledgeBase, i: Intervention) -> Markup:
    """The result card of `i`."""
    return CARDS.get(kb, i.id, lambda: Markup(get_template_attribute("catalogue/_card.html", "card")(i, kb, caveats)))


def filter_panel(kb: KnowledgeBase, query, result, facets) -> Markup:
    """The sort order and every filter with its counts, for `query` (whose result is `result`):
    the panel rendered once per knowledge base, filled in per query (wizard/catalogue/panel.py)."""
    key = (query.text, tuple(query.args()), query.sort)
    return FILTER_PANELS.get(kb, key, lambda: panel.fill(
        rendered(kb, "catalogue/_filters.html", marks=panel.MARKERS, facets=facets), query, result.counts))


def rendered(kb: KnowledgeBase, template: str, key: Hashable = None, **context) -> Markup:
    """A template that shows nothing but the knowledge base (the content of a page, or a
    fragment), rendered with `kb` and `context` once per knowledge base and `key` (which tells
    apart what `template` renders for different pages: the intervention's id, say)."""
    return PAGES.get(kb, (template, key), lambda: Markup(render_template(template, kb=kb, **context)))
