"""Who may open a trajectory's questionnaire and advice: the owning adviseur, an edit link, a read
link (GET only), nobody else. The advice and questionnaire routes are found in the url_map, so a
new page is covered without touching this file."""

import pytest

from tests.helpers import detached
from tests.wizard.test_advice import make_advice
from tests.wizard.trajectory.conftest import compose
from wizard import create_app
from wizard.config import TestConfig
from wizard.models import Advice, WizardSession

STEP1_CHANGED = {"gemeente": "Gewijzigd", "inwoners": "klein", "fase": "start", "online": "ja",
                 "capaciteit": "beperkt", "verschijningsvormen": ["verticale-polarisatie"], "aanleiding": "x"}


def _guarded_rules():
    """(method, rule) of every advice and questionnaire route that names a questionnaire or advice."""
    app = create_app(TestConfig, DATABASE_URL="sqlite://")
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("advice", "questionnaire") and {"sid", "advice_id"} & set(rule.arguments):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule


RULES = list(_guarded_rules())
POSTS = [r for m, r in RULES if m == "POST"]
GETS = [r for m, r in RULES if m == "GET"]


def _url(rule: str, sid: str, advice_id: str) -> str:
    return rule.replace("<sid>", sid).replace("<advice_id>", advice_id).replace("<int:number>", "1")


def _state(app, sid, advice_id):
    questionnaire, advice = detached(app, WizardSession, sid), detached(app, Advice, advice_id)
    return questionnaire.revision, questionnaire.answers, advice.revision, advice.current, advice.notes


def test_the_walk_found_the_pages_that_change_something():
    assert {"/advies/nieuw/<sid>", "/advies/<advice_id>/pakket", "/advies/<advice_id>/notitie",
            "/wizard/<sid>/stap/<int:number>", "/wizard/<sid>/kennisbank"} <= set(POSTS)
    assert {"/advies/<advice_id>.pdf", "/advies/<advice_id>.json", "/advies/<advice_id>/b-en-w",
            "/wizard/<sid>/overzicht", "/wizard/<sid>/profiel.json"} <= set(GETS)


@pytest.mark.parametrize("rule", POSTS)
def test_a_read_link_is_refused_on_every_post_and_changes_nothing(app, with_advice, joined, audit_events, rule):
    _, trajectory, advice_id = with_advice
    sid = trajectory.wizard_session_id
    reader = joined(trajectory.read_token)
    before = _state(app, sid, advice_id)
    response = reader.post(_url(rule, sid, advice_id), data={**STEP1_CHANGED, "actie": "verwijder", "notitie": "x",
                                                           "interventie": before[3]["pakket"][0]["interventie"]})
    assert response.status_code == 403
    assert "leeslink" in response.get_data(as_text=True)
    assert _state(app, sid, advice_id) == before
    assert audit_events(event="toegang geweigerd", target=f"traject:{trajectory.id}")[-1].reason.startswith("leeslink")


def test_a_read_link_reads_the_advice_and_overview_without_forms(with_advice, joined):
    _, trajectory, advice_id = with_advice
    sid = trajectory.wizard_session_id
    reader = joined(trajectory.read_token)
    assert reader.get(f"/advies/{advice_id}").status_code == 200
    assert reader.get(f"/advies/{advice_id}.json").status_code == 200
    overview = reader.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "Voorbeeldstad" in overview
    assert "<form" not in overview.split('id="wizard"')[1].split("</main>")[0]
    assert ">Wijzig<" not in overview and "Stel advies samen" not in overview and "Stel het advies opnieuw" not in overview
    step = reader.get(f"/wizard/{sid}/stap/2")
    assert step.status_code == 303 and step.location == f"/wizard/{sid}/overzicht"


def test_an_invitation_lands_on_the_advice_or_else_the_questionnaire(adviseur, start, stored, new_client, with_advice):
    _, trajectory, advice_id = with_advice
    assert new_client().get(f"/uitnodiging/{trajectory.edit_token}").location == f"/advies/{advice_id}"
    fresh = stored(start(adviseur[0]))
    assert new_client().get(f"/uitnodiging/{fresh.read_token}").location == f"/wizard/{fresh.wizard_session_id}"


def test_an_edit_link_answers_the_questionnaire_and_edits_the_advice(app, adviseur, start, stored, joined, audit_events):
    trajectory = stored(start(adviseur[0]))
    municipality = joined(trajectory.edit_token)
    advice_id = compose(municipality, trajectory.wizard_session_id)
    overview = municipality.get(f"/wizard/{trajectory.wizard_session_id}/overzicht").get_data(as_text=True)
    assert ">Wijzig<" in overview and "Stel het advies opnieuw samen (nieuwe versie)" in overview  # it has an advice
    response = municipality.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van de gemeente"})
    assert response.status_code == 303
    assert "Van de gemeente" in str(detached(app, Advice, advice_id).notes)
    assert audit_events(event="uitnodigingslink geopend", target=f"traject:{trajectory.id}")[-1].changes == {"link": [None, "bewerklink"]}


