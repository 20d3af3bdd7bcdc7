
import pytest
import sqlalchemy as sa

from wizard.extensions import db
from wizard.feedback.models import FeedbackReport
from wizard.feedback.service import LIMIT
from wizard.feedback.routes import TOO_MANY


@pytest.fixture
def some_intervention(real_kb):
    return next(iter(real_kb.interventions.values()))


def _reports(app, **filters):
    with app.app_context():
        return list(db.session.scalars(sa.select(FeedbackReport).filter_by(**filters)))


def test_every_intervention_page_links_to_the_form_with_the_intervention(client, some_intervention):
    html = client.get(f"/interventies/{some_intervention.id}").get_data(as_text=True)
    assert f'href="/feedback?interventie={some_intervention.id}">Meld een fout of aanvulling</a>' in html
    form = client.get(f"/feedback?interventie={some_intervention.id}").get_data(as_text=True)
    assert some_intervention.name in form
    assert f'name="intervention_id" type="hidden" value="{some_intervention.id}"' in form


def test_a_report_is_stored_without_an_account_and_logged(app, new_client, some_intervention, audit_events):
    message = "De website van deze interventie is verhuisd. Unieke tekst 81723."
    response = new_client().post("/feedback", data={"kind": "verouderde-informatie", "message": message,
                                                    "email": "", "intervention_id": some_intervention.id})
    assert response.status_code == 200 and "Bedankt voor uw melding" in response.get_data(as_text=True)
    [report] = _reports(app, message=message)
    assert (report.status, report.intervention_id, report.email) == ("nieuw", some_intervention.id, None)
    [event] = audit_events(event="melding ontvangen", target=f"melding:{report.id}")
    assert event.actor == "gemeente"


@pytest.mark.parametrize("data, message", [
    ({"message": "iets"}, "Kies wat u wilt melden."),
    ({"kind": "nieuwe-evaluatie", "message": ""}, "Schrijf wat er ontbreekt of niet klopt."),
    ({"kind": "nieuwe-evaluatie", "message": "x" * 2001}, "hoogstens 2000 tekens"),
    ({"kind": "nieuwe-evaluatie", "message": "iets", "email": "geen-adres"}, "Vul een geldig e-mailadres in"),
    ({"kind": "onzin", "message": "iets"}, "Wat wilt u melden?"),
])
def test_bad_input_gets_a_dutch_message_and_stores_nothing(app, new_client, data, message):
    before = len(_reports(app))
    response = new_client().post("/feedback", data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert len(_reports(app)) == before


def test_an_unknown_intervention_id_is_not_stored(app, new_client):
    new_client().post("/feedback", data={"kind": "nieuwe-evaluatie", "message": "Onbekende 5521",
                                         "intervention_id": "bestaat-niet"})
    assert [r.intervention_id for r in _reports(app, message="Onbekende 5521")] == [None]


def test_one_address_is_rate_limited(app, new_client):
    client = new_client()
    for n in range(LIMIT):
        assert client.post("/feedback", data={"kind": "nieuwe-evaluatie", "message": f"limiet {n}"}).status_code == 200
    refused = client.post("/feedback", data={"kind": "nieuwe-evaluatie", "message": "limiet te veel"})
    assert refused.status_code == 429 and TOO_MANY in refused.get_data(as_text=True)
    assert _reports(app, message="limiet te veel") == []
    assert new_client().post("/feedback", data={"kind": "nieuwe-evaluatie", "message": "ander adres"}).status_code == 200


def test_the_inbox_shows_stored_text_escaped(app, new_client, beheerder):
    new_client().post("/feedback", data={"kind": "nieuwe-evaluatie", "message": "<script>alert('x')</script> 6610"})
    [report] = _reports(app, message="<script>alert('x')</script> 6610")
    client, _ = beheerder
    for page in ("/beheer/feedback", f"/beheer/feedback/{report.id}"):
        html = client.get(page).get_data(as_text=True)
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_a_beheerder_handles_a_report_with_status_note_and_draft(app, new_client, beheerder, audit_events):
    new_client().post("/feedback", data={"kind": "ontbrekende-interventie", "message": "Mist: Buurtvaders 4410"})
    [report] = _reports(app, message="Mist: Buurtvaders 4410")
    client, admin = beheerder
    assert f"/beheer/feedback/{report.id}" in client.get("/beheer/feedback?status=nieuw").get_data(as_text=True)
    response = client.post(f"/beheer/feedback/{report.id}", data={
        "status": "verwerkt", "note": "Toegevoegd.", "draft_ref": "concept 12"}, follow_redirects=True)
    assert "De melding is bijgewerkt." in response.get_data(as_text=True)
    [stored] = _reports(app, id=report.id)
    assert (stored.status, stored.note, stored.draft_ref, stored.handled_by) == (
        "verwerkt", "Toegevoegd.", "concept 12", admin)
    [event] = audit_events(event="melding behandeld", target=f"melding:{report.id}")
    assert event.actor == admin and event.changes == {
        "status": ["nieuw", "verwerkt"], "notitie": [None, "Toegevoegd."], "concept": [None, "concept 12"]}
    assert f"/beheer/feedback/{report.id}" not in client.get("/beheer/feedback?status=nieuw").get_data(as_text=True)


def test_an_invalid_status_is_refused_in_dutch(app, new_client, beheerder):
    new_client().post("/feedback", data={"kind": "nieuwe-evaluatie", "message": "Status 7781"})
    [report] = _reports(app, message="Status 7781")
    response = beheerder[0].post(f"/beheer/feedback/{report.id}", data={"status": "weg"})
    assert response.status_code == 422 and "Status: Ongeldige keuze." in response.get_data(as_text=True)
    assert _reports(app, id=report.id)[0].status == "nieuw"
