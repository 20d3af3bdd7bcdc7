import re

import sqlalchemy as sa

from wizard.accounts.models import User
from wizard.extensions import db


def _user_id(app, email):
    with app.app_context():
        return db.session.scalar(sa.select(User.id).where(User.email == email))


def test_a_beheerder_creates_an_account_and_gets_a_link_to_set_its_password(app, beheerder, new_client, login,
                                                                          audit_events):
    client, admin = beheerder
    email = "nieuw-adviseur@gemeente.example"
    page = client.post("/beheer/gebruikers", data={"email": email, "role": "adviseur"}).get_data(as_text=True)
    link = re.search(r"<code>http://localhost(/wachtwoord-herstellen/[^<]+)</code>", page).group(1)
    assert client.get("/beheer/gebruikers").get_data(as_text=True).count(email) >= 1
    [created] = audit_events(event="account aangemaakt", target=f"account:{email}")
    assert created.actor == admin and created.changes == {"rol": [None, "adviseur"], "actief": [None, True]}
    chosen = "zelf-gekozen-wachtwoord"
    assert new_client().post(link, data={"password": chosen, "password_confirm": chosen}).status_code == 302
    assert login(new_client(), email, chosen).status_code == 302


def test_a_bad_new_account_gets_a_dutch_message_and_changes_nothing(app, beheerder):
    client, admin = beheerder
    before = client.get("/beheer/gebruikers").get_data(as_text=True).count("<tr")
    bad = client.post("/beheer/gebruikers", data={"email": "geen-adres", "role": "adviseur"})
    assert bad.status_code == 422 and "Vul een geldig e-mailadres in." in bad.get_data(as_text=True)
    twice = client.post("/beheer/gebruikers", data={"email": admin, "role": "adviseur"})
    assert twice.status_code == 422 and f"Er bestaat al een account voor {admin}" in twice.get_data(as_text=True)
    assert client.get("/beheer/gebruikers").get_data(as_text=True).count("<tr") == before


def test_role_change_and_deactivation_take_effect_and_are_logged(app, beheerder, make_user, new_client, login,
                                                                 audit_events):
    client, _ = beheerder
    email = make_user("adviseur")
    uid = _user_id(app, email)
    client.post(f"/beheer/gebruikers/{uid}/rol", data={"role": "beheerder"})
    other = new_client()
    login(other, email)
    assert other.get("/beheer").status_code == 200
    assert audit_events(event="rol gewijzigd", target=f"account:{email}")[-1].changes == {
        "rol": ["adviseur", "beheerder"]}
    client.post(f"/beheer/gebruikers/{uid}/actief", data={"active": "nee"})
    # the open session ends and a new log-in is refused
    assert other.get("/beheer").status_code == 302
    assert login(new_client(), email).status_code == 200
    assert audit_events(event="account gedeactiveerd", target=f"account:{email}")


def test_a_beheerder_cannot_lock_themselves_out(app, beheerder, audit_events):
    client, admin = beheerder
    uid = _user_id(app, admin)
    refused = client.post(f"/beheer/gebruikers/{uid}/actief", data={"active": "nee"}, follow_redirects=True)
    assert "U kunt uw eigen account niet deactiveren." in refused.get_data(as_text=True)
    demoted = client.post(f"/beheer/gebruikers/{uid}/rol", data={"role": "adviseur"}, follow_redirects=True)
    assert "U kunt uw eigen rol beheerder niet intrekken" in demoted.get_data(as_text=True)
    assert client.get("/beheer").status_code == 200
    assert audit_events(target=f"account:{admin}", event="account gedeactiveerd") == []


def test_unknown_account_is_404(beheerder):
    assert beheerder[0].post("/beheer/gebruikers/999999/actief", data={"active": "nee"}).status_code == 404


def test_a_beheerder_turns_off_someone_elses_lost_two_factor(app, beheerder, make_user, audit_events):
    client, _ = beheerder
    email = make_user("adviseur")
    uid = _user_id(app, email)
    with app.app_context():
        user = db.session.get(User, uid)
        user.tf_primary_method, user.tf_totp_secret = "authenticator", "geheim"
        db.session.commit()
    assert "Tweestapsverificatie uitzetten" in client.get("/beheer/gebruikers").get_data(as_text=True)
    response = client.post(f"/beheer/gebruikers/{uid}/tweestapsverificatie", follow_redirects=True)
    assert f"De tweestapsverificatie van {email} is uitgezet" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, uid).tf_primary_method is None
    assert audit_events(event="tweestapsverificatie uitgezet", target=f"account:{email}")[-1].changes == {
        "tweestapsverificatie": ["authenticator", None]}
    again = client.post(f"/beheer/gebruikers/{uid}/tweestapsverificatie", follow_redirects=True)
    assert "heeft geen tweestapsverificatie ingesteld" in again.get_data(as_text=True)


def test_the_audit_page_shows_who_did_what_escaped_and_filters(app, beheerder, make_user):
    client, admin = beheerder
    email = make_user("adviseur")
    uid = _user_id(app, email)
    client.post(f"/beheer/gebruikers/{uid}/rol", data={"role": "beheerder"})
    html = client.get(f"/beheer/audit?waarop=account:{email}").get_data(as_text=True)
    assert "rol gewijzigd" in html and admin in html and "rol: adviseur → beheerder" in html
    assert "account aangemaakt" in html and "inloggen" not in html
    from wizard import audit
    with app.app_context():
        audit.record("proef", target="<b>doel</b>")
        db.session.commit()
    assert "&lt;b&gt;doel&lt;/b&gt;" in client.get("/beheer/audit?waarop=<b>doel</b>").get_data(as_text=True)


def test_your_own_role_is_text_with_the_reason_you_cannot_change_it(app, beheerder, make_user):
    client, admin = beheerder
    other = make_user("adviseur")
    html = client.get("/beheer/gebruikers").get_data(as_text=True)
    own_row = re.search(rf"<tr[^>]*>\s*<th[^>]*>{re.escape(admin)} <span[^>]*>\(uzelf\)</span></th>(.*?)</tr>",
                        html, re.S).group(1)
    assert "<select" not in own_row and "disabled" not in own_row
    assert "Beheerder" in own_row and "Uw eigen rol wijzigen of uw account deactiveren kan niet" in own_row
    other_row = re.search(rf"<tr[^>]*>\s*<th[^>]*>{re.escape(other)}</th>(.*?)</tr>", html, re.S).group(1)
    assert f'id="rol-{_user_id(app, other)}"' in other_row and "Uw eigen rol" not in other_row


def test_a_new_account_starts_with_the_least_powerful_role(beheerder):
    client, _ = beheerder
    chosen = re.compile(r'<select class="utrecht-select" id="role" name="role">(.*?)</select>', re.S)
    selected = re.compile(r'<option value="(\w+)" selected>')
    assert selected.findall(chosen.search(client.get("/beheer/gebruikers").get_data(as_text=True)).group(1)) == [
        "adviseur"]
    # after an account is made the form is empty again, with the same default
    made = client.post("/beheer/gebruikers", data={"email": "standaardrol@gemeente.example", "role": "beheerder"})
    form = made.get_data(as_text=True).split('action="/beheer/gebruikers"')[1]
    assert selected.findall(chosen.search(form).group(1)) == ["adviseur"]
    assert 'value="standaardrol@gemeente.example"' not in form
