"""Home page and the pages that explain the tool."""

from flask import render_template

from wizard.kb.access import knowledge_base
from wizard.main import bp


@bp.get("/")
def home():
    return render_template("main/home.html", kb=knowledge_base())


@bp.get("/gezond")
def health():
    """For the load balancer: the app answers and the knowledge base is loaded."""
    kb = knowledge_base()
    return {"status": "ok", "kennisbank": kb.version}
