"""Catalogue pages. Views translate the request and delegate: filtering and counting are pure
functions in `facets`, the text search lives in `search`."""

from flask import abort, make_response, render_template, request

from wizard.catalogue import bp, cache, gaps, listing, pages
from wizard.filters import render_partial_or_page
from wizard.kb.access import knowledge_base


@bp.get("/interventies")
def interventions():
    """Search and filter the interventions (parameters: q, the names in facets.FILTERS, sort,
    pagina), PAGE_SIZE results per page.

    Unknown values are ignored with a notice. htmx requests get only the results, with the
    filter counts swapped out of band, and the canonical URL to push."""
    kb = knowledge_base()
    found = cache.listing(kb, request.query_string, lambda: listing.Listing(kb, request.args))
    response = make_response(render_partial_or_page("catalogue/_results.html", "catalogue/interventions.html",
                                                    oob=True, listing=found))
    response.vary.add("HX-Request")  # the same URL serves a partial and a page: caches must keep both
    if request.htmx:
        response.headers["HX-Push-Url"] = found.url
    return response


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
