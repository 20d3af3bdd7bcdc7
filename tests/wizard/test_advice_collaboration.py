"""Working on one advice together: authors and times of edits and notes, reasons for overrides,
undo and restore as new log entries, the change notice, the audit trail and read-only pages."""

import hashlib
import re

import pytest
import sqlalchemy as sa
from flask import g
from markupsafe import escape

from tests.wizard.test_advice import make_advice, stored
from tests.wizard.test_concurrency import held_first, server  # noqa: F401  (server is a fixture)
from wizard.advice import service
from wizard.advice.edit_log import MUNICIPALITY
from wizard.audit import AuditEvent
from wizard.extensions import db
from wizard.models import Advice

REASON = "Loopt al via de GGD; dubbel aanbod"


def pakket(advice) -> list[str]:
    return [p["interventie"] for p in advice.current["pakket"]]


def excluded_one(advice, rule="UIT-DUPLICAAT") -> str:
    """An intervention the rules left out with `rule` (here: it overlaps one in the package)."""
    return next(e["interventie"] for e in advice.current["uitgesloten"] if e["regel"] == rule)


def neutral_one(advice, kb) -> str:
    """An intervention the rules have no verdict on: not linked to any chosen factor."""
    return next(i for i in (e["interventie"] for e in advice.current["uitgesloten"] if e["regel"] == "F-AANSLUITING")
                if not kb.interventions[i].withdrawn)


def edit(client, advice_id, revision=None, htmx=False, **form):
    data = {**form, **({"revisie": revision} if revision is not None else {})}
    return client.post(f"/advies/{advice_id}/pakket", data=data, headers={"HX-Request": "true"} if htmx else {})


def page(client, advice_id) -> str:
    return client.get(f"/advies/{advice_id}").get_data(as_text=True)


# --- authors and time ---------------------------------------------------------------------

def test_an_edit_and_a_note_record_their_author_and_time_and_the_page_shows_them(app, client, real_kb):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    second = pakket(stored(app, advice_id))[1]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    assert client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Bellen met de wijkagent"}
                       ).status_code == 303
    advice = stored(app, advice_id)
    entry = advice.edits[-1]
    assert entry["door"] == MUNICIPALITY and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", entry["op"])
    assert advice.notes[service.NOTE_AUTHORS][second]["door"] == MUNICIPALITY
    assert service.note_texts(advice) == {second: "Bellen met de wijkagent"}  # the bookkeeping stays out

    html = page(client, advice_id)
    name = real_kb.interventions[first].name.replace("'", "&#39;")
    assert re.search(r"Verwijderd door gemeente, \d{1,2}-\d{1,2}-20\d\d \d\d:\d\d", html)
    assert re.search(rf"{re.escape(name)} verwijderd door gemeente \(afwijking van het berekende advies\)\. "
                     rf"Reden: {REASON}", html)
    assert re.search(r"Notitie van gemeente, \d{1,2}-\d{1,2}-20\d\d \d\d:\d\d", html)


def test_an_adviseur_is_recorded_by_name(app, make_user, new_client, login):
    email = make_user("adviseur")
    client = new_client()
    assert login(client, email).status_code == 302
    advice_id = make_advice(client)
    item = pakket(stored(app, advice_id))[0]
    assert client.post(f"/advies/{advice_id}/notitie", data={"interventie": item, "notitie": "Afspraak"}).status_code == 303
    assert stored(app, advice_id).notes[service.NOTE_AUTHORS][item]["door"] == email
    assert f"Notitie van {email}" in page(client, advice_id)


def test_old_entries_without_an_author_show_none(app, client):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    with app.app_context():
        row = db.session.get(Advice, advice_id)
        row.edits = [{k: v for k, v in e.items() if k != "door"} for e in row.edits]  # as stored before authors
        db.session.commit()
    html = page(client, advice_id)
    assert re.search(r"Verwijderd, \d{1,2}-\d{1,2}-20\d\d", html) and "door gemeente" not in html


