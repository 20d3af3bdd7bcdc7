"""/trajecten: who may open it, starting and adopting, invitation links on the page, next steps
and status - with Dutch field errors for bad input and an audit row for every change."""

import re
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from tests.wizard.test_questionnaire import new_session
from wizard import create_app, revisions
from wizard.config import TestConfig
from wizard.extensions import db
from wizard.models import WizardSession
from wizard.trajectory import service
from wizard.trajectory.models import Trajectory


def _trajectory_requests():
    app = create_app(TestConfig, DATABASE_URL="sqlite://")
    for rule in app.url_map.iter_rules():
        if rule.rule == "/trajecten" or rule.rule.startswith("/trajecten/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                # the converter's bound (int(max=...)) is the route's business, not the walk's
                yield method, re.sub(r"<int\([^)]*\):", "<int:", rule.rule)


REQUESTS = list(_trajectory_requests())


def _url(rule: str, trajectory_id: int = 1) -> str:
    return rule.replace("<int:trajectory_id>", str(trajectory_id))


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Trajectory))


def test_the_walk_found_the_trajectory_pages():
    rules = {rule for _, rule in REQUESTS}
    assert {"/trajecten", "/trajecten/nieuw", "/trajecten/<int:trajectory_id>",
            "/trajecten/<int:trajectory_id>/afspraken"} <= rules


