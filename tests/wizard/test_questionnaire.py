"""The questionnaire through the test client: storage per step, validation, resume, import/export."""

import hashlib
import io
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from tests.conftest import make_app
from tests.helpers import detached
from wizard.audit import AuditEvent
from wizard.extensions import db
from wizard.kb.access import newest_id
from wizard.models import WizardSession

STEP1 = {"gemeente": "Voorbeeldstad", "inwoners": "klein", "fase": "start", "online": "ja",
         "capaciteit": "beperkt", "verschijningsvormen": ["verticale-polarisatie"], "aanleiding": "Onrust online."}
STEP2 = {"doelgroepen": ["jongeren", "ouders-opvoeders"], "settings": ["school"]}
STEP4 = {"min_trede": "", "aanpak": "beide", "max_interventies": "6", "indirect_meenemen": "y"}


def new_session(client) -> str:
    response = client.post("/wizard/nieuw")
    assert response.status_code == 303
    return response.location.split("/")[2]


def stored(app, key) -> WizardSession:
    return detached(app, WizardSession, key)


def complete(client, sid, factors=("mediawijsheid",)):
    assert client.post(f"/wizard/{sid}/stap/1", data=STEP1).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/2", data=STEP2).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": list(factors)}).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/4", data=STEP4).status_code == 303


def test_the_start_page_says_no_personal_data_is_asked(client):
    html = client.get("/wizard/").get_data(as_text=True)
    assert "Geen persoonsgegevens" in html and 'action="/wizard/nieuw"' in html


def test_the_home_page_links_to_the_wizard(client):
    assert 'href="/wizard/"' in client.get("/").get_data(as_text=True)


def test_a_new_questionnaire_starts_empty_at_revision_0_on_the_newest_knowledge_base(app, client):
    started = datetime.now(timezone.utc) - timedelta(seconds=5)
    session = stored(app, new_session(client))
    with app.app_context():
        newest = newest_id()
    assert (session.answers, session.completed_steps, session.revision) == ({}, [], 0)
    assert session.kb_version_id == newest is not None and session.previous_kb_version_id is None
    for stamp in (session.created_at, session.updated_at, session.opened_at):  # SQLite drops the zone
        assert (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)) >= started


def test_every_step_is_saved_as_it_is_submitted(app, client):
    sid = new_session(client)
    assert len(sid) >= 32  # an unguessable token, not a counter
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    session = stored(app, sid)
    assert session.completed_steps == [1]
    assert session.answers["gemeente"] == "Voorbeeldstad"
    assert session.answers["context"]["verschijningsvormen"] == ["verticale-polarisatie"]
    client.post(f"/wizard/{sid}/stap/2", data=STEP2)
    assert stored(app, sid).answers["doelgroepen"] == ["jongeren", "ouders-opvoeders"]


