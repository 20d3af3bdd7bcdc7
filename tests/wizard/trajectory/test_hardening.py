"""Findings of a security review of trajectories, each pinned: no-store on pages that show keys,
no 500 on malformed parameters, audit rows only for real changes, no audit flood from polls."""

import sqlalchemy as sa

from tests.helpers import detached
from tests.wizard.test_questionnaire import new_session
from wizard.audit import AuditEvent
from wizard.extensions import db


def audit_events(app, event: str, target: str | None = None) -> list[AuditEvent]:
    with app.app_context():
        query = sa.select(AuditEvent).where(AuditEvent.event == event)
        return db.session.scalars(query.where(AuditEvent.target == target) if target else query).all()


def test_trajectory_pages_and_invitation_links_are_not_stored(adviseur, start):
    client, _ = adviseur
    trajectory_id = start(client)
    for path in ["/trajecten", "/trajecten/nieuw", f"/trajecten/{trajectory_id}", "/uitnodiging/onbekend-token"]:
        assert client.get(path).headers.get("Cache-Control") == "no-store", path


def test_malformed_trajectory_parameters_get_a_4xx(adviseur):
    client, _ = adviseur
    for path in ["/trajecten/99999999999999999999999", "/trajecten/999999999999", "/trajecten/nieuw?vragenlijst=%00",
                 "/trajecten/nieuw?vragenlijst=" + "x" * 5000]:
        assert client.get(path).status_code in (200, 404), path
    response = client.post("/trajecten/nieuw", data={"municipality": "Teststad", "questionnaire": "http://[::1"})
    assert response.status_code == 422
    assert "Er is geen vragenlijst met deze link of code" in response.get_data(as_text=True)


def test_a_blank_municipality_name_is_refused(adviseur):
    client, _ = adviseur
    response = client.post("/trajecten/nieuw", data={"municipality": "   ", "questionnaire": ""})
    assert response.status_code == 422
    assert "Vul de naam van de gemeente in." in response.get_data(as_text=True)


def test_repeating_a_change_that_is_already_so_logs_nothing(adviseur, start, stored, app):
    client, _ = adviseur
    trajectory_id = start(client)
    client.post(f"/trajecten/{trajectory_id}/afspraken", data={"text": "Gesprek met de wethouder", "due": "15-01-2027"})
    step = stored(trajectory_id).next_steps[0]["id"]
    for _ in range(3):
        assert client.post(f"/trajecten/{trajectory_id}/afspraken/klaar", data={"step": step, "done": "ja"}).status_code == 303
        assert client.post(f"/trajecten/{trajectory_id}/status", data={"status": "afgerond"}).status_code == 303
    assert len(audit_events(app, "vervolgafspraak afgerond", f"traject:{trajectory_id}")) == 1
    assert len(audit_events(app, "status adviestraject gewijzigd", f"traject:{trajectory_id}")) == 1


def test_a_revoked_link_stops_the_state_poll_without_filling_the_audit_log(app, with_advice, joined):
    client, trajectory, advice_id = with_advice
    reader = joined(trajectory.read_token)
    assert reader.get(f"/advies/{advice_id}/stand?revisie=0", headers={"HX-Request": "true"}).status_code in (200, 204)
    assert client.post(f"/trajecten/{trajectory.id}/link", data={"kind": "lezen"}).status_code == 303
    refusals = len(audit_events(app, "toegang geweigerd"))
    for _ in range(5):
        response = reader.get(f"/advies/{advice_id}/stand?revisie=0", headers={"HX-Request": "true"})
        assert response.status_code == 286  # htmx stops polling on 286
        assert "Geen toegang" in response.get_data(as_text=True) and "data-hx-get" not in response.get_data(as_text=True)
    assert reader.get(f"/advies/{advice_id}/stand?revisie=0").status_code == 403
    assert len(audit_events(app, "toegang geweigerd")) == refusals
    # the advice page itself still logs the refusal
    assert reader.get(f"/advies/{advice_id}").status_code == 403
    assert len(audit_events(app, "toegang geweigerd")) == refusals + 1


def test_a_reader_is_told_the_page_is_read_only_and_a_trajectory_offers_no_bare_resume_link(with_advice, joined):
    owner, trajectory, advice_id = with_advice
    reader = joined(trajectory.read_token)
    page = reader.get(f"/advies/{advice_id}").get_data(as_text=True)
    assert "U bekijkt dit adviestraject met een leeslink" in page
    editor = joined(trajectory.edit_token)
    assert "met een leeslink" not in editor.get(f"/advies/{advice_id}").get_data(as_text=True)
    step = editor.get(f"/wizard/{trajectory.wizard_session_id}/stap/1").get_data(as_text=True)
    # the questionnaire's own link opens nothing for someone without the invitation
    assert 'id="later-verder"' not in step and "uitnodigingslink die u van uw adviseur kreeg" in step


def test_outside_a_trajectory_the_resume_link_is_offered(client):
    sid = new_session(client)
    assert 'id="later-verder"' in client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
