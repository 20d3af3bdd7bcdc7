"""Every error a visitor can meet is a Dutch page in the site's layout, with its own status."""

import pytest
from flask import abort

from tests.conftest import make_app


@pytest.fixture
def failing_app(app, tmp_path):
    """The app as in production (exceptions become 500 pages), plus routes that fail on purpose."""
    failing = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], PROPAGATE_EXCEPTIONS=False,
                       WTF_CSRF_ENABLED=True)
    failing.add_url_rule("/kapot", "kapot", lambda: 1 / 0)
    failing.add_url_rule("/verboden", "verboden", lambda: abort(403))
    failing.add_url_rule("/druk", "druk", lambda: abort(429))
    return failing


@pytest.mark.parametrize("method, url, kwargs, code, heading", [
    ("get", "/bestaat-niet", {}, 404, "Pagina niet gevonden"),
    ("post", "/interventies", {}, 405, "Dit kan zo niet"),
    ("post", "/wizard/import", {"data": "x" * (3 * 1024 * 1024), "content_type": "text/plain"}, 413, "Te veel gegevens"),
    ("post", "/wizard/nieuw", {}, 400, "Het formulier kon niet worden verwerkt"),
    ("get", "/kapot", {}, 500, "Er is een fout opgetreden"),
    ("get", "/verboden", {}, 403, "Geen toegang"),
    ("get", "/druk", {}, 429, "Te veel verzoeken"),
])
def test_errors_are_dutch_pages_in_the_site_layout(failing_app, method, url, kwargs, code, heading):
    response = getattr(failing_app.test_client(), method)(url, **kwargs)
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert f'<h1 class="utrecht-heading-1">{heading}</h1>' in html
    assert 'id="foutmelding"' in html and "Bouwstenenwijzer</a>" in html and 'lang="nl"' in html
    assert f"Foutcode {code}" in html


def test_the_405_page_keeps_the_allow_header(failing_app):
    response = failing_app.test_client().post("/interventies")
    assert "GET" in response.headers["Allow"] and response.mimetype == "text/html"


def test_the_413_page_names_the_configured_limit(failing_app):
    html = failing_app.test_client().post("/wizard/import", data="x" * (3 * 1024 * 1024),
                                          content_type="text/plain").get_data(as_text=True)
    assert "hoogstens 2 MB" in html