# --- override reasons ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["remove-chosen", "add-excluded", "add-track-filled"])
def test_an_override_without_a_reason_is_refused_naming_the_field_and_changes_nothing(app, client, kind):
    advice_id = make_advice(client)
    before = stored(app, advice_id)
    form = {"remove-chosen": {"actie": "verwijder", "interventie": pakket(before)[0]},
            "add-excluded": {"actie": "voeg-toe", "interventie": excluded_one(before)},
            "add-track-filled": {"actie": "voeg-toe", "interventie": excluded_one(before, "UIT-SPOOR")}}[kind]
    response = edit(client, advice_id, before.revision, htmx=True, **form, reden="   ")
    assert response.status_code == 422
    assert "Reden:" in response.get_data(as_text=True)
    after = stored(app, advice_id)
    assert (after.revision, after.edits, after.current) == (before.revision, before.edits, before.current)

    assert edit(client, advice_id, before.revision, **form, reden=REASON).status_code == 303
    entry = stored(app, advice_id).edits[-1]
    assert entry["reden"] == REASON and entry["afwijking"] is True and "reden_in_document" not in entry


def test_a_plain_edit_needs_no_reason(app, client, real_kb):
    """Adding an intervention the rules did not exclude, removing a hand-added one, and swapping
    for an alternative the rules offered are no override."""
    advice_id = make_advice(client)
    advice = stored(app, advice_id)
    neutral = neutral_one(advice, real_kb)
    assert edit(client, advice_id, actie="voeg-toe", interventie=neutral).status_code == 303
    assert edit(client, advice_id, actie="verwijder", interventie=neutral).status_code == 303
    alt = stored(app, advice_id).current["alternatieven"][0]
    assert edit(client, advice_id, actie="wissel", interventie=alt["in_plaats_van"], alternatief=alt["interventie"]
                ).status_code == 303
    assert [("afwijking" in e, "reden" in e) for e in stored(app, advice_id).edits] == [(False, False)] * 3


def test_a_swap_for_something_the_rules_did_not_offer_needs_a_reason(app, client):
    advice_id = make_advice(client)
    advice = stored(app, advice_id)
    chosen, other = pakket(advice)[0], excluded_one(advice)
    response = edit(client, advice_id, actie="wissel", interventie=chosen, alternatief=other)
    assert response.status_code == 422 and "Reden:" in response.get_data(as_text=True)
    assert stored(app, advice_id).edits == []


@pytest.mark.parametrize("reason, problem", [("x" * (service.MAX_REASON + 1), "hoogstens"),
                                             ("Omdat\u202eniet", "leesrichting"), ("a\x1bb", "stuurteken")])
def test_a_bad_reason_is_refused_like_other_free_text(app, client, reason, problem):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    response = edit(client, advice_id, actie="verwijder", interventie=first, reden=reason)
    assert response.status_code == 422 and problem in response.get_data(as_text=True)
    assert stored(app, advice_id).edits == []


def test_a_reason_goes_into_the_b_en_w_document_only_when_ticked(app, client):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden="Eerste reden").status_code == 303
    assert edit(client, advice_id, actie="verwijder", interventie=second, reden="Tweede reden",
                reden_in_document="ja").status_code == 303
    council = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    assert "Afwijkingen van het berekende advies" in council
    assert "Tweede reden" in council and "Eerste reden" not in council
    html = page(client, advice_id)
    assert "Eerste reden" in html and "Tweede reden" in html  # the history always shows both


# --- undo and restore ---------------------------------------------------------------------