@pytest.mark.parametrize("step, data, field, message", [
    (1, {**STEP1, "gemeente": ""}, "gemeente", "Vul de naam van de gemeente in."),
    (1, {**STEP1, "gemeente": "x" * 121}, "gemeente", "hoogstens 120 tekens"),
    (1, {**STEP1, "aanleiding": "x" * 2001}, "aanleiding", "hoogstens 2000 tekens"),
    (1, {**STEP1, "verschijningsvormen": ["bestaat-niet"]}, "verschijningsvormen", "ongeldige keuze"),
    (1, {**STEP1, "huidige_interventies": ["bestaat-niet"]}, "huidige_interventies", "ongeldige keuze"),
    (1, {**STEP1, "fase": "klaar"}, "fase", "ongeldige"),
    (2, {"doelgroepen": []}, "doelgroepen", "Kies ten minste één doelgroep."),
    (2, {"doelgroepen": ["pubers"]}, "doelgroepen", "ongeldige keuze"),
    (3, {"factoren": []}, "factoren", "Kies ten minste één beschermende factor."),
    (3, {"factoren": ["mediawijsheid"], "prioriteit": ["gevoel-van-basiszekerheid"]}, "prio-gevoel-van-basiszekerheid", "hoge prioriteit"),
    (4, {**STEP4, "max_interventies": "0"}, "max_interventies", "minstens 1 en hoogstens 25"),
    (4, {**STEP4, "max_interventies": "veel"}, "max_interventies", "getal"),
    (4, {**STEP4, "min_trede": "9"}, "min_trede", "ongeldige keuze"),
])
def test_an_invalid_step_names_the_field_in_dutch_and_changes_nothing(app, client, step, data, field, message):
    sid = new_session(client)
    before = stored(app, sid).answers
    response = client.post(f"/wizard/{sid}/stap/{step}", data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and message.lower() in html.lower()
    assert f'href="#{field}"' in html  # the summary links to the field
    assert stored(app, sid).answers == before


def test_errors_are_tied_to_their_field_for_screen_readers(client):
    sid = new_session(client)
    html = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": ""}).get_data(as_text=True)
    assert 'aria-describedby="gemeente-fout"' in html and 'aria-invalid="true"' in html
    assert 'id="gemeente-fout"' in html


def test_htmx_gets_the_next_step_location_and_invalid_steps_as_a_partial(client):
    sid = new_session(client)
    ok = client.post(f"/wizard/{sid}/stap/1", data=STEP1, headers={"HX-Request": "true"})
    assert ok.status_code == 200
    assert json.loads(ok.headers["HX-Location"])["path"] == f"/wizard/{sid}/stap/2"
    bad = client.post(f"/wizard/{sid}/stap/2", data={}, headers={"HX-Request": "true"})
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    # the title first, at the top level, where htmx takes it from; then the region it swaps
    assert html.lstrip().startswith("<title>Stap 2: Doelgroepen en omgevingen") and "<html" not in html
    assert "</title>\n<div id=\"wizard\"" in html


def test_step_three_pre_marks_suggestions_with_their_reason(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    client.post(f"/wizard/{sid}/stap/2", data=STEP2)
    html = client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)
    assert 'value="vertrouwen-in-democratische-instituties-en-rechtsstaat" checked' in html
    assert "Voorgesteld omdat u verticale polarisatie noemde" in html
    assert 'value="mediawijsheid" checked' in html  # online dimension


def test_changing_an_earlier_answer_keeps_later_answers_and_reruns_suggestions(app, client):
    sid = new_session(client)
    complete(client, sid, factors=("mediawijsheid", "positieve-opvoedstijl"))
    changed = {**STEP1, "verschijningsvormen": ["horizontale-polarisatie"], "online": "nee"}
    client.post(f"/wizard/{sid}/stap/1", data=changed)
    session = stored(app, sid)
    assert [f["id"] for f in session.answers["factoren"]] == ["mediawijsheid", "positieve-opvoedstijl"]
    assert session.answers["voorkeuren"]["max_interventies"] == 6
    html = client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)
    assert "Voorgesteld omdat u horizontale polarisatie noemde" in html
    assert "verticale polarisatie noemde" not in html
    assert 'value="positief-contact-tussen-diverse-groepen" checked' not in html  # the user's choice stands


def test_resume_continues_at_the_first_open_step_and_survives_a_restart(app, client, tmp_path):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    restarted = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"]).test_client()
    response = restarted.get(f"/wizard/{sid}")
    assert response.status_code == 303 and response.location == f"/wizard/{sid}/stap/2"
    assert 'value="Voorbeeldstad"' in restarted.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)


def test_every_step_shows_the_later_verder_link(client):
    sid = new_session(client)
    html = client.get(f"/wizard/{sid}/stap/2").get_data(as_text=True)
    assert f"http://localhost/wizard/{sid}" in html and "Later verder" in html


def test_unknown_session_is_not_found(client):
    assert client.get("/wizard/bestaat-niet/stap/1").status_code == 404
    assert client.get(f"/wizard/{new_session(client)}/stap/9").status_code == 404


def test_overview_lists_all_answers_with_links_back(client):
    sid = new_session(client)
    complete(client, sid)
    html = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    for number in (1, 2, 3, 4):
        assert f'href="/wizard/{sid}/stap/{number}"' in html
    assert "Voorbeeldstad" in html and "Mediawijsheid" in html and "Stel advies samen" in html


