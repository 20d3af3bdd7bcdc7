import base64
import hashlib
import hmac
import re
import struct
import time

from tests.conftest import make_app
from tests.wizard.conftest import PASSWORD
from wizard.accounts.models import LOCKED_MESSAGE, LOCKOUT_LIMIT


def totp(key: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), written out here so that the test does not trust the
    implementation it checks."""
    plain = re.sub(r"[\s-]", "", key).upper()  # shown grouped, e.g. 'J7UV-3K2V-...'
    secret = base64.b32decode(plain + "=" * (-len(plain) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def test_in_production_a_beheerder_must_set_up_totp_and_then_log_in_with_a_code(app, make_user, tmp_path,
                                                                                  audit_events):
    production = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], PRODUCTION=True,
                          BASE_URL="https://wijzer.example")
    email = make_user("beheerder")
    client = production.test_client()
    # production cookies are Secure: the test client sends them over https only
    client.environ_base.update({"REMOTE_ADDR": "10.251.0.1", "wsgi.url_scheme": "https"})
    assert client.post("/inloggen", data={"email": email, "password": PASSWORD}).status_code == 302
    assert client.get("/beheer").headers["Location"] == "/tweestapsverificatie"

    page = client.post("/tweestapsverificatie", data={"setup": "authenticator"}).get_data(as_text=True)
    key = re.search(r'<code id="totp-key">([^<]+)</code>', page).group(1)
    assert client.post("/tweestapsverificatie/code", data={"code": totp(key)}).status_code == 302
    assert client.get("/beheer").status_code == 200
    client.post("/uitloggen")

    # from now on the password alone is not enough
    response = client.post("/inloggen", data={"email": email, "password": PASSWORD})
    assert response.headers["Location"].startswith("/tweestapsverificatie/code")
    assert client.get("/beheer").status_code == 302
    wrong = "000000" if totp(key) != "000000" else "111111"
    refused = client.post("/tweestapsverificatie/code", data={"code": wrong})
    assert "De code klopt niet" in refused.get_data(as_text=True)
    assert client.post("/tweestapsverificatie/code", data={"code": totp(key)}).status_code == 302
    assert client.get("/beheer").status_code == 200
    events = [(e.event, e.result, e.reason) for e in audit_events(actor=email)]
    assert ("tweestapsverificatie ingesteld", "gelukt", None) in events
    assert ("inloggen", "geweigerd", "tweestapscode onjuist") in events

    # guessing codes locks the account like guessing passwords: then even the right code fails
    client.post("/uitloggen")
    client.post("/inloggen", data={"email": email, "password": PASSWORD})
    for _ in range(LOCKOUT_LIMIT - 1):
        client.post("/tweestapsverificatie/code", data={"code": wrong})
    locked = client.post("/tweestapsverificatie/code", data={"code": totp(key)})
    assert LOCKED_MESSAGE in locked.get_data(as_text=True)
    assert client.get("/beheer").status_code == 302


def test_outside_production_totp_is_optional(beheerder):
    client, _ = beheerder
    assert client.get("/beheer").status_code == 200


def test_cli_creates_an_account_with_the_password_from_stdin_and_lists_it(runner, new_client, login):
    email = "cli-beheerder@gemeente.example"
    result = runner.invoke(args=["gebruiker", "aanmaken", email, "--rol", "beheerder"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert f"Account aangemaakt: {email} (beheerder)." in result.output
    listing = runner.invoke(args=["gebruiker", "lijst"]).output
    assert f"{email}\tbeheerder\tactief\ttweestapsverificatie uit" in listing
    assert login(new_client(), email).status_code == 302


def test_cli_refuses_a_short_password_a_duplicate_and_an_unknown_role(runner):
    short = runner.invoke(args=["gebruiker", "aanmaken", "kort@gemeente.example", "--rol", "adviseur"], input="kort\n")
    assert short.exit_code == 1 and "minstens 12 tekens" in short.output
    assert "kort@gemeente.example" not in runner.invoke(args=["gebruiker", "lijst"]).output
    runner.invoke(args=["gebruiker", "aanmaken", "dubbel@gemeente.example", "--rol", "adviseur"], input=PASSWORD + "\n")
    again = runner.invoke(args=["gebruiker", "aanmaken", "Dubbel@gemeente.example", "--rol", "adviseur"],
                          input=PASSWORD + "\n")
    assert again.exit_code == 1 and "Er bestaat al een account voor Dubbel@gemeente.example" in again.output
    unknown = runner.invoke(args=["gebruiker", "aanmaken", "x@gemeente.example", "--rol", "baas"], input=PASSWORD + "\n")
    assert unknown.exit_code == 2


def test_cli_prints_a_reset_link_that_sets_a_new_password(runner, make_user, new_client, login):
    email = make_user("adviseur")
    result = runner.invoke(args=["gebruiker", "herstellink", email, "--adres", "https://wijzer.example"])
    assert result.exit_code == 0
    link = result.output.strip()
    assert link.startswith("https://wijzer.example/wachtwoord-herstellen/")
    client = new_client()
    path = link.removeprefix("https://wijzer.example")
    new = "nieuw-wachtwoord-via-cli"
    assert client.post(path, data={"password": new, "password_confirm": new}).status_code == 302
    assert login(new_client(), email, new).status_code == 302


def test_the_two_factor_page_says_in_a_sentence_whether_it_is_on(beheerder):
    client, _ = beheerder
    stand = re.compile(r'<p class="utrecht-paragraph" id="tweestap-stand">([^<]+)</p>')
    page = client.get("/tweestapsverificatie").get_data(as_text=True)
    assert stand.search(page).group(1) == "Tweestapsverificatie staat nog niet aan: u logt nu in met alleen uw wachtwoord."
    assert "Nu ingesteld" not in page
    key = re.search(r'<code id="totp-key">([^<]+)</code>', client.post(
        "/tweestapsverificatie", data={"setup": "authenticator"}).get_data(as_text=True)).group(1)
    assert client.post("/tweestapsverificatie/code", data={"code": totp(key)}).status_code == 302
    assert stand.search(client.get("/tweestapsverificatie").get_data(as_text=True)).group(1) == (
        "Tweestapsverificatie staat aan: u logt in met uw wachtwoord en een code uit uw authenticator-app.")
