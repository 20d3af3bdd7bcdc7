"""What /interventies shows for one query string: the parsed query, its result, the page, the
rendered results region (with and without the out-of-band filter panel) and the page's whole
content, computed on first use. It depends only on the query string and the knowledge base, so
`cache.listing` keeps it per knowledge-base version: a repeated query is a lookup."""

from urllib.parse import urlencode

from flask import render_template, url_for
from markupsafe import Markup

from rules.model import KnowledgeBase
from wizard.catalogue import cache, facets, paging


def interventions_url(args: list[tuple[str, str]]) -> str:
    base = url_for("catalogue.interventions")
    return f"{base}?{urlencode(args)}" if args else base


def page_args(query: facets.CatalogueQuery, number: int) -> list[tuple[str, str]]:
    """The query's parameters plus the page number (left out for the first page)."""
    return query.args() + ([(paging.PARAMETER, str(number))] if number > 1 else [])


def page_links(query: facets.CatalogueQuery):
    """number -> URL of that page of `query` (the query's own part built once, not per link)."""
    first = interventions_url(query.args())
    glue = "&" if "?" in first else "?"
    return lambda number: first if number == 1 else f"{first}{glue}{paging.PARAMETER}={number}"


class Listing:
    """One query string's page of the catalogue. Shared between requests: read only."""

    def __init__(self, kb: KnowledgeBase, args):
        self.kb = kb
        self.query = facets.parse_query(args, kb)
        hits = cache.search_hits(kb, self.query.text) if self.query.text else None
        self.result = facets.run_query(kb, self.query, hits)
        self.page = paging.page_of(self.result.interventions, *paging.requested_page(args))
        self.url = interventions_url(page_args(self.query, self.page.number))  # canonical, for htmx to push
        self._regions: dict[bool, Markup] = {}
        self._content: Markup | None = None

    def region(self, oob: bool) -> Markup:
        """The results region as HTML; with `oob` also the filters and status htmx swaps out of band."""
        found = self._regions.get(oob)
        if found is None:
            found = self._regions[oob] = Markup(render_template("catalogue/_results_region.html", **self._context(oob)))
        return found

    def content(self) -> Markup:
        """The content of the full page (search form, filter panel, results region); only what
        base.html wraps around it is rendered per request."""
        if self._content is None:
            self._content = Markup(render_template("catalogue/_interventions_content.html", kb=self.kb,
                                                   query=self.query, listing=self, facets=facets))
        return self._content

    def filter_panel(self) -> Markup:
        return cache.filter_panel(self.kb, self.query, self.result, facets)

    def _context(self, oob: bool) -> dict:
        kb, query, result = self.kb, self.query, self.result
        return dict(kb=kb, query=query, result=result, results_page=self.page, facets=facets, oob=oob,
                    active=facets.active_filters(kb, query), interventions_url=interventions_url,
                    page_url=page_links(query), card=lambda i: cache.card(kb, i),
                    filter_panel=self.filter_panel)
