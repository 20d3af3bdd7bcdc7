"""The B&W advice as PDF, rendered by WeasyPrint from the same template as the print page."""

from urllib.parse import urlsplit

from flask import render_template

from rules.model import KnowledgeBase
from wizard.advice.view import advice_view
from wizard.config import PROJECT_ROOT
from wizard.models import Advice

STATIC = PROJECT_ROOT / "wizard" / "static"


def render(advice: Advice, kb: KnowledgeBase) -> bytes:
    # imported here: WeasyPrint takes ~0.5 s to import and only the PDF needs it
    from weasyprint import HTML
    html = render_template("advice/council.html", **advice_view(advice, kb), for_pdf=True)
    return HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=_static_fetcher()).write_pdf()


def _static_fetcher():
    """Stylesheets come from the static folder on disk (no web server needed); nothing else is
    fetched, so nothing a user typed can make the PDF renderer reach out to the network."""
    from weasyprint.urls import URLFetcher

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if "/static/" in path:
                local = (STATIC / path.split("/static/", 1)[1]).resolve()
                if STATIC.resolve() in local.parents and local.is_file():
                    return super().fetch(local.as_uri(), headers)
            raise ValueError(f"De PDF haalt geen externe bronnen op: {url}")

    return StaticOnly(allowed_protocols={"file"}, fail_on_errors=True)
