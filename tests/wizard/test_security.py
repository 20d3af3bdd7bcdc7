"""Security headers, no-store on token pages, production cookies, and bad input that must get a
4xx (never a 500) and leave the stored data as it was."""

import io
import re

import pytest

from tests.conftest import make_app
from tests.helpers import detached
from tests.wizard.test_advice import make_advice
from tests.wizard.test_questionnaire import STEP1, complete, new_session
from wizard.extensions import db
from wizard.models import Advice, WizardSession
from wizard.security import TOKEN_ARGS

SECRET = "s" * 32


@pytest.fixture(scope="module")
def advice_id(client_module):
    return make_advice(client_module)


@pytest.fixture(scope="module")
def client_module(app):
    return app.test_client()


def headers_of(client, path, **kwargs):
    with client.get(path, **kwargs) as response:  # closed: static files are streamed
        return response.headers


def token_pages(advice_id, sid):
    return [f"/wizard/{sid}/stap/1", f"/wizard/{sid}/overzicht", f"/wizard/{sid}/profiel.json",
            f"/advies/{advice_id}", f"/advies/{advice_id}/b-en-w", f"/advies/{advice_id}.json",
            f"/advies/{advice_id}/waarom?interventie=aarhus-model"]


def test_every_response_carries_the_security_headers(client, advice_id):
    sid = new_session(client)
    for path in ["/", "/interventies", "/static/app.js", "/bestaat-niet", *token_pages(advice_id, sid)]:
        headers = headers_of(client, path)
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        assert "Strict-Transport-Security" not in headers, path  # development is plain http


def test_pages_under_a_token_are_not_stored_by_browsers_or_proxies(client, advice_id):
    sid = new_session(client)
    for path in [f"/wizard/{sid}", *token_pages(advice_id, sid)]:
        assert headers_of(client, path).get("Cache-Control") == "no-store", path
    assert headers_of(client, "/interventies").get("Cache-Control") != "no-store"


def test_the_pdf_gets_the_headers_but_no_csp_that_would_block_the_pdf_viewer(client, advice_id):
    headers = headers_of(client, f"/advies/{advice_id}.pdf")
    assert headers["Content-Type"] == "application/pdf" and "Content-Security-Policy" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_pages_have_no_inline_script_style_or_event_handler(client, advice_id):
    """What the CSP would block: the pages must not need it."""
    sid = new_session(client)
    for path in ["/", "/wizard/", "/interventies", "/interventies/aarhus-model", "/lacunes", "/bouwstenen",
                 *token_pages(advice_id, sid)[:2], f"/advies/{advice_id}", f"/advies/{advice_id}/b-en-w"]:
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"\s(on[a-z]+|hx-on[:-][\w:-]*)=", html), path


def test_external_intervention_links_send_no_referrer(client, advice_id):
    for path in ["/interventies/aarhus-model", f"/advies/{advice_id}", f"/advies/{advice_id}/b-en-w"]:
        html = client.get(path).get_data(as_text=True)
        external = re.findall(r'<a [^>]*href="https?://(?!localhost/)[^"]*"[^>]*>', html)
        assert external, path
        assert all('rel="noopener noreferrer"' in a for a in external), path


def production_app(tmp_path, **overrides):
    settings = {"PRODUCTION": True, "SECRET_KEY": SECRET, "BASE_URL": "https://bouwstenenwijzer.example.nl",
                **overrides}
    return make_app(tmp_path, **settings)


def test_production_adds_hsts_and_secure_lax_session_cookies(tmp_path):
    from flask import session
    app = production_app(tmp_path)

    @app.get("/_zet-sessie")
    def set_session():
        session["x"] = 1
        return "ok"
    client = app.test_client()
    assert headers_of(client, "/static/app.js")["Strict-Transport-Security"].startswith("max-age=")
    cookie = client.get("/_zet-sessie", base_url="https://localhost").headers["Set-Cookie"]
    assert "Secure" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie


def test_development_cookies_are_lax_but_not_secure(app):
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax" and app.config["SESSION_COOKIE_SECURE"] is False


def token_routes(app):
    """Every route with a token argument, with a URL builder: a new route is covered unasked."""
    for rule in app.url_map.iter_rules():
        if TOKEN_ARGS & rule.arguments:
            yield rule


@pytest.mark.parametrize("token", ["\x00", "abc\x00def", "x" * 5000, "%", "..", "\u202e"])
def test_a_bad_token_on_any_token_route_is_a_4xx(app, client, token):
    """NUL made PostgreSQL answer 500 on /advies/%00 and every other token route."""
    adapter = app.url_map.bind("localhost")
    rules = list(token_routes(app))
    assert len(rules) >= 10
    for rule in rules:
        values = {arg: (token if arg in TOKEN_ARGS else 1) for arg in rule.arguments}
        url = adapter.build(rule.endpoint, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(url, method=method).status_code
            assert status in (400, 404, 405), f"{method} {url}: {status}"


def test_a_nul_byte_in_a_form_is_refused_and_nothing_is_stored(app, client):
    sid = new_session(client)
    complete(client, sid)
    before = detached(app, WizardSession, sid).answers
    response = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "Voorbeeld\x00stad"})
    assert response.status_code == 400
    assert detached(app, WizardSession, sid).answers == before


