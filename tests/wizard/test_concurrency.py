"""No lost update: two real requests at once on one advice or one questionnaire.

The requests go through a threaded werkzeug server, released together by a barrier, so that
they really overlap on the database (SQLite here, PostgreSQL with DATABASE_URL). The
deterministic tests make the worst interleaving certain: the first request is held between
reading the row and writing it until the second has been written."""

import http.client
import threading
from urllib.parse import urlencode, urlsplit

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from tests.wizard.test_advice import make_advice, stored as stored_advice
from tests.wizard.test_questionnaire import STEP1, STEP2, STEP4, new_session, stored as stored_session
from wizard import revisions
from wizard.advice import service
from wizard.audit import AuditEvent
from wizard.extensions import db
from wizard.models import Advice

TRIALS = 10


@pytest.fixture(scope="module")
def server(app):
    """The app behind a real threaded HTTP server on 127.0.0.1 (one thread per request)."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


def post(base: str, path: str, data: dict, htmx: bool = False) -> tuple[int, str]:
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **({"HX-Request": "true"} if htmx else {})}
    try:
        conn.request("POST", path, urlencode(data, doseq=True), headers)
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


def together(*requests) -> list[tuple[int, str]]:
    """Send each (base, path, data) from its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def send(i, request):
        barrier.wait()
        results[i] = post(*request)
    threads = [threading.Thread(target=send, args=(i, r)) for i, r in enumerate(requests)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


class HeldRead:
    """Installed as revisions.read: the first read (of the first request) is held until
    `release` is set, so the second request reads and writes in between."""

    def __init__(self, real):
        self.real, self.first_read_done, self.release = real, threading.Event(), threading.Event()
        self._taken = threading.Lock()
        self._held = False

    def __call__(self, model, key, loaded=None):
        row = self.real(model, key, loaded)
        with self._taken:
            hold, self._held = not self._held, True
        if hold:
            self.first_read_done.set()
            assert self.release.wait(30), "the second request never finished"
        return row


def held_first(base, first: tuple, second: tuple, monkeypatch) -> tuple[tuple[int, str], tuple[int, str]]:
    """Send `first`, hold it after its read, send `second` to completion, then let `first` write."""
    hold = HeldRead(revisions.read)
    monkeypatch.setattr(revisions, "read", hold)
    outcome: dict = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("first", post(base, *first)))
    thread.start()
    assert hold.first_read_done.wait(30)
    outcome["second"] = post(base, *second)
    hold.release.set()
    thread.join()
    return outcome["first"], outcome["second"]


def package(app, advice_id) -> list[str]:
    return [p["interventie"] for p in stored_advice(app, advice_id).current["pakket"]]


def addable(app, advice_id, real_kb) -> str:
    advice = stored_advice(app, advice_id)
    taken = set(package(app, advice_id)) | set(advice.current["al_ingezet"])
    return next(i for i in sorted(real_kb.interventions) if i not in taken)


# --- advice: edits that do not conflict both survive ---------------------------------------------

def test_a_remove_and_an_add_at_once_both_survive(app, client, server, real_kb):
    survived = 0
    for _ in range(TRIALS):
        advice_id = make_advice(client)
        before = stored_advice(app, advice_id)
        out, new = before.current["pakket"][0]["interventie"], addable(app, advice_id, real_kb)
        results = together(
            (server, f"/advies/{advice_id}/pakket", {"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": out, "revisie": before.revision}),
            (server, f"/advies/{advice_id}/pakket", {"actie": "voeg-toe", "reden": "Past niet bij de lokale situatie", "interventie": new, "revisie": before.revision}))
        assert [status for status, _ in results] == [303, 303]
        after = stored_advice(app, advice_id)
        ids = package(app, advice_id)
        survived += out not in ids and new in ids
        assert sorted(e["actie"] for e in after.edits) == ["toegevoegd", "verwijderd"]
        assert after.revision == before.revision + 2
    print(f"\n{survived}/{TRIALS} trials: remove and add both survive ({app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]})")
    assert survived == TRIALS


