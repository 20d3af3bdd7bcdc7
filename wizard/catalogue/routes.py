"""Catalogue pages. Views translate the request and delegate: filtering and counting are pure
functions in `facets`, the text search lives in `search`."""

from urllib.parse import urlencode

from flask import abort, make_response, render_template, request, url_for

from wizard.catalogue import bp, cache, facets, gaps, pages, paging
from wizard.filters import render_partial_or_page
from wizard.kb.access import knowledge_base


def interventions_url(args: list[tuple[str, str]]) -> str:
    base = url_for("catalogue.interventions")
    return f"{base}?{urlencode(args)}" if args else base


@bp.get("/interventies")
def interventions():
    """Search and filter the interventions (parameters: q, the names in facets.FILTERS, sort,
    pagina), PAGE_SIZE results per page.

    Unknown values are ignored with a notice. htmx requests get only the results, with the
    filter counts swapped out of band, and the canonical URL to push."""
    kb = knowledge_base()
    query = facets.parse_query(request.args, kb)
    hits = cache.search_hits(kb, query.text) if query.text else None
    result = facets.run_query(kb, query, hits)
    page = paging.page_of(result.interventions, *paging.requested_page(request.args))
    context = dict(kb=kb, query=query, result=result, results_page=page, facets=facets,
                   active=facets.active_filters(kb, query), interventions_url=interventions_url,
                   page_url=page_links(query), card=lambda i: cache.card(kb, i),
                   filter_panel=lambda: cache.filter_panel(kb, query, result, facets))
    response = make_response(render_partial_or_page("catalogue/_results.html", "catalogue/interventions.html",
                                                    oob=True, **context))
    response.vary.add("HX-Request")  # the same URL serves a partial and a page: caches must keep both
    if request.htmx:
        response.headers["HX-Push-Url"] = interventions_url(page_args(query, page.number))
    return response


def page_args(query: facets.CatalogueQuery, number: int) -> list[tuple[str, str]]:
    """The query's parameters plus the page number (left out for the first page)."""
    return query.args() + ([(paging.PARAMETER, str(number))] if number > 1 else [])


def page_links(query: facets.CatalogueQuery):
    """number -> URL of that page of `query` (the query's own part built once, not per link)."""
    first = interventions_url(query.args())
    glue = "&" if "?" in first else "?"
    return lambda number: first if number == 1 else f"{first}{glue}{paging.PARAMETER}={number}"


@bp.get("/interventies/<iid>")
def intervention(iid: str):
    """Everything the knowledge base holds on one intervention.

    :raise 404: if no intervention has this id."""
    kb = knowledge_base()
    if iid not in kb.interventions:
        abort(404)
    return render_template("catalogue/intervention.html", kb=kb, i=kb.interventions[iid], pages=pages)


@bp.get("/bouwstenen")
def bouwstenen():
    return render_template("catalogue/bouwstenen.html", kb=knowledge_base())


@bp.get("/factoren/<fid>")
def factor(fid: str):
    """A protective factor with its interventions, directly linked and through its types.

    :raise 404: if no factor has this id."""
    kb = knowledge_base()
    if fid not in kb.factors:
        abort(404)
    f = kb.factors[fid]
    direct, via_types = pages.factor_interventions(kb, f)
    return render_template("catalogue/factor.html", kb=kb, f=f, direct=direct, via_types=via_types, pages=pages)


@bp.get("/interventietypes/<nummer>")
def intervention_type(nummer: str):
    """:raise 404: if there is no such type."""
    kb = knowledge_base()
    if nummer not in kb.types:
        abort(404)
    return render_template("catalogue/intervention_type.html", kb=kb, t=kb.types[nummer], pages=pages)


@bp.get("/lacunes", endpoint="gaps")
def gaps_matrix():
    kb = knowledge_base()
    return render_template("catalogue/gaps.html", kb=kb, groups=gaps.coverage(kb), gaps=gaps)
