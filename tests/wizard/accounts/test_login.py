import re

import pytest

from tests.conftest import make_app
from wizard import ratelimit
from wizard.extensions import db
from wizard.accounts.forms import CLIENT_LIMIT, TOO_MANY_ATTEMPTS
from wizard.accounts.models import LOCKED_MESSAGE, LOCKOUT_LIMIT
from tests.wizard.conftest import PASSWORD


def test_login_page_is_dutch_and_labelled(client):
    page = client.get("/inloggen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<label class="utrecht-form-label" for="email">E-mailadres</label>' in html
    assert '<label class="utrecht-form-label" for="password">Wachtwoord</label>' in html
    assert 'value="Inloggen"' in html and 'lang="nl"' in html


@pytest.mark.parametrize("role, landing", [("beheerder", "/beheer"), ("adviseur", "/")])
def test_login_lands_beheerders_on_the_dashboard_and_others_home(make_user, new_client, login, role, landing,
                                                                  audit_events):
    email = make_user(role)
    client = new_client()
    response = login(client, email)
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).headers["Location"] == landing
    [event] = audit_events(event="inloggen", actor=email)
    assert event.result == "gelukt" and event.at is not None


def test_login_follows_next_to_the_page_asked_for(make_user, new_client):
    email, client = make_user("beheerder"), new_client()
    response = client.post("/inloggen?next=/beheer/feedback", data={"email": email, "password": PASSWORD})
    assert response.headers["Location"] == "/beheer/feedback"


def test_wrong_password_is_refused_in_dutch_and_logged(make_user, new_client, login, audit_events):
    email = make_user("beheerder")
    response = login(new_client(), email, "dit-is-niet-het-wachtwoord")
    assert response.status_code == 200
    assert "Inloggen mislukt: het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    [event] = audit_events(event="inloggen", actor=email)
    assert (event.result, event.reason) == ("geweigerd", "wachtwoord onjuist")


def test_unknown_account_gets_the_same_answer_and_what_was_typed_is_not_logged(new_client, login, audit_events):
    typed = "geen-account-hier@gemeente.example"
    response = login(new_client(), typed, "misschien-een-wachtwoord")
    assert "Inloggen mislukt: het e-mailadres of het wachtwoord klopt niet." in response.get_data(as_text=True)
    assert audit_events(actor=typed) == []
    assert [e.reason for e in audit_events(event="inloggen", actor="onbekend account")][-1] == "onbekend account"


def test_account_locks_after_failures_even_with_the_right_password_and_across_workers(
        app, make_user, new_client, login, audit_events, tmp_path):
    email = make_user("beheerder")
    for _ in range(LOCKOUT_LIMIT):
        login(new_client(), email, "fout-fout-fout-fout")
    refused = login(new_client(), email)
    assert refused.status_code == 200 and LOCKED_MESSAGE in refused.get_data(as_text=True)
    # a second app on the same database stands for another gunicorn worker
    other_worker = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    client = other_worker.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.250.0.1"
    assert LOCKED_MESSAGE in login(client, email).get_data(as_text=True)
    assert audit_events(event="inloggen", actor=email)[-1].reason == LOCKED_MESSAGE


def test_one_address_is_rate_limited_but_another_is_not(app, make_user, new_client, login):
    email = make_user("adviseur")
    noisy = new_client()
    # all but the last allowed attempt written straight into the shared counter (a real login
    # per attempt would only make the test slower); the last one is a real failed login
    with app.test_request_context(environ_base=noisy.environ_base):
        key = ratelimit.client_key("login")
        for _ in range(CLIENT_LIMIT - 1):
            ratelimit.add(key)
        db.session.commit()
    assert "Inloggen mislukt" in login(noisy, "iemand@gemeente.example", "fout-fout-fout").get_data(as_text=True)
    assert TOO_MANY_ATTEMPTS in login(noisy, email).get_data(as_text=True)
    assert login(new_client(), email).status_code == 302


