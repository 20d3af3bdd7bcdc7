"""Where the trajectory, the shared advice and its versions meet (found by playing a whole
advisory conversation in the browser test test_adviesgesprek_browser.py)."""

import re
from datetime import datetime, timezone

import sqlalchemy as sa

from tests.wizard.test_advice import make_advice, stored
from tests.wizard.test_questionnaire import new_session
from tests.wizard.trajectory.conftest import answer_everything
from wizard.extensions import db
from wizard.models import Advice


def test_the_trajectory_page_lists_the_advice_versions_with_links(with_advice):
    client, trajectory, advice_id = with_advice
    page = client.get(f"/trajecten/{trajectory.id}").get_data(as_text=True)
    assert "(versie 1)" in page and "Versies van het advies" not in page  # one version: nothing to list

    sid = trajectory.wizard_session_id
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid", "positieve-opvoedstijl"]}
                       ).status_code == 303
    composed = client.post(f"/advies/nieuw/{sid}")
    assert composed.status_code == 303 and composed.location == f"/advies/{advice_id}"  # the same advice, version 2
    page = client.get(f"/trajecten/{trajectory.id}").get_data(as_text=True)
    assert "(versie 2)" in page and "Versies van het advies" in page
    assert f'href="/advies/{advice_id}/versie/1">Versie 1</a>' in page
    assert f'href="/advies/{advice_id}">Versie 2 (huidige)</a>' in page
    assert f'href="/advies/{advice_id}/vergelijk?van=1&amp;naar=2">Vergelijk versie 1 met versie 2</a>' in page


def test_removing_a_rule_chosen_intervention_without_reason_gets_the_dutch_message_not_the_browsers(app, client):
    advice_id = make_advice(client)
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    forms = re.findall(r'<form [^>]*class="remove-form"[^>]*>', page)
    assert forms and all(" novalidate" in form for form in forms)  # the browser lets the empty reason through
    first = stored(app, advice_id).current["pakket"][0]["interventie"]
    refused = client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "interventie": first, "reden": ""})
    assert refused.status_code == 422
    assert "Reden: " in refused.get_data(as_text=True) and "is door de regels gekozen" in refused.get_data(as_text=True)
    assert stored(app, advice_id).edits == []


def test_the_overview_offers_a_new_version_once_the_questionnaire_has_an_advice(client):
    sid = new_session(client)
    answer_everything(client, sid)
    first = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert ">Stel advies samen</button>" in first and "al een advies" not in first
    advice_id = client.post(f"/advies/nieuw/{sid}").location.split("/")[2]
    again = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert ">Stel het advies opnieuw samen (nieuwe versie)</button>" in again and ">Stel advies samen<" not in again
    assert "Bij deze antwoorden hoort al een advies (versie 1)." in again
    assert f'href="/advies/{advice_id}">Open het advies</a>' in again


def test_a_version_is_dated_in_dutch_local_time_on_every_page_like_the_edits(app, client):
    """Stored in UTC (SQLite hands the column back naive): 10:00 UTC on 1 July is 12:00 in the Netherlands."""
    advice_id = make_advice(client)
    with app.app_context():
        db.session.execute(sa.update(Advice).where(Advice.id == advice_id)
                           .values(version_made_at=datetime(2026, 7, 1, 10, 0, tzinfo=timezone.utc)))
        db.session.commit()
    for path in (f"/advies/{advice_id}", f"/advies/{advice_id}/b-en-w"):
        assert "Versie 1 van dit advies, samengesteld op 1-7-2026 12:00" in client.get(path).get_data(as_text=True), path
    versions = client.get(f"/advies/{advice_id}/vergelijk").get_data(as_text=True)
    assert re.search(r'<td class="utrecht-table__cell">1-7-2026 12:00</td>', versions)