def test_notes_on_two_different_items_at_once_both_survive(app, client, server):
    survived = 0
    for trial in range(TRIALS):
        advice_id = make_advice(client)
        before = stored_advice(app, advice_id)
        first, second = (p["interventie"] for p in before.current["pakket"][:2])
        results = together(
            (server, f"/advies/{advice_id}/notitie", {"interventie": first, "notitie": f"Een {trial}", "revisie": before.revision}),
            (server, f"/advies/{advice_id}/notitie", {"interventie": second, "notitie": f"Twee {trial}", "revisie": before.revision}),
            (server, f"/advies/{advice_id}/notitie", {"notitie": f"Algemeen {trial}", "revisie": before.revision}))
        assert [status for status, _ in results] == [303, 303, 303]
        notes = stored_advice(app, advice_id).notes
        survived += (notes[first], notes[second], notes["_algemeen"]) == (f"Een {trial}", f"Twee {trial}", f"Algemeen {trial}")
    print(f"\n{survived}/{TRIALS} trials: three notes at once all survive")
    assert survived == TRIALS


def test_a_held_remove_is_applied_again_to_the_add_written_meanwhile(app, client, server, real_kb, monkeypatch):
    advice_id = make_advice(client)
    before = stored_advice(app, advice_id)
    out, new = before.current["pakket"][0]["interventie"], addable(app, advice_id, real_kb)
    (first_status, _), (second_status, _) = held_first(
        server, (f"/advies/{advice_id}/pakket", {"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": out, "revisie": before.revision}),
        (f"/advies/{advice_id}/pakket", {"actie": "voeg-toe", "reden": "Past niet bij de lokale situatie", "interventie": new, "revisie": before.revision}),
        monkeypatch)
    assert (first_status, second_status) == (303, 303)
    after = stored_advice(app, advice_id)
    assert out not in package(app, advice_id) and new in package(app, advice_id)
    # the add was written first although the remove had read first: the remove was re-applied
    assert [(e["actie"], e["revisie"]) for e in after.edits] == [("toegevoegd", before.revision + 1),
                                                                  ("verwijderd", before.revision + 2)]


# --- advice: real conflicts get 409 and change nothing ----------------------------------------------

def test_the_same_note_at_once_keeps_one_and_tells_the_other(app, client, server):
    for trial in range(TRIALS):
        advice_id = make_advice(client)
        before = stored_advice(app, advice_id)
        item = before.current["pakket"][0]["interventie"]
        texts = [f"Versie A {trial}", f"Versie B {trial}"]
        results = together(*[(server, f"/advies/{advice_id}/notitie",
                              {"interventie": item, "notitie": t, "revisie": before.revision}) for t in texts])
        statuses = sorted(status for status, _ in results)
        assert statuses == [303, 409], statuses
        loser = next(i for i, (status, _) in enumerate(results) if status == 409)
        body = results[loser][1]
        assert "Iemand anders heeft deze notitie intussen gewijzigd" in body and texts[1 - loser] in body
        assert f">{texts[loser]}</textarea>" in body  # what the user typed is kept
        assert stored_advice(app, advice_id).notes[item] == texts[1 - loser]


def test_a_held_note_over_a_note_saved_meanwhile_is_refused(app, client, server, monkeypatch):
    advice_id = make_advice(client)
    before = stored_advice(app, advice_id)
    item = before.current["pakket"][0]["interventie"]
    first, second = held_first(
        server, (f"/advies/{advice_id}/notitie", {"interventie": item, "notitie": "Mijn <b>tekst</b>", "revisie": before.revision}, True),
        (f"/advies/{advice_id}/notitie", {"interventie": item, "notitie": "Hun tekst", "revisie": before.revision}),
        monkeypatch)
    assert second[0] == 303 and first[0] == 409
    assert "Iemand anders heeft deze notitie intussen gewijzigd: “Hun tekst”" in first[1]
    assert first[1].startswith('<div id="advies-bewerkbaar">')
    assert ">Mijn &lt;b&gt;tekst&lt;/b&gt;</textarea>" in first[1]
    after = stored_advice(app, advice_id)
    assert after.notes[item] == "Hun tekst" and after.revision == before.revision + 1


