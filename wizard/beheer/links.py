"""/beheer/links: the weblinks that the last check found moved, broken or unreachable."""

from flask import render_template

from wizard.beheer import bp
from wizard.kb.access import knowledge_base
from wizard.links import store

# the knowledge-base work adds this page; the button to fix a link appears once it exists
EDIT_ENDPOINT = "beheer.edit_intervention"


@bp.get("/links")
def links():
    return render_template("beheer/links.html", problems=store.problems(), last_checked=store.last_checked(),
                           kb=knowledge_base(), edit_endpoint=EDIT_ENDPOINT)