def test_undo_undo_again_restore_and_undo_the_restore_keep_the_whole_history(app, client, real_kb):
    advice_id = make_advice(client)
    computed = pakket(stored(app, advice_id))
    first, neutral = computed[0], neutral_one(stored(app, advice_id), real_kb)
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    assert edit(client, advice_id, actie="voeg-toe", interventie=neutral).status_code == 303
    edited = pakket(stored(app, advice_id))

    def post(what):
        return client.post(f"/advies/{advice_id}/{what}", data={"revisie": stored(app, advice_id).revision})

    assert post("ongedaan").status_code == 303  # the addition
    assert pakket(stored(app, advice_id)) == [i for i in edited if i != neutral]
    assert post("ongedaan").status_code == 303  # the removal
    assert pakket(stored(app, advice_id)) == computed
    response = post("ongedaan")
    assert response.status_code == 422 and "geen bewerking om ongedaan te maken" in response.get_data(as_text=True)

    assert edit(client, advice_id, actie="voeg-toe", interventie=neutral).status_code == 303
    assert post("herstel").status_code == 303
    restored = stored(app, advice_id)
    assert restored.current == restored.result and service.hand_added(restored) == set()
    assert post("ongedaan").status_code == 303  # the restore: the addition is back
    assert neutral in pakket(stored(app, advice_id))

    log = stored(app, advice_id).edits
    assert [e["actie"] for e in log] == ["verwijderd", "toegevoegd", "ongedaan", "ongedaan", "toegevoegd", "hersteld",
                                         "ongedaan"]
    assert [e.get("maakt_ongedaan") for e in log if e["actie"] == "ongedaan"] == [log[1]["revisie"], log[0]["revisie"],
                                                                               log[5]["revisie"]]
    assert all(e["door"] == MUNICIPALITY for e in log)
    html = page(client, advice_id)
    assert html.count("(ongedaan gemaakt)") == 3 and "berekend advies hersteld door gemeente" in html


def test_restore_keeps_the_notes(app, client):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Blijft staan"})
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    assert client.post(f"/advies/{advice_id}/herstel", data={"revisie": stored(app, advice_id).revision}).status_code == 303
    advice = stored(app, advice_id)
    assert service.note_texts(advice) == {second: "Blijft staan"} and first in pakket(advice)


def test_undo_after_someone_else_edited_is_a_conflict_and_changes_nothing(app, client):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    seen = stored(app, advice_id).revision  # the page of the one who wants to undo
    assert edit(client, advice_id, seen, actie="verwijder", interventie=second, reden=REASON).status_code == 303
    before = stored(app, advice_id)
    for what in ("ongedaan", "herstel"):
        response = client.post(f"/advies/{advice_id}/{what}", data={"revisie": seen}, headers={"HX-Request": "true"})
        text = response.get_data(as_text=True)
        assert response.status_code == 409
        assert "gemeente heeft het pakket intussen gewijzigd" in text and "De pagina toont nu de nieuwste stand" in text
    after = stored(app, advice_id)
    assert (after.revision, after.edits) == (before.revision, before.edits)


def test_an_undo_held_while_someone_else_removes_is_computed_again_and_refused(app, client, server, monkeypatch):
    """Compare-and-set: the undo read the advice before the other removal was written; on its
    second attempt it sees that removal and refuses, so it never undoes an edit its user did not see."""
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    seen = stored(app, advice_id).revision
    (undo_status, undo_body), (remove_status, _) = held_first(
        server, (f"/advies/{advice_id}/ongedaan", {"revisie": seen}),
        (f"/advies/{advice_id}/pakket", {"actie": "verwijder", "interventie": second, "reden": REASON, "revisie": seen}),
        monkeypatch)
    assert (undo_status, remove_status) == (409, 303)
    assert "heeft het pakket intussen gewijzigd" in undo_body
    assert [e["actie"] for e in stored(app, advice_id).edits] == ["verwijderd", "verwijderd"]


def test_undo_is_refused_for_an_edit_from_before_revisions_were_kept(app, client):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    with app.app_context():
        row = db.session.get(Advice, advice_id)
        row.edits = [{k: v for k, v in e.items() if k not in ("revisie", "door")} for e in row.edits]
        db.session.commit()
    response = client.post(f"/advies/{advice_id}/ongedaan", data={})
    assert response.status_code == 422 and "Herstel het berekende advies" in response.get_data(as_text=True)
    assert client.post(f"/advies/{advice_id}/herstel", data={}).status_code == 303
    assert first in pakket(stored(app, advice_id))