def test_swapping_an_item_someone_else_removed_is_a_conflict(app, client):
    advice_id = make_advice(client)
    before = stored_advice(app, advice_id)
    alternative = before.current["alternatieven"][0]
    gone = alternative["in_plaats_van"]
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": gone,
                                                            "revisie": before.revision}).status_code == 303
    removed = stored_advice(app, advice_id)
    response = client.post(f"/advies/{advice_id}/pakket", data={
        "actie": "wissel", "interventie": gone, "alternatief": alternative["interventie"], "revisie": before.revision})
    assert response.status_code == 409
    assert "Iemand anders heeft" in response.get_data(as_text=True) and "uit het pakket verwijderd" in response.get_data(as_text=True)
    after = stored_advice(app, advice_id)
    assert (after.current, after.edits, after.revision) == (removed.current, removed.edits, removed.revision)


def test_adding_what_someone_else_added_meanwhile_is_a_conflict(app, client, real_kb):
    advice_id = make_advice(client)
    before = stored_advice(app, advice_id)
    new = addable(app, advice_id, real_kb)
    data = {"actie": "voeg-toe", "reden": "Past niet bij de lokale situatie", "interventie": new, "revisie": before.revision}
    assert client.post(f"/advies/{advice_id}/pakket", data=data).status_code == 303
    response = client.post(f"/advies/{advice_id}/pakket", data=data)
    assert response.status_code == 409 and "intussen al aan het pakket toegevoegd" in response.get_data(as_text=True)
    assert len(stored_advice(app, advice_id).edits) == 1


def test_a_note_on_an_item_someone_else_removed_is_a_conflict_and_keeps_the_text(app, client):
    advice_id = make_advice(client)
    before = stored_advice(app, advice_id)
    item = before.current["pakket"][0]["interventie"]
    client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": item, "revisie": before.revision})
    response = client.post(f"/advies/{advice_id}/notitie", data={"interventie": item, "notitie": "Nog bellen",
                                                                 "revisie": before.revision})
    assert response.status_code == 409 and "Uw notitie is niet opgeslagen" in response.get_data(as_text=True)
    assert item not in stored_advice(app, advice_id).notes


def test_a_note_saved_again_after_the_conflict_message_replaces_the_other(app, client):
    advice_id = make_advice(client)
    seen = stored_advice(app, advice_id).revision
    client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van collega", "revisie": seen})
    refused = client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van mij", "revisie": seen})
    assert refused.status_code == 409
    shown = stored_advice(app, advice_id).revision
    assert f'name="revisie" value="{shown}"' in refused.get_data(as_text=True)
    assert client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Van mij", "revisie": shown}).status_code == 303
    assert stored_advice(app, advice_id).notes["_algemeen"] == "Van mij"


def test_the_same_note_text_twice_is_no_conflict(app, client):
    advice_id = make_advice(client)
    seen = stored_advice(app, advice_id).revision
    for _ in range(2):
        assert client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Eens", "revisie": seen}).status_code == 303
    assert stored_advice(app, advice_id).revision == seen + 1


def test_note_bookkeeping_stays_out_of_the_json_download(client):
    advice_id = make_advice(client)
    client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Iets"})
    assert client.get(f"/advies/{advice_id}.json").get_json()["notities"] == {"_algemeen": "Iets"}


# --- questionnaire: two tabs ----------------------------------------------------------------------

def session_after_step_one(app, client) -> tuple[str, int]:
    sid = new_session(client)
    assert client.post(f"/wizard/{sid}/stap/1", data=STEP1).status_code == 303
    return sid, stored_session(app, sid).revision


def test_step_two_and_step_three_saved_at_once_both_survive(app, client, server):
    survived = 0
    for _ in range(TRIALS):
        sid, seen = session_after_step_one(app, client)
        results = together((server, f"/wizard/{sid}/stap/2", {**STEP2, "revisie": seen}),
                           (server, f"/wizard/{sid}/stap/3", {"factoren": ["mediawijsheid"], "revisie": seen}))
        assert [status for status, _ in results] == [303, 303]
        session = stored_session(app, sid)
        survived += (session.answers["doelgroepen"] == STEP2["doelgroepen"]
                     and [f["id"] for f in session.answers["factoren"]] == ["mediawijsheid"]
                     and session.completed_steps == [1, 2, 3] and session.answers["gemeente"] == "Voorbeeldstad")
    print(f"\n{survived}/{TRIALS} trials: step 2 and step 3 from two tabs both survive")
    assert survived == TRIALS


