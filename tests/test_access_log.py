"""The access log names no key: no questionnaire, advice or invitation link can be read from it."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from wizard.access_log import KeylessLogger, without_keys
from wizard.models import new_token


@pytest.mark.parametrize("path", ["/advies/{key}", "/advies/{key}/b-en-w", "/advies/nieuw/{key}", "/wizard/{key}/stap/2",
                                  "/uitnodiging/{key}", "/trajecten/nieuw?vragenlijst={key}", "/advies/{key}.pdf"])
def test_a_key_in_a_url_is_masked(path):
    key = new_token()
    masked = without_keys(path.format(key=key))
    assert key not in masked and "***" in masked
    assert masked == path.format(key="***").replace("***.pdf", "***")  # the extension goes with the key


@pytest.mark.parametrize("path", ["/interventies/toolbox-mediaopvoeding", "/interventies?zoek=weerbaarheid&pagina=2",
                                  "/bouwstenen", "/static/vendor/htmx-2.0.4.min.js", "/trajecten/12"])
def test_other_urls_are_logged_as_they_are(path):
    assert without_keys(path) == path


def test_the_gunicorn_log_line_holds_neither_the_path_key_nor_the_referer_key():
    key, other = new_token(), new_token()
    logger = KeylessLogger(Config())
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/advies/{key}/stand?revisie=3", "PATH_INFO": f"/advies/{key}/stand",
               "QUERY_STRING": "revisie=3", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"https://example.nl/uitnodiging/{other}"}
    response = SimpleNamespace(status="204 No Content", sent=0, headers=[])
    request = SimpleNamespace(headers=[("REFERER", f"https://example.nl/uitnodiging/{other}")])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms
    assert key not in line and other not in line
    assert "GET /advies/***/stand?revisie=3 HTTP/1.1" in line and "/uitnodiging/***" in line


def test_an_uncaught_error_is_logged_without_the_key_of_its_url(tmp_path, caplog):
    from tests.conftest import make_app
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)
    key = new_token()

    @app.get("/advies/<advice_id>/kapot")
    def broken(advice_id):
        raise RuntimeError("stuk")
    with caplog.at_level("ERROR"):
        assert app.test_client().get(f"/advies/{key}/kapot").status_code == 500
    assert "Exception on /advies/***/kapot" in caplog.text and key not in caplog.text
