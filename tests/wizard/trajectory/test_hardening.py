"""Findings of a security review of trajectories, each pinned: no-store on pages that show keys,
no 500 on malformed parameters, audit rows only for real changes, no audit flood from polls."""

import sqlalchemy as sa

from tests.helpers import detached
from wizard.audit import AuditEvent
from wizard.extensions import db


def audit_events(app, event: str) -> list[AuditEvent]:
    with app.app_context():
        return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.event == event)).all()


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
