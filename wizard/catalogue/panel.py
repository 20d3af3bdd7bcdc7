"""The filter panel of /interventies (the sort order and every filter with its counts) for a query.

Its HTML depends on the query only through the counts, the chosen options and the sort order.
So `_filters.html` is rendered once per knowledge base with a marker in each of those places
(`MARKERS` stands in for the query), and each query only fills the markers in: one substitution
instead of rendering ~120 options with ~900 escapes, which was most of the time of a query seen
for the first time (every new search term or filter choice)."""

import re
import secrets

from markupsafe import Markup

from wizard.catalogue.facets import CatalogueQuery

# random per process, so that no text of the knowledge base can look like a marker
_TOKEN = secrets.token_hex(8)
_MARKER = re.compile(f"\x00{_TOKEN}\x01(count|sort|none|checked|selected)\x01([^\x01]*)\x01([^\x00]*)\x00")


def _marker(kind: str, name: str, value: str = "") -> Markup:
    return Markup(f"\x00{_TOKEN}\x01{kind}\x01{name}\x01{value}\x00")


class Markers:
    """What `_filters.html` asks of the query; each answer is filled in by `fill`."""

    @staticmethod
    def count(name: str, value: str) -> Markup:
        """The length of the list with option `value` of filter `name` chosen ('' = filter cleared)."""
        return _marker("count", name, value)

    @staticmethod
    def sorted_by(value: str) -> Markup:
        """' selected' when the list is sorted by `value`."""
        return _marker("sort", "", value)

    @staticmethod
    def none_chosen(name: str) -> Markup:
        """' checked' when no option of filter `name` is chosen."""
        return _marker("none", name)

    @staticmethod
    def chosen(name: str, value: str, word: str) -> Markup:
        """' checked' or ' selected' (`word`) when option `value` of filter `name` is chosen."""
        return _marker(word, name, value)


MARKERS = Markers()


def fill(skeleton: str, query: CatalogueQuery, counts) -> Markup:
    """The panel for `query`: `skeleton` (rendered with MARKERS) with every marker replaced.
    `counts` is CatalogueResult.counts of the query; everything filled in is a number or a
    fixed attribute, so nothing needs escaping."""
    def answer(match: re.Match) -> str:
        kind, name, value = match.groups()
        if kind == "count":
            return str(counts[name][value])
        if kind == "sort":
            return " selected" if value == query.sort else ""
        if kind == "none":
            return "" if query.values(name) else " checked"
        return f" {kind}" if value in query.values(name) else ""
    return Markup(_MARKER.sub(answer, skeleton))