def test_logout_ends_the_session_and_is_logged(beheerder, audit_events):
    client, email = beheerder
    assert client.get("/beheer").status_code == 200
    assert client.post("/uitloggen").status_code == 302
    assert client.get("/beheer").headers["Location"].startswith("/inloggen")
    assert audit_events(event="uitloggen", actor=email)


def test_header_shows_logout_only_when_logged_in(client, beheerder):
    assert "Uitloggen" not in client.get("/").get_data(as_text=True)
    html = beheerder[0].get("/").get_data(as_text=True)
    assert "Uitloggen" in html and 'href="/beheer"' in html


def test_password_reset_by_link_from_the_log(make_user, new_client, login, caplog):
    email, client = make_user("adviseur"), new_client()
    with caplog.at_level("WARNING"):
        response = client.post("/wachtwoord-herstellen", data={"email": email})
    assert response.status_code in (200, 302)
    [link] = re.findall(r"http://localhost(/wachtwoord-herstellen/[\w.\-]+)", caplog.text)
    assert client.get(link).status_code == 200
    new = "een-ander-lang-wachtwoord"
    assert client.post(link, data={"password": new, "password_confirm": new}).status_code == 302
    assert login(new_client(), email, PASSWORD).status_code == 200  # the old one no longer works
    assert login(new_client(), email, new).status_code == 302


def test_every_public_page_stays_public(app, client):
    """Every GET page without arguments outside /beheer and /trajecten answers without a log-in."""
    account_pages = ("/uitloggen", "/na-inloggen", "/wachtwoord-wijzigen", "/tweestapsverificatie", "/opnieuw-bevestigen")
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.rule.startswith(("/beheer", "/trajecten", "/static")):
            continue
        if rule.rule.startswith(account_pages):
            continue
        response = client.get(rule.rule)
        assert response.status_code != 403, rule.rule
        assert not response.headers.get("Location", "").startswith("/inloggen"), rule.rule


@pytest.mark.parametrize("email, password, message, marked", [
    ("", "", "Vul uw e-mailadres en uw wachtwoord in.", {"email", "password"}),
    ("", "een-wachtwoord", "Vul uw e-mailadres in.", {"email"}),
    ("iemand@gemeente.example", "", "Vul uw wachtwoord in.", {"password"}),
    ("geen-email", "", "Vul een geldig e-mailadres (bijvoorbeeld naam@gemeente.nl) en uw wachtwoord in.",
     {"email", "password"}),
    ("geen-email", "een-wachtwoord", "Vul een geldig e-mailadres (bijvoorbeeld naam@gemeente.nl) in.", {"email"}),
])
def test_an_empty_or_malformed_field_gets_one_message_and_is_marked(new_client, login, email, password, message,
                                                                    marked):
    html = login(new_client(), email, password).get_data(as_text=True)
    alert = re.search(r'<div class="utrecht-alert utrecht-alert--error" role="alert" id="fs-form-errors">(.*?)</div>',
                      html, re.S).group(1)
    assert re.findall(r'<p class="utrecht-paragraph">(.*?)</p>', alert) == [message]
    assert "Inloggen mislukt" not in html
    for field in ("email", "password"):
        tag = re.search(rf'<input[^>]* id="{field}"[^>]*>', html).group(0)
        assert ('aria-invalid="true"' in tag) == (field in marked)
        assert ("fs-form-errors" in (re.search(r'aria-describedby="([^"]*)"', tag) or [""])[0]) == (field in marked)
        container = re.search(rf'<div class="([^"]*)" id="{field}-ctr">', html).group(1)
        assert ("utrecht-form-field--invalid" in container) == (field in marked)


def test_a_malformed_address_with_a_password_is_still_a_logged_attempt(new_client, login, audit_events):
    before = len(audit_events(event="inloggen", actor="onbekend account"))
    login(new_client(), "geen-email", "misschien-een-wachtwoord")
    assert len(audit_events(event="inloggen", actor="onbekend account")) == before + 1