def test_a_held_step_is_applied_again_to_the_step_written_meanwhile(app, client, server, monkeypatch):
    sid, seen = session_after_step_one(app, client)
    first, second = held_first(server, (f"/wizard/{sid}/stap/4", {**STEP4, "revisie": seen}),
                               (f"/wizard/{sid}/stap/2", {**STEP2, "revisie": seen}), monkeypatch)
    assert (first[0], second[0]) == (303, 303)
    session = stored_session(app, sid)
    assert session.answers["doelgroepen"] == STEP2["doelgroepen"]
    assert session.answers["voorkeuren"]["max_interventies"] == 6 and session.completed_steps == [1, 2, 4]


def test_the_same_step_saved_in_another_tab_is_a_conflict_and_keeps_what_was_typed(app, client):
    sid, seen = session_after_step_one(app, client)
    assert client.post(f"/wizard/{sid}/stap/2", data={**STEP2, "revisie": seen}).status_code == 303
    before = stored_session(app, sid)
    response = client.post(f"/wizard/{sid}/stap/2", data={"doelgroepen": ["families"], "settings": ["wijk"],
                                                          "revisie": seen})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "in een ander venster opgeslagen" in html
    assert 'value="families" checked' in html and 'value="wijk" checked' in html
    assert f'name="revisie" value="{before.revision}"' in html  # saving again now replaces the other tab's answers
    assert stored_session(app, sid).answers == before.answers


def test_a_step_one_conflict_is_a_message_about_the_form_not_an_error_on_its_first_field(app, client):
    """The QA walk: tab 1 and tab 2 both change the aanleiding of step 1; tab 2 saves second."""
    sid, seen = session_after_step_one(app, client)
    assert client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "aanleiding": "Uit tab 1.", "revisie": seen}).status_code == 303
    response = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "aanleiding": "Uit tab 2.", "revisie": seen})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    top = html[html.index('id="foutmeldingen"'):html.index("<form")]
    assert 'role="alert"' in html[html.rindex("<div", 0, html.index('id="foutmeldingen"')):html.index('id="foutmeldingen"')]
    assert "Deze stap is intussen in een ander venster opgeslagen" in top and "Sla opnieuw op" in top
    assert f'href="/wizard/{sid}/stap/1" target="_blank"' in top  # what the other tab saved, in a tab of its own
    assert 'id="gemeente-fout"' not in html and 'aria-invalid' not in html and "--invalid" not in html
    assert html.count("in een ander venster opgeslagen") == 1
    assert "Uit tab 2.</textarea>" in html
    assert stored_session(app, sid).answers["context"]["aanleiding"] == "Uit tab 1."


def test_two_tabs_saving_the_same_step_at_once_keep_one_and_tell_the_other(app, client, server):
    for _ in range(TRIALS):
        sid, seen = session_after_step_one(app, client)
        choices = [{"doelgroepen": ["jongeren"], "settings": ["school"]}, {"doelgroepen": ["families"], "settings": ["wijk"]}]
        results = together(*[(server, f"/wizard/{sid}/stap/2", {**c, "revisie": seen}) for c in choices])
        assert sorted(status for status, _ in results) == [303, 409]
        winner = next(i for i, (status, _) in enumerate(results) if status == 303)
        assert stored_session(app, sid).answers["doelgroepen"] == choices[winner]["doelgroepen"]


# --- composing: two people composing the first advice at once get the same one -------------------

def test_two_first_composes_at_once_make_one_advice(app, client, server, monkeypatch):
    sid = new_session(client)
    for number, data in ((1, STEP1), (2, STEP2), (3, {"factoren": ["mediawijsheid"]}), (4, STEP4)):
        assert client.post(f"/wizard/{sid}/stap/{number}", data=data).status_code == 303
    (first_status, first_to), (second_status, second_to) = held_first(
        server, (f"/advies/nieuw/{sid}", {}), (f"/advies/nieuw/{sid}", {}), monkeypatch)
    assert (first_status, second_status) == (303, 303)
    assert first_to == second_to  # the one held after its read found the other's advice
    with app.app_context():
        advices = db.session.scalars(sa.select(Advice).where(Advice.wizard_session_id == sid)).all()
        assert len(advices) == 1 and advices[0].version == 1
        logged = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.event == "advies samengesteld")).all()
        assert service.audit_target(advices[0].id) in [e.target for e in logged]