@pytest.mark.parametrize("field, value, message", [
    ("gemeente", "Gemeente \u202eztsoO", "leesrichting omdraait (U+202E)"),
    ("gemeente", "\u2067Arnhem\u2069", "leesrichting omdraait (U+2067)"),
    ("gemeente", "Arn\u200fhem", "leesrichting omdraait (U+200F)"),
    ("gemeente", "\u061c", "leesrichting omdraait (U+061C)"),
    ("gemeente", "\u200b\u200c\u200d\ufeff", "bevat geen zichtbare tekens"),
    ("gemeente", "\u3164", "bevat geen zichtbare tekens"),
    ("gemeente", "Arn\x1bhem", "stuurteken (U+001B)"),
    ("aanleiding", "Onrust \u202dnu", "leesrichting omdraait (U+202D)"),
    ("aanleiding", "\u2060\u2060", "bevat geen zichtbare tekens"),
])
def test_bidi_controls_and_invisible_text_are_refused_with_the_field_named(app, client, field, value, message):
    sid = new_session(client)
    complete(client, sid)
    before = detached(app, WizardSession, sid).answers
    response = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    label = "Naam van de gemeente" if field == "gemeente" else "Wat is de aanleiding voor uw vraag?"
    named = label + (" " if label.endswith("?") else ": ")
    assert html.count(f"{named}De tekst bevat") == 2 and message in html  # beside the field and in the summary
    assert f"{label} {label}" not in html and f"{label}: {label}" not in html  # the label once, not doubled
    assert detached(app, WizardSession, sid).answers == before


@pytest.mark.parametrize("value", ["Súdwest-Fryslân", "’s-Hertogenbosch", "Den\u200bHaag", "Zoë\tX"])
def test_ordinary_names_are_still_accepted(app, client, value):
    sid = new_session(client)
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": value}).status_code == 303
    assert detached(app, WizardSession, sid).answers["gemeente"] == value.strip()


def test_a_note_with_a_bidi_control_is_refused_and_not_stored(app, client, advice_id):
    before = detached(app, Advice, advice_id).notes
    response = client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Bespreken \u202e!won"})
    assert response.status_code == 422
    assert "Notitie bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)." in response.get_data(as_text=True)
    assert detached(app, Advice, advice_id).notes == before


def session_count(app) -> int:
    with app.app_context():
        return db.session.query(WizardSession).count()


def upload(client, body: bytes):
    return client.post("/wizard/import", data={"profiel": (io.BytesIO(body), "profiel.json")},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("body, message", [
    (b"[" * 1000 + b"]" * 1000, "te diep genest"),
    (b"[" * 100_000, "te diep genest"),
    (b'{"gemeente": "A", "context": {"x": [[[[[[[[1]]]]]]]]}}', "te diep genest"),
    (b'{"gemeente": "Arn\\u0000hem"}', "‘Naam van de gemeente’ (stap 1): bevat een stuurteken (U+0000)"),
    (b'{"gemeente": "\\ud800"}', "‘Naam van de gemeente’ (stap 1): bevat een ongeldig teken (U+D800)"),
    (b'{"gemeente": "Oost \\u202e"}', "‘Naam van de gemeente’ (stap 1): bevat een onzichtbaar teken"),
    (b'{"gemeente": "\\u200b"}', "‘Naam van de gemeente’ (stap 1): bevat geen zichtbare tekens"),
    (b'{"gemeente": "A", "context": {"aanleiding": "\\u202e"}}',
     "‘Wat is de aanleiding voor uw vraag?’ (stap 1): bevat een onzichtbaar teken"),
    (b'{"gemeente": "A", "doelgroepen": ["\\u0000"]}', "‘Doelgroepen’ (stap 2): bevat een stuurteken"),
    (b'{"gemeente": "A", "\\u202e": 1}', "Een veldnaam in het bestand bevat een onzichtbaar teken"),
    (b'{"gemeente": "A", "context": {"\\u202e": 1}}',
     "Een veldnaam in het bestand bevat een onzichtbaar teken"),
    (b"\xff\xfe", "geen geldig JSON-profiel"),
])
def test_a_hostile_profile_file_is_refused_in_dutch_and_stores_nothing(app, client, body, message):
    before = session_count(app)
    response = upload(client, body)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html and not re.search(r"profiel(\.\w|\[|:)", html)  # no internal path
    assert session_count(app) == before


def test_the_profile_contract_itself_refuses_unstorable_names(real_kb):
    """The same check for the CLI (`bouwstenenwijzer advies profiel.json`) and any other caller."""
    from rules.profile import ProfileInvalid, parse_profile
    with pytest.raises(ProfileInvalid) as exc:
        parse_profile({"gemeente": "\u202eA", "context": {"aanleiding": "\u200b"}}, real_kb)
    fields = dict(exc.value.errors)
    assert "leesrichting" in fields["gemeente"] and "zichtbare" in fields["context.aanleiding"]

