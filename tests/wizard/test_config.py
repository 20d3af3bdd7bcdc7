"""Production configuration: a long SECRET_KEY, BOUWSTENENWIJZER_ENV in any case, and absolute
links from BASE_URL rather than from the Host header."""

import os
import subprocess
import sys

import pytest

from tests.conftest import make_app
from tests.wizard.test_questionnaire import new_session
from wizard.config import PROJECT_ROOT, is_production

LONG_KEY = "k" * 32


@pytest.mark.parametrize("value, expected", [
    ("production", True), ("Production", True), ("PRODUCTION", True), (" production\n", True),
    (None, False), ("", False), ("development", False), ("prod", False), ("productie", False),
])
def test_the_environment_name_is_read_case_insensitively(value, expected):
    assert is_production(value) is expected


def start_in_a_fresh_process(tmp_path, **env) -> subprocess.CompletedProcess:
    """create_app() with only the environment to configure it, as gunicorn does."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "BASE_URL", "BOUWSTENENWIJZER_ENV")}
    environment.update(DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite", **env)
    return subprocess.run([sys.executable, "-c", "from wizard import create_app; create_app(); print('gestart')"],
                          cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=60)


def test_a_capitalised_production_is_still_production(tmp_path):
    result = start_in_a_fresh_process(tmp_path, BOUWSTENENWIJZER_ENV="Production", SECRET_KEY="kort")
    assert result.returncode != 0 and "SECRET_KEY is te kort" in result.stderr


@pytest.mark.parametrize("key", ["x" * 31, "geheim", "é" * 15])
def test_production_refuses_a_secret_key_shorter_than_32_bytes(tmp_path, key):
    with pytest.raises(RuntimeError, match="SECRET_KEY is te kort: in productie minstens 32 bytes"):
        make_app(tmp_path, PRODUCTION=True, SECRET_KEY=key, BASE_URL="https://b.example.nl")


def test_production_accepts_32_bytes_and_development_any_key(tmp_path):
    assert make_app(tmp_path, PRODUCTION=True, SECRET_KEY="é" * 16, BASE_URL="https://b.example.nl")
    assert make_app(tmp_path, PRODUCTION=False, SECRET_KEY="kort")


@pytest.mark.parametrize("base_url, message", [
    (None, "BASE_URL is verplicht in productie"),
    ("", "BASE_URL is verplicht in productie"),
    ("http://b.example.nl", "BASE_URL moet in productie met https:// beginnen"),
    ("https://b.example.nl/pad", "zonder pad"),
    ("b.example.nl", "de vorm https://host"),
    ("https://b.example.nl/?x=1", "zonder pad"),
])
def test_production_needs_a_well_formed_https_base_url(tmp_path, base_url, message):
    with pytest.raises(RuntimeError, match=message):
        make_app(tmp_path, PRODUCTION=True, SECRET_KEY=LONG_KEY, BASE_URL=base_url)


def resume_link(client) -> str:
    sid = new_session(client)
    html = client.get(f"/wizard/{sid}/stap/1", headers={"Host": "evil.example"}).get_data(as_text=True)
    start = html.index('id="later-verder">') + len('id="later-verder">')
    return html[start:html.index("</a>", start)]


def test_absolute_links_come_from_base_url_not_from_the_host_header(app, tmp_path):
    configured = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
                          BASE_URL="https://bouwstenenwijzer.example.nl/")
    link = resume_link(configured.test_client())
    assert link.startswith("https://bouwstenenwijzer.example.nl/wizard/") and "evil" not in link


def test_without_base_url_development_links_use_the_request_host(client):
    assert resume_link(client).startswith("http://evil.example/wizard/")


def test_the_advice_page_links_to_itself_through_base_url(app, tmp_path):
    from tests.wizard.test_advice import make_advice
    configured = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
                          BASE_URL="https://bouwstenenwijzer.example.nl")
    client = configured.test_client()
    advice_id = make_advice(client)
    html = client.get(f"/advies/{advice_id}", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert f'href="https://bouwstenenwijzer.example.nl/advies/{advice_id}"' in html and "evil.example" not in html


@pytest.mark.parametrize("value", ["0", "-3", "achttien", "1.5"])
def test_a_wrong_retention_period_stops_start_up(tmp_path, value):
    with pytest.raises(RuntimeError, match="BEWAARTERMIJN_MAANDEN moet een geheel aantal maanden zijn"):
        make_app(tmp_path, BEWAARTERMIJN_MAANDEN=value)


@pytest.mark.parametrize("name", ["SECRET_KEY", "BOUWSTENENWIJZER_ENV", "BASE_URL", "BEWAARTERMIJN_MAANDEN"])
def test_every_setting_is_in_the_readme_config_table(name):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{name}` |" in readme


def test_the_environment_is_read_when_the_app_is_made_not_when_modules_are_imported(monkeypatch, tmp_path):
    from wizard import create_app
    from wizard.config import Config
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/later.sqlite")
    monkeypatch.setenv("PDF_TIMEOUT", "7.5")
    monkeypatch.setenv("BOUWSTENENWIJZER_ENV", "ontwikkeling")
    app = create_app(Config)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/later.sqlite"
    assert app.config["PDF_TIMEOUT"] == 7.5 and app.config["PRODUCTION"] is False


def test_an_unreadable_number_in_the_environment_is_a_dutch_error(monkeypatch, tmp_path):
    from wizard import create_app
    from wizard.config import Config
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite")
    monkeypatch.setenv("PDF_TIMEOUT", "twintig")
    with pytest.raises(RuntimeError, match="PDF_TIMEOUT moet een getal zijn, niet 'twintig'"):
        create_app(Config)


def _client_seen_by(app):
    """What the app takes as the client's address and scheme for one request from a proxy at
    10.0.0.2 that forwards a visitor at 203.0.113.9 over https."""
    seen = {}

    @app.get("/_wie")
    def who():
        from flask import request
        seen.update(address=request.remote_addr, secure=request.is_secure)
        return ""
    app.test_client().get("/_wie", environ_base={"REMOTE_ADDR": "10.0.0.2"},
                          headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"})
    return seen


def test_behind_a_configured_proxy_the_forwarded_client_address_and_scheme_count(tmp_path):
    assert _client_seen_by(make_app(tmp_path, PROXY_HOPS=1)) == {"address": "203.0.113.9", "secure": True}


def test_without_a_configured_proxy_forwarded_headers_are_ignored(tmp_path):
    # a visitor could otherwise pick any address and escape the login rate limit
    assert _client_seen_by(make_app(tmp_path)) == {"address": "10.0.0.2", "secure": False}


@pytest.mark.parametrize("hops", [-1, 6, "twee"])
def test_a_wrong_number_of_proxies_stops_start_up(tmp_path, hops):
    with pytest.raises(RuntimeError, match="PROXY_HOPS moet het aantal reverse proxy's"):
        make_app(tmp_path, PROXY_HOPS=hops)