@pytest.mark.parametrize("method, rule", REQUESTS, ids=[f"{m} {r}" for m, r in REQUESTS])
def test_anonymous_is_sent_to_the_login_page(client, method, rule):
    response = client.open(_url(rule), method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen?next=")


@pytest.mark.parametrize("method, rule", REQUESTS, ids=[f"{m} {r}" for m, r in REQUESTS])
def test_a_beheerder_without_the_adviseur_role_is_refused(beheerder, method, rule):
    response = beheerder[0].open(_url(rule), method=method)
    assert response.status_code == 403
    assert "alleen voor accounts met de rol adviseur" in response.get_data(as_text=True)


PER_TRAJECTORY = [(m, r) for m, r in REQUESTS if "<int:trajectory_id>" in r]


@pytest.mark.parametrize("method, rule", PER_TRAJECTORY, ids=[f"{m} {r}" for m, r in PER_TRAJECTORY])
def test_another_adviseur_cannot_open_or_change_a_trajectory(app, adviseur, start, stored, make_user, new_client,
                                                              login, audit_events, method, rule):
    trajectory_id = start(adviseur[0])
    before = stored(trajectory_id)
    colleague = new_client()
    login(colleague, make_user("adviseur"))
    response = colleague.open(_url(rule, trajectory_id), method=method,
                              data={"kind": "bewerken", "status": "afgerond", "text": "x", "due": "2027-01-01"})
    assert response.status_code == 403
    assert "van een andere adviseur" in response.get_data(as_text=True)
    after = stored(trajectory_id)
    assert (after.revision, after.edit_token, after.status) == (before.revision, before.edit_token, before.status)
    assert audit_events(event="toegang geweigerd", target=f"traject:{trajectory_id}")[-1].result == "geweigerd"


def test_an_unknown_trajectory_is_a_dutch_404(adviseur):
    response = adviseur[0].get("/trajecten/999999")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.get_data(as_text=True)


def test_an_adviseur_starts_a_trajectory_with_a_new_questionnaire(app, adviseur, start, stored, audit_events):
    client, email = adviseur
    trajectory = stored(start(client, "Zoë's Dorp"))
    assert trajectory.status == "lopend" and trajectory.next_steps == []
    assert trajectory.edit_token != trajectory.read_token and len(trajectory.edit_token) >= 40
    with app.app_context():
        questionnaire = db.session.get(WizardSession, trajectory.wizard_session_id)
        assert questionnaire.answers == {"gemeente": "Zoë's Dorp"}
    page = client.get(f"/trajecten/{trajectory.id}").get_data(as_text=True)
    assert f"http://localhost/uitnodiging/{trajectory.edit_token}" in page
    assert f"http://localhost/uitnodiging/{trajectory.read_token}" in page
    assert page.count("Intrekken en vervangen") == 2
    assert f'href="/wizard/{trajectory.wizard_session_id}"' in page
    assert "Er is nog geen advies samengesteld." in page
    listing = client.get("/trajecten").get_data(as_text=True)
    assert "Zoë&#39;s Dorp" in listing and "Lopend" in listing
    event = audit_events(event="adviestraject gestart", target=f"traject:{trajectory.id}")[0]
    assert event.actor == email and event.changes["gemeente"] == [None, "Zoë's Dorp"]


def test_the_list_shows_only_the_adviseurs_own_trajectories(adviseur, start, make_user, new_client, login):
    start(adviseur[0], "Eigenstad")
    colleague = new_client()
    login(colleague, make_user("adviseur"))
    start(colleague, "Anderstad")
    listing = adviseur[0].get("/trajecten").get_data(as_text=True)
    assert "Eigenstad" in listing and "Anderstad" not in listing


def test_the_last_change_is_the_newest_of_trajectory_questionnaire_and_advice(app, with_advice):
    client, trajectory, advice_id = with_advice
    with app.app_context():
        row = db.session.get(Trajectory, trajectory.id)
        questionnaire = db.session.get(WizardSession, trajectory.wizard_session_id)
        assert service.last_change(row) > service._aware(row.updated_at)
        assert service.last_change(row) >= service._aware(questionnaire.updated_at)


@pytest.mark.parametrize("how", ["link", "id"])
def test_an_existing_questionnaire_is_adopted_by_link_or_id(app, client, adviseur, start, stored, audit_events, how):
    sid = new_session(client)
    reference = f"https://bouwstenenwijzer.example/wizard/{sid}/stap/2" if how == "link" else sid
    trajectory = stored(start(adviseur[0], "Overstad", reference))
    assert trajectory.wizard_session_id == sid
    assert audit_events(event="vragenlijst overgenomen in adviestraject", target=f"traject:{trajectory.id}")


def test_the_overview_offers_an_adviseur_to_make_a_trajectory_of_a_free_questionnaire(client, adviseur, start):
    sid = new_session(client)
    offer = "Maak hier een adviestraject van"
    assert offer not in client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    page = adviseur[0].get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert offer in page and f"/trajecten/nieuw?vragenlijst={sid}" in page
    form = adviseur[0].get(f"/trajecten/nieuw?vragenlijst={sid}").get_data(as_text=True)
    assert f'value="{sid}"' in form
    start(adviseur[0], "Overstad", sid)
    assert offer not in adviseur[0].get(f"/wizard/{sid}/overzicht").get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"municipality": "", "questionnaire": ""}, "Naam van de gemeente: Vul de naam van de gemeente in."),
    ({"municipality": "x" * 121, "questionnaire": ""}, "Naam van de gemeente: Gebruik hoogstens 120 tekens."),
    ({"municipality": "Stad\u202e", "questionnaire": ""}, "leesrichting"),
    ({"municipality": "Stad", "questionnaire": "bestaat-niet"}, "Er is geen vragenlijst met deze link of code"),
])
def test_bad_input_for_a_new_trajectory_names_the_field_and_creates_nothing(app, adviseur, data, message):
    before = _count(app)
    response = adviseur[0].post("/trajecten/nieuw", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count(app) == before


def test_a_questionnaire_already_in_a_trajectory_is_refused(app, adviseur, start, stored):
    sid = stored(start(adviseur[0])).wizard_session_id
    before = _count(app)
    response = adviseur[0].post("/trajecten/nieuw", data={"municipality": "Tweede", "questionnaire": sid})
    assert response.status_code == 422
    assert "Bestaande vragenlijst (niet verplicht): Deze vragenlijst hoort al bij een adviestraject." in response.get_data(as_text=True)
    assert _count(app) == before


def test_next_steps_are_added_with_a_date_and_marked_done(adviseur, start, stored, audit_events):
    client, email = adviseur
    trajectory_id = start(client)
    response = client.post(f"/trajecten/{trajectory_id}/afspraken", data={"text": "Gesprek met de wethouder", "due": "15-01-2027"})
    assert response.status_code == 303
    step = stored(trajectory_id).next_steps[0]
    assert (step["tekst"], step["datum"], step["klaar"], step["door"]) == ("Gesprek met de wethouder", "2027-01-15", False, email)
    page = client.get(f"/trajecten/{trajectory_id}").get_data(as_text=True)
    assert "15-1-2027" in page and "Gesprek met de wethouder" in page
    assert client.post(f"/trajecten/{trajectory_id}/afspraken/klaar", data={"step": step["id"], "done": "ja"}).status_code == 303
    done = stored(trajectory_id).next_steps[0]
    assert done["klaar"] is True and done["afgerond_door"] == email
    assert audit_events(event="vervolgafspraak toegevoegd", target=f"traject:{trajectory_id}")
    assert audit_events(event="vervolgafspraak afgerond", target=f"traject:{trajectory_id}")


@pytest.mark.parametrize("data, message", [
    ({"text": "Bellen", "due": "31-02-2027"}, "Datum: Vul een geldige datum in"),
    ({"text": "Bellen", "due": "morgen"}, "Datum: Vul een geldige datum in"),
    ({"text": "Bellen", "due": ""}, "Datum: Vul een datum in."),
    ({"text": "Bellen", "due": "01-01-1999"}, "Datum: Vul een datum tussen 2000 en 2100 in."),
    ({"text": "", "due": "2027-01-01"}, "Afspraak: Beschrijf de afspraak."),
    ({"text": "\u200b", "due": "2027-01-01"}, "bevat geen zichtbare tekens"),
])
def test_a_bad_next_step_names_the_field_and_adds_nothing(adviseur, start, stored, data, message):
    trajectory_id = start(adviseur[0])
    response = adviseur[0].post(f"/trajecten/{trajectory_id}/afspraken", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert stored(trajectory_id).next_steps == []


def test_marking_an_unknown_step_changes_nothing(adviseur, start, stored):
    trajectory_id = start(adviseur[0])
    revision = stored(trajectory_id).revision
    for data in ({"step": "bestaat-niet", "done": "ja"}, {"step": "x", "done": "misschien"}, {}):
        response = adviseur[0].post(f"/trajecten/{trajectory_id}/afspraken/klaar", data=data)
        assert response.status_code == 422 and "er is niets gewijzigd" in response.get_data(as_text=True).lower()
    assert stored(trajectory_id).revision == revision


def test_two_next_steps_added_at_the_same_moment_both_land(app, adviseur, start, stored, monkeypatch):
    """The first writer is held between reading the trajectory and writing it while a second
    writer adds its step; compare-and-set makes the first compute its change again."""
    trajectory_id = start(adviseur[0])
    real_read, held = revisions.read, threading.Event()

    def second_writer():
        with app.app_context():
            service.add_step(db.session.get(Trajectory, trajectory_id), "Tweede afspraak",
                             date(2027, 2, 2), "gemeente")
            db.session.remove()

    def read_then_let_another_write(model, key, loaded=None):
        row = real_read(model, key, loaded)
        if not held.is_set():
            held.set()
            thread = threading.Thread(target=second_writer)
            thread.start()
            thread.join()
        return row
    monkeypatch.setattr(revisions, "read", read_then_let_another_write)
    response = adviseur[0].post(f"/trajecten/{trajectory_id}/afspraken", data={"text": "Eerste afspraak", "due": "2027-01-01"})
    assert response.status_code == 303
    assert sorted(s["tekst"] for s in stored(trajectory_id).next_steps) == ["Eerste afspraak", "Tweede afspraak"]


def test_the_status_is_finished_and_reopened(adviseur, start, stored, audit_events):
    client, _ = adviseur
    trajectory_id = start(client)
    assert client.post(f"/trajecten/{trajectory_id}/status", data={"status": "afgerond"}).status_code == 303
    assert stored(trajectory_id).status == "afgerond"
    assert "Afgerond" in client.get("/trajecten").get_data(as_text=True)
    assert client.post(f"/trajecten/{trajectory_id}/status", data={"status": "lopend"}).status_code == 303
    assert stored(trajectory_id).status == "lopend"
    changes = [e.changes["status"] for e in audit_events(event="status adviestraject gewijzigd", target=f"traject:{trajectory_id}")]
    assert changes == [["lopend", "afgerond"], ["afgerond", "lopend"]]
    response = client.post(f"/trajecten/{trajectory_id}/status", data={"status": "weg"})
    assert response.status_code == 422 and stored(trajectory_id).status == "lopend"