def test_the_trajectory_page_names_the_author_of_each_note(app, with_advice, joined, adviseur):
    client, trajectory, advice_id = with_advice
    municipality = joined(trajectory.edit_token)
    assert municipality.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van de gemeente"}).status_code == 303
    first = stored(app, advice_id).current["pakket"][0]["interventie"]
    assert client.post(f"/advies/{advice_id}/notitie", data={"interventie": first,
                                                             "notitie": "Van de adviseur"}).status_code == 303
    page = client.get(f"/trajecten/{trajectory.id}").get_data(as_text=True)
    assert re.search(r"Van de gemeente <span class=\"muted\">\(notitie van gemeente, \d{1,2}-\d{1,2}-20\d\d \d\d:\d\d\)", page)
    assert re.search(rf"Van de adviseur <span class=\"muted\">\(notitie van {re.escape(adviseur[1])}, \d", page)


def test_an_open_page_is_told_of_a_new_version_and_fetches_the_version_line_with_the_newest_state(app, with_advice,
                                                                                                     joined):
    client, trajectory, advice_id = with_advice
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    poll = re.search(r'data-hx-get="(/advies/[^"]+/stand\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert client.get(poll).status_code == 204
    municipality = joined(trajectory.edit_token)
    sid = trajectory.wizard_session_id
    assert municipality.post(f"/wizard/{sid}/stap/3", data={"factoren": ["positieve-opvoedstijl"]}).status_code == 303
    assert municipality.post(f"/advies/nieuw/{sid}").status_code == 303
    notice = client.get(poll).get_data(as_text=True)
    assert "Er is intussen een nieuwe versie van dit advies gemaakt (versie 2), door gemeente." in notice
    assert 'data-hx-select="#advies-bewerkbaar"' in notice and 'data-hx-select-oob="#versie"' in notice
    # a note by the municipality is a change, not a version
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    poll = re.search(r'data-hx-get="(/advies/[^"]+/stand\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert municipality.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van de gemeente"}).status_code == 303
    notice = client.get(poll).get_data(as_text=True)
    assert "Dit advies is intussen gewijzigd door gemeente." in notice and "nieuwe versie" not in notice


def test_a_reader_of_the_overview_is_pointed_to_the_advice_but_not_offered_to_compose(with_advice, joined):
    _, trajectory, advice_id = with_advice
    overview = joined(trajectory.read_token).get(f"/wizard/{trajectory.wizard_session_id}/overzicht").get_data(as_text=True)
    assert "Bij deze antwoorden hoort al een advies (versie 1)." in overview
    assert f'href="/advies/{advice_id}">Open het advies</a>.</p>' in overview
    assert "opnieuw samen" not in overview and "nieuwe versie" not in overview


def test_the_comparison_names_what_an_undo_undid_and_who_did_it(app, with_advice, joined, adviseur):
    client, trajectory, advice_id = with_advice
    sid = trajectory.wizard_session_id
    municipality = joined(trajectory.edit_token)
    first = stored(app, advice_id).current["pakket"][0]
    assert municipality.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "interventie": first["interventie"],
                                                                  "reden": "Loopt al"}).status_code == 303
    assert municipality.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid", "positieve-opvoedstijl"]}
                             ).status_code == 303
    assert municipality.post(f"/advies/nieuw/{sid}").status_code == 303  # version 2 keeps the removal
    assert first["interventie"] not in [p["interventie"] for p in stored(app, advice_id).current["pakket"]]
    assert client.post(f"/advies/{advice_id}/ongedaan").status_code == 303  # the adviseur puts it back
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(f"/advies/{advice_id}/vergelijk?van=1&naar=2")
                                      .get_data(as_text=True).split('id="toegevoegd"')[1].split('id="verwijderd"')[0]))
    assert re.search(rf"{re.escape(first['naam'])} – Het verwijderen ongedaan gemaakt door {re.escape(adviseur[1])} op \d", page), page


def test_a_blank_priority_value_is_no_choice_on_step_three(client):
    """Found by the fuzz test: a priority of only whitespace passed Optional() and then had no name (500)."""
    sid = new_session(client)
    response = client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"], "prioriteit": "\r"})
    assert response.status_code == 303