# --- two people at once ---------------------------------------------------------------------

def test_an_edit_on_an_older_page_lands_and_says_who_changed_the_advice_meanwhile(app, client):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    seen = stored(app, advice_id).revision
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Van de ander", "revisie": seen})
    response = edit(client, advice_id, seen, htmx=True, actie="verwijder", interventie=first, reden=REASON)
    assert response.status_code == 200
    assert "Dit advies is intussen gewijzigd door gemeente; de pagina toont nu de nieuwste stand." in response.get_data(as_text=True)
    fresh = edit(client, advice_id, stored(app, advice_id).revision, htmx=True, actie="verwijder", interventie=second,
                 reden=REASON)
    assert "intussen gewijzigd" not in fresh.get_data(as_text=True)  # one's own change is no news


def test_the_state_poll_is_empty_while_nothing_changed_and_writes_nothing(app, client, audit_events):
    advice_id = make_advice(client)
    advice = stored(app, advice_id)
    rows = len(audit_events(target=service.audit_target(advice_id)))
    response = client.get(f"/advies/{advice_id}/stand?revisie={advice.revision}")
    assert response.status_code == 204 and response.get_data() == b""
    after = stored(app, advice_id)
    assert (after.revision, after.opened_at) == (advice.revision, advice.opened_at)
    assert len(audit_events(target=service.audit_target(advice_id))) == rows

    first = pakket(advice)[0]
    assert edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON).status_code == 303
    notice = client.get(f"/advies/{advice_id}/stand?revisie={advice.revision}")
    assert notice.status_code == 200
    assert "Dit advies is intussen gewijzigd door gemeente" in notice.get_data(as_text=True)
    assert client.get("/advies/bestaat-niet/stand?revisie=0").status_code == 404


# --- audit --------------------------------------------------------------------------------

def test_every_edit_note_undo_and_restore_is_in_the_audit_log(app, client, audit_events):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON)
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Notitie"})
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Notitie", "in_document": "ja"})
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Notitie", "in_document": "ja"})
    client.post(f"/advies/{advice_id}/ongedaan", data={})
    edit(client, advice_id, actie="verwijder", interventie=first, reden="Nog een keer")
    client.post(f"/advies/{advice_id}/herstel", data={})
    edit(client, advice_id, actie="verwijder", interventie=first)  # refused: no reason, no line
    rows = audit_events(target=service.audit_target(advice_id))
    assert [r.event for r in rows] == ["advies samengesteld", "interventie verwijderd", "notitie opgeslagen",
                                       "keuze voor het B&W-document gewijzigd",  # the same again writes nothing
                                       "bewerking ongedaan gemaakt", "interventie verwijderd", "berekend advies hersteld"]
    composed, rows = rows[0], rows[1:]
    assert {r.actor for r in rows} == {MUNICIPALITY, composed.actor} and rows[0].reason == REASON
    assert rows[0].changes == {"interventie": [first, None]}
    assert rows[1].changes == {f"notitie {second}": [None, "Notitie"]}


# --- read-only ------------------------------------------------------------------------------

def test_a_read_only_page_offers_no_form_that_changes_anything(app, client):
    advice_id = make_advice(client)
    first, second = pakket(stored(app, advice_id))[:2]
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Te lezen notitie"})
    edit(client, advice_id, actie="verwijder", interventie=first, reden=REASON)
    editable = page(client, advice_id)
    assert editable.count('<form method="post"') > 3  # the same page with an edit link has them
    with app.test_request_context(f"/advies/{advice_id}"):
        g.read_only = True
        html = app.view_functions["advice.show"](advice_id=advice_id)
        council = app.view_functions["advice.council"](advice_id=advice_id)
    assert '<form method="post"' not in html and 'method="post"' not in council
    assert "Te lezen notitie" in html and "Notitie van gemeente" in html and REASON in html
    assert "Maak laatste bewerking ongedaan" not in html