def test_overview_of_an_incomplete_session_names_the_missing_steps(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    html = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "Nog niet ingevuld" in html and "Stel advies samen" not in html


def test_export_then_import_starts_a_new_session_with_the_same_answers(app, client):
    sid = new_session(client)
    complete(client, sid)
    exported = client.get(f"/wizard/{sid}/profiel.json")
    assert exported.mimetype == "application/json"
    profile = json.loads(exported.get_data(as_text=True))
    assert profile["gemeente"] == "Voorbeeldstad" and profile["factoren"] == [{"id": "mediawijsheid", "prioriteit": "normaal"}]
    response = client.post("/wizard/import", data={"profiel": (io.BytesIO(json.dumps(profile).encode()), "p.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    new_sid = response.location.split("/")[2]
    assert new_sid != sid
    imported = stored(app, new_sid)
    assert imported.completed_steps == [1, 2, 3, 4]
    assert imported.answers["factoren"] == profile["factoren"]
    assert imported.answers["context"]["verschijningsvormen"] == profile["context"]["verschijningsvormen"]


@pytest.mark.parametrize("content, message", [
    (b"{niet: json", "geen geldig JSON-profiel"),
    # a file without formaat_versie is format 1 (older): its unknown ids are named as no longer existing
    (json.dumps({"gemeente": "X", "doelgroepen": ["pubers"]}).encode(), "doelgroep &#39;pubers&#39; bij ‘Doelgroepen’ (stap 2)"),
])
def test_a_bad_profile_file_is_refused_with_a_reason_and_creates_nothing(app, client, content, message):
    with app.app_context():
        count = db.session.query(WizardSession).count()
    response = client.post("/wizard/import", data={"profiel": (io.BytesIO(content), "p.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(WizardSession).count() == count


def test_posts_without_csrf_token_are_refused_in_dutch(app, tmp_path):
    protected = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True)
    response = protected.test_client().post("/wizard/nieuw")
    assert response.status_code == 400 and "beveiligingscode" in response.get_data(as_text=True)


def test_a_step_is_saved_only_with_the_csrf_token_its_page_carries(app, tmp_path):
    # the step forms leave the token to the app-wide CSRFProtect: without it nothing is stored
    protected = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    home = client.get("/wizard/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)
    sid = client.post("/wizard/nieuw", data={"csrf_token": token}).headers["Location"].split("/")[-3]
    page = client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
    in_form = re.search(r'<input id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)">', page).group(1)
    refused = client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    assert refused.status_code == 400 and "beveiligingscode" in refused.get_data(as_text=True)
    assert stored(app, sid).completed_steps == []
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "csrf_token": in_form}).status_code == 303
    assert stored(app, sid).answers["gemeente"] == STEP1["gemeente"]


def test_the_session_id_is_not_a_counter(client):
    ids = {new_session(client) for _ in range(5)}
    assert len(ids) == 5 and all(not i.isdigit() and re.fullmatch(r"[A-Za-z0-9_-]{32}", i) for i in ids)


def test_an_empty_priority_value_is_no_choice_and_no_error(app, client):
    # found by the fuzz test: Optional() skipped the choice check and the empty id raised KeyError
    sid = new_session(client)
    response = client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"], "prioriteit": [""]})
    assert response.status_code == 303
    assert stored(app, sid).answers["factoren"] == [{"id": "mediawijsheid", "prioriteit": "normaal"}]


def test_saving_answers_is_in_the_audit_log_without_the_questionnaire_key(app, client):
    sid = new_session(client)
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "Auditstad"}).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "gemeente": "Auditstad"}).status_code == 303  # no change
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.target == f"vragenlijst:#{hashlib.sha256(sid.encode()).hexdigest()[:16]}")).all()
    assert [r.event for r in rows] == ["antwoorden stap 1 opgeslagen"]
    assert rows[0].changes["gemeente"] == [None, "Auditstad"] and rows[0].actor == "gemeente"
