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
    i = kb.interventions[iid]
    content = cache.rendered(kb, "catalogue/_intervention_content.html", iid, i=i, pages=pages)
    return render_template("catalogue/intervention.html", i=i, content=content)


@bp.get("/bouwstenen")
def bouwstenen():
    content = cache.rendered(knowledge_base(), "catalogue/_bouwstenen_content.html")
    return render_template("catalogue/bouwstenen.html", content=content)


@bp.get("/factoren/<fid>")
def factor(fid: str):
    """A protective factor with its interventions, directly linked and through its types.

    :raise 404: if no factor has this id."""
    kb = knowledge_base()
    if fid not in kb.factors:
        abort(404)
    f = kb.factors[fid]
    content = cache.rendered(kb, "catalogue/_factor_content.html", fid, f=f, pages=pages)
    return render_template("catalogue/factor.html", f=f, content=content)


@bp.get("/interventietypes/<nummer>")
def intervention_type(nummer: str):
    """:raise 404: if there is no such type."""
    kb = knowledge_base()
    if nummer not in kb.types:
        abort(404)
    t = kb.types[nummer]
    content = cache.rendered(kb, "catalogue/_intervention_type_content.html", nummer, t=t, pages=pages)
    return render_template("catalogue/intervention_type.html", t=t, content=content)


@bp.get("/lacunes", endpoint="gaps")
def gaps_matrix():
    kb = knowledge_base()
    content = cache.rendered(kb, "catalogue/_gaps_content.html", gaps=gaps)
    return render_template("catalogue/gaps.html", content=content)