def test_the_audit_log_names_an_advice_without_giving_its_link(app, client):
    """A beheerder reads the audit log; an advice's id is the key to it, so the log holds a digest."""
    advice_id = make_advice(client)
    assert client.post(f"/advies/{advice_id}/notitie", data={"notitie": "Bespreken met het jongerenwerk"}).status_code == 303
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.event == "notitie opgeslagen")).all()
        assert f"advies:#{hashlib.sha256(advice_id.encode()).hexdigest()[:16]}" in [r.target for r in rows]
        everything = db.session.scalars(sa.select(AuditEvent)).all()
        assert not [r for r in everything if advice_id in f"{r.target} {r.changes} {r.reason}"]


def test_adding_one_left_out_only_for_the_package_size_needs_no_reason(app, client):
    """'Er is plaats' or 'het pakket is vol' is no verdict on the intervention: adding it is a choice."""
    advice_id = make_advice(client)
    advice = stored(app, advice_id)
    left_for_size = [e["interventie"] for e in advice.current["uitgesloten"] if e["regel"] in ("UIT-VOL", "UIT-VOL-PLAATSEN", "UIT-RUIMTE")]
    left_for_size += [a["interventie"] for a in advice.current["alternatieven"]
                      if a["redenen"][0]["regel"] in ("UIT-VOL", "UIT-VOL-PLAATSEN", "UIT-RUIMTE")]
    assert left_for_size, "the example advice leaves something out because the package is full"
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "voeg-toe", "interventie": left_for_size[0]}).status_code == 303
    assert left_for_size[0] in pakket(stored(app, advice_id))


def test_a_missing_reason_is_said_beside_the_reason_field(app, client):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    response = edit(client, advice_id, htmx=True, actie="verwijder", interventie=first)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    card = html[html.index(f'id="item-{first}"'):]
    message = card.index(f'id="reden-{first}-fout"')
    field = card.index(f'id="reden-{first}"')
    assert card.index(f'for="reden-{first}"') < message < field  # between the label and the field
    assert f'aria-describedby="reden-{first}-fout"' in card[field:field + 600]
    assert card.count('role="alert"', 0, field) == 1  # not also at the top of the card


def test_a_refused_addition_keeps_the_choice_and_names_the_reason_field(app, client):
    advice_id = make_advice(client)
    advice = stored(app, advice_id)
    excluded = next(iid for iid, cause in service.exclusions_by_rules(advice).items())
    response = edit(client, advice_id, htmx=True, actie="voeg-toe", interventie=excluded)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(rf'<option value="{re.escape(excluded)}" selected>', html)
    assert 'aria-describedby="toevoegen-fout"' in html and 'id="toevoegen-fout"' in html


def test_an_edit_says_in_words_what_it_did(app, client, real_kb):
    advice_id = make_advice(client)
    first = pakket(stored(app, advice_id))[0]
    html = edit(client, advice_id, htmx=True, actie="verwijder", interventie=first, reden=REASON).get_data(as_text=True)
    assert f'role="status" id="bewerking-gedaan">{real_kb.interventions[first].name} verwijderd.</p>' in html
    html = client.post(f"/advies/{advice_id}/ongedaan", data={}, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert f'id="bewerking-gedaan">Ongedaan gemaakt: {real_kb.interventions[first].name} verwijderd.</p>' in html


def test_the_b_en_w_document_keeps_the_case_of_a_removed_interventions_name(app, client, real_kb):
    # 'Bounce trainingen verwijderd' for BOUNCE trainingen: the sentence got a capital by lower-casing the rest
    advice_id = make_advice(client)
    named = [i for i in pakket(stored(app, advice_id)) if any(c.isupper() for c in real_kb.interventions[i].name[1:])]
    assert named, "het pakket van make_advice heeft een interventie met hoofdletters in de naam nodig"
    name = real_kb.interventions[named[0]].name
    assert edit(client, advice_id, actie="verwijder", interventie=named[0], reden="Loopt al",
                reden_in_document="ja").status_code == 303
    council = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    assert f"{escape(name)} verwijderd: Loopt al" in council