@pytest.mark.parametrize("method, rule", RULES, ids=[f"{m} {r}" for m, r in RULES])
def test_a_stranger_is_refused_on_every_page_of_a_trajectory(app, with_advice, new_client, audit_events, method, rule):
    _, trajectory, advice_id = with_advice
    sid = trajectory.wizard_session_id
    before = _state(app, sid, advice_id)
    response = new_client().open(_url(rule, sid, advice_id), method=method, data={"notitie": "x"})
    assert response.status_code == 403
    assert "Vraag de adviseur om een link" in response.get_data(as_text=True)
    assert _state(app, sid, advice_id) == before
    refusals = audit_events(event="toegang geweigerd", target=f"traject:{trajectory.id}")
    if rule.endswith("/stand"):  # the open page's poll: refused, but not logged each time it asks
        assert not [r for r in refusals if r.reason.endswith("/stand")]
    else:
        # the log gives no one a link: the key in the refused path is masked, as in the access log
        # (which masks a key's '.json' or '.pdf' with it)
        before_key = response.request.path.replace(sid, "***").replace(advice_id, "***").split("***")[0]
        assert refusals[-1].result == "geweigerd" and f": {method} {before_key}***" in refusals[-1].reason
        assert sid not in refusals[-1].reason and advice_id not in refusals[-1].reason


def test_another_adviseur_is_a_stranger_too(with_advice, make_user, new_client, login):
    _, trajectory, advice_id = with_advice
    colleague = new_client()
    login(colleague, make_user("adviseur"))
    assert colleague.get(f"/advies/{advice_id}").status_code == 403
    assert colleague.post(f"/advies/{advice_id}/notitie", data={"notitie": "x"}).status_code == 403


def test_revoking_a_link_stops_it_at_once_also_for_who_already_joined(app, with_advice, joined, new_client, stored, audit_events):
    owner, trajectory, advice_id = with_advice
    municipality = joined(trajectory.edit_token)
    assert municipality.get(f"/advies/{advice_id}").status_code == 200
    assert owner.post(f"/trajecten/{trajectory.id}/link", data={"kind": "bewerken"}).status_code == 303
    replaced = stored(trajectory.id)
    assert replaced.edit_token != trajectory.edit_token and replaced.read_token == trajectory.read_token
    assert municipality.get(f"/advies/{advice_id}").status_code == 403
    assert municipality.post(f"/advies/{advice_id}/notitie", data={"notitie": "x"}).status_code == 403
    old = new_client().get(f"/uitnodiging/{trajectory.edit_token}")
    assert old.status_code == 404 and "is ingetrokken" in old.get_data(as_text=True)
    assert joined(replaced.edit_token).get(f"/advies/{advice_id}").status_code == 200
    assert audit_events(event="uitnodigingslink ingetrokken en vervangen", target=f"traject:{trajectory.id}")


def test_revoking_the_read_link_leaves_the_edit_link_working(with_advice, joined, stored):
    owner, trajectory, advice_id = with_advice
    reader, editor = joined(trajectory.read_token), joined(trajectory.edit_token)
    owner.post(f"/trajecten/{trajectory.id}/link", data={"kind": "lezen"})
    assert reader.get(f"/advies/{advice_id}").status_code == 403
    assert editor.get(f"/advies/{advice_id}").status_code == 200


@pytest.mark.parametrize("token", ["bestaat-niet", "x" * 300, "%C3%AB%E2%80%AE"])
def test_an_unknown_invitation_is_a_dutch_404(client, token):
    response = client.get(f"/uitnodiging/{token}")
    assert response.status_code == 404
    assert "Vraag de adviseur om een nieuwe link" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["%00", "..%2F..%2Fetc"])
def test_a_malformed_invitation_is_a_dutch_404_not_a_500(client, token):
    response = client.get(f"/uitnodiging/{token}")
    assert response.status_code == 404 and 'id="foutmelding"' in response.get_data(as_text=True)


def test_a_finished_trajectory_is_read_only_for_everyone(app, with_advice, joined):
    owner, trajectory, advice_id = with_advice
    editor = joined(trajectory.edit_token)
    owner.post(f"/trajecten/{trajectory.id}/status", data={"status": "afgerond"})
    for client in (owner, editor):
        response = client.post(f"/advies/{advice_id}/notitie", data={"notitie": "te laat"})
        assert response.status_code == 403 and "afgerond" in response.get_data(as_text=True)
        assert client.get(f"/advies/{advice_id}").status_code == 200
    assert "te laat" not in str(detached(app, Advice, advice_id).notes)
    owner.post(f"/trajecten/{trajectory.id}/status", data={"status": "lopend"})
    assert editor.post(f"/advies/{advice_id}/notitie", data={"notitie": "weer open"}).status_code == 303


def test_an_adopted_questionnaire_and_its_advice_need_an_invitation_afterwards(app, client, adviseur, start, stored, joined):
    advice_id = make_advice(client)
    sid = detached(app, Advice, advice_id).wizard_session_id
    trajectory = stored(start(adviseur[0], "Voorbeeldstad", sid))
    assert client.get(f"/advies/{advice_id}").status_code == 403
    assert client.get(f"/wizard/{sid}/overzicht").status_code == 403
    assert adviseur[0].get(f"/trajecten/{trajectory.id}").get_data(as_text=True).count(f"/advies/{advice_id}") == 1
    assert joined(trajectory.edit_token).get(f"/advies/{advice_id}").status_code == 200


def test_questionnaires_and_advices_outside_a_trajectory_work_as_before(client, new_client):
    advice_id = make_advice(client)
    stranger = new_client()
    assert stranger.get(f"/advies/{advice_id}").status_code == 200
    assert stranger.post(f"/advies/{advice_id}/notitie", data={"notitie": "x"}).status_code == 303
