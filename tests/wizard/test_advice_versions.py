"""Versions of one advice: composing changed answers again, recalculating with a newer knowledge
base, the comparison of two versions, and the version line of the B&W document.

The scenario rests on the real data (data/bouwstenen/): with the factors Mediawijsheid and Positieve
opvoedstijl the package holds Amigo's and the Hulplijn Extremisme van LSE, which the data link only to
Positieve opvoedstijl (2-gezin-en-familie.yaml) and to factors of other bouwstenen; Under Pressure,
Toolbox Mediaopvoeding and Online de Baas are linked to Mediawijsheid (4-sociale-omgeving.yaml).
Dropping Positieve opvoedstijl therefore takes the first two out by rule F-AANSLUITING."""

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from tests.helpers import detached
from tests.wizard.test_concurrency import held_first, server  # noqa: F401  (server is a fixture)
from tests.wizard.test_questionnaire import STEP1, STEP2, STEP4, new_session
from tests.wizard.test_versions import reload, set_name
from wizard.advice import pdf, service, versions
from wizard.advice.view import AdviceDocument
from wizard.extensions import db
from wizard.kb.access import knowledge_base
from wizard.audit import AuditEvent
from wizard.models import Advice, AdviceVersion
from wizard.retention import remove_unopened

BOTH = ("mediawijsheid", "positieve-opvoedstijl")
TOOLBOX, UNDER_PRESSURE, AMIGOS, HULPLIJN = ("toolbox-mediaopvoeding", "under-pressure", "amigos",
                                            "hulplijn-extremisme-van-lse")
ONLINE_DE_BAAS = "online-de-baas-halt-voorlichting-op-scholen"

assert reload  # a fixture, imported for use


def compose(client, factors=BOTH) -> tuple[str, str]:
    """A questionnaire answered with `factors` and its advice: (session id, advice id)."""
    sid = new_session(client)
    for number, data in ((1, STEP1), (2, STEP2), (3, {"factoren": list(factors)}), (4, STEP4)):
        assert client.post(f"/wizard/{sid}/stap/{number}", data=data).status_code == 303
    response = client.post(f"/advies/nieuw/{sid}")
    assert response.status_code == 303
    return sid, response.location.split("/")[2]


def recompose(client, sid, factors) -> str:
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": list(factors)}).status_code == 303
    response = client.post(f"/advies/nieuw/{sid}")
    assert response.status_code == 303
    return response.location.split("/")[2]


def ids(advice) -> list[str]:
    return [p["interventie"] for p in advice.current["pakket"]]


def text(response) -> str:
    """The page as a reader sees it: tags out, whitespace folded."""
    html = response.get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#39;", "'").replace("&amp;", "&")


@pytest.fixture
def two_versions(app, client):
    """Version 1 with both factors, edited: Toolbox taken out, notes on Under Pressure and Amigo's;
    then version 2 with Mediawijsheid alone."""
    sid, advice_id = compose(client)
    first = detached(app, Advice, advice_id)
    assert {TOOLBOX, UNDER_PRESSURE, AMIGOS, HULPLIJN} <= set(ids(first))
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "interventie": TOOLBOX, "reden": "Loopt al via het jongerenwerk"}).status_code == 303
    for iid, note in ((UNDER_PRESSURE, "Past bij de scholen hier."), (AMIGOS, "Vraag de GGD.")):
        assert client.post(f"/advies/{advice_id}/notitie", data={"interventie": iid, "notitie": note}).status_code == 303
    assert recompose(client, sid, ["mediawijsheid"]) == advice_id
    return sid, advice_id


def test_changed_answers_make_version_2_of_the_same_advice_with_the_edits_carried_over(app, client, two_versions):
    sid, advice_id = two_versions
    advice = detached(app, Advice, advice_id)
    assert advice.version == 2 and advice.version_cause == "antwoorden gewijzigd"
    assert advice.profile["factoren"] == [{"id": "mediawijsheid", "prioriteit": "normaal"}]
    package = ids(advice)
    assert TOOLBOX not in package            # the hand removal still applies
    assert UNDER_PRESSURE in package and AMIGOS not in package and HULPLIJN not in package
    assert advice.notes[UNDER_PRESSURE] == "Past bij de scholen hier."
    assert advice.version_dropped == ["De notitie bij Amigo’s hoort bij een interventie die niet meer in het "
                                      "pakket staat; ze blijft bewaard, maar wordt niet getoond."]
    assert advice.edits[-1]["actie"] == "nieuwe-versie" and advice.edits[-1]["versie"] == 2
    assert advice.edits[-1]["door"] == "gemeente"
    with app.app_context():
        (old,) = db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice_id)).all()
        assert old.number == 1 and old.cause == "samengesteld" and old.made_by == "gemeente"
        assert {AMIGOS, HULPLIJN} <= set(ids(old)) and TOOLBOX not in ids(old)
        assert old.notes[AMIGOS] == "Vraag de GGD."
        assert [e["actie"] for e in old.edits] == ["verwijderd"]
        logged = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.target == service.audit_target(advice_id))).all()
        # the hand edit and notes are logged by themselves (earlier); the new version once
        assert [(e.event, e.changes) for e in logged if e.event == "adviesversie gemaakt"] == [
            ("adviesversie gemaakt", {"versie": [1, 2]})]
        assert "interventie verwijderd" in [e.event for e in logged]

    # the advice page after the redirect says so once, and lists what did not carry over
    page = text(client.get(f"/advies/{advice_id}"))
    assert "Nieuwe versie: dit is nu versie 2 van het advies (antwoorden gewijzigd)" in page
    assert "De notitie bij Amigo’s hoort bij een interventie die niet meer in het pakket staat" in page
    assert "Versie 2 van dit advies, samengesteld op" in page
    assert "Nieuwe versie" not in text(client.get(f"/advies/{advice_id}"))


def test_composing_unchanged_answers_again_makes_no_new_version(app, client):
    sid, advice_id = compose(client)
    before = detached(app, Advice, advice_id)
    response = client.post(f"/advies/nieuw/{sid}")
    assert response.status_code == 303 and response.location.endswith(f"/advies/{advice_id}")
    after = detached(app, Advice, advice_id)
    assert after.version == 1 and after.revision == before.revision
    assert "er is geen nieuwe versie gemaakt; dit is nog steeds versie 1" in text(client.get(f"/advies/{advice_id}"))


def test_the_comparison_names_what_came_in_and_went_out_and_why(app, client, two_versions):
    sid, advice_id = two_versions
    # a hand edit in version 2 is named with the person who made it
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "interventie": UNDER_PRESSURE, "reden": "Geen aanbieder in de regio"}).status_code == 303
    response = client.get(f"/advies/{advice_id}/vergelijk", query_string={"van": 1, "naar": 2})
    assert response.status_code == 200
    page = text(response)
    came_in = page[page.index("Erbij gekomen"):page.index("Eruit gegaan")]
    went_out = page[page.index("Eruit gegaan"):page.index("Pakketregels met een ander oordeel")]
    assert "Online de Baas (Halt-voorlichting op scholen) – Door gewijzigde antwoorden:" in came_in
    assert "S-FACTOR-DIRECT" in came_in and "Amigo" not in came_in
    for name in ("Amigo’s", "Hulplijn Extremisme van LSE"):
        assert (f"{name} – Door gewijzigde antwoorden: Niet opgenomen omdat deze interventie niet is gekoppeld aan "
                "een van de beschermende factoren die u koos") in went_out
    assert went_out.count("F-AANSLUITING") == 2
    assert "Under Pressure – Met de hand verwijderd door" in went_out
    assert "Toolbox" not in came_in + went_out   # out of both versions, by the same hand edit
    assert "Gekozen factoren (Beschermende factoren) Mediawijsheid, Positieve opvoedstijl Mediawijsheid" in page
    assert "Versie 2: antwoorden gewijzigd" in page
    assert "In versie 2: De notitie bij Amigo’s" in page
    # either order, and by default the previous against the newest
    assert text(client.get(f"/advies/{advice_id}/vergelijk?van=2&naar=1")).count("F-AANSLUITING") == 2
    assert text(client.get(f"/advies/{advice_id}/vergelijk")).count("F-AANSLUITING") == 2


@pytest.mark.parametrize("query, status, message", [
    ("van=1", 400, "Kies bij 'naar' ook een versie"),
    ("van=een&naar=2", 400, "'van' moet het nummer van een versie zijn"),
    ("van=1&naar=-2", 400, "'naar' moet het nummer van een versie zijn"),
    ("van=1&naar=7", 404, "Dit advies heeft geen versie 7 (bij 'naar'); het heeft versie 1 tot en met 2."),
    ("van=99999999999999999999999&naar=1", 400, "'van' moet het nummer van een versie zijn"),
    ("van=%C2%B2&naar=1", 400, "'van' moet het nummer van een versie zijn"),  # '²' is a digit to isdigit()
    ("van=" + "9" * 5000 + "&naar=1", 400, "'van' moet het nummer van een versie zijn"),
    ("van=%201%20&naar=2", 200, "Versie 1"),
])
def test_a_bad_version_choice_gets_a_dutch_message(app, client, two_versions, query, status, message):
    advice_id = two_versions[1]
    response = client.get(f"/advies/{advice_id}/vergelijk?{query}")
    assert response.status_code == status
    assert message in text(response)


def test_comparing_an_unknown_advice_is_404(client):
    assert client.get("/advies/bestaat-niet/vergelijk?van=1&naar=2").status_code == 404


def test_a_single_version_has_nothing_to_compare_yet(client):
    advice_id = compose(client)[1]
    page = text(client.get(f"/advies/{advice_id}/vergelijk"))
    assert "Dit advies heeft nog maar één versie" in page and "Erbij gekomen" not in page
    refused = client.get(f"/advies/{advice_id}/vergelijk?van=1&naar=2")
    assert refused.status_code == 404
    assert "Dit advies heeft geen versie 2 (bij 'naar'); het heeft alleen versie 1." in text(refused)


def test_a_recalculation_is_a_version_and_its_comparison_names_the_knowledge_base(app, client, data_copy, reload):
    sid, advice_id = compose(client)
    old_label = detached(app, Advice, advice_id).kb_version
    (data_copy / "interventies" / f"{HULPLIJN}.yaml").unlink()
    for path in (data_copy / "bouwstenen").glob("*.yaml"):
        path.write_text(re.sub(rf"^\s+- {re.escape(HULPLIJN)}\n", "", path.read_text(), flags=re.M))
    new_version = reload(data_copy)
    assert "wordt versie 2" in text(client.get(f"/advies/{advice_id}/herberekenen"))
    assert client.post(f"/advies/{advice_id}/herberekenen").status_code == 303
    advice = detached(app, Advice, advice_id)
    assert advice.version == 2 and advice.kb_version_id == new_version
    assert advice.version_cause == f"herberekend met kennisbank {new_version}"
    assert "Nieuwe versie: dit is nu versie 2 van het advies (herberekend met kennisbank" in text(client.get(f"/advies/{advice_id}"))

    page = text(client.get(f"/advies/{advice_id}/vergelijk?van=1&naar=2"))
    assert f"Nieuwe kennisbank: versie {new_version} in plaats van versie {old_label}" in page
    went_out = page[page.index("Eruit gegaan"):page.index("Pakketregels met een ander oordeel")]
    assert f"Hulplijn Extremisme van LSE – Door nieuwe kennisbank: Hulplijn Extremisme van LSE staat niet (meer) " \
           f"in kennisbank {new_version}." in went_out
    assert f"Versie 2: herberekend met kennisbank {new_version}" in page
    assert "De antwoorden zijn hetzelfde" in page


def test_the_b_and_w_document_and_the_json_name_the_version(app, client, two_versions):
    advice_id = two_versions[1]
    advice = detached(app, Advice, advice_id)
    made = advice.version_made_at
    made = (made if made.tzinfo else made.replace(tzinfo=timezone.utc)).astimezone(ZoneInfo("Europe/Amsterdam"))
    stamp = f"{made.day}-{made.month}-{made.year} {made.hour:02d}:{made.minute:02d}"
    council = text(client.get(f"/advies/{advice_id}/b-en-w"))
    assert f"Versie 2 van dit advies, samengesteld op {stamp}, op basis van kennisbank versie" in council
    assert json.loads(client.get(f"/advies/{advice_id}.json").get_data(as_text=True))["versie"] == 2


def test_a_new_version_gets_a_new_pdf(app, client, two_versions):
    """The PDF cache keys on the document's HTML, and the HTML names the version."""
    advice_id = two_versions[1]
    with app.app_context():
        advice = db.session.get(Advice, advice_id)
        (old,) = db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice_id)).all()
        current = AdviceDocument.of(advice)
        kb = knowledge_base(advice.kb_version_id)
        with app.test_request_context():
            html_now = pdf.document_html(current, kb)
            html_v1_number = pdf.document_html(replace(current, version=old.number), kb)
    assert "Versie 2 van dit advies" in html_now and "Versie 1 van dit advies" in html_v1_number
    assert pdf.cache_key(html_now) != pdf.cache_key(html_v1_number)


def test_a_recompose_held_while_someone_edits_carries_their_edit_over(app, client, server, monkeypatch):  # noqa: F811
    sid, advice_id = compose(client)
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"]}).status_code == 303
    before = detached(app, Advice, advice_id)
    (first_status, _), (second_status, _) = held_first(
        server, (f"/advies/nieuw/{sid}", {}),
        (f"/advies/{advice_id}/pakket", {"actie": "verwijder", "interventie": UNDER_PRESSURE, "reden": "Geen aanbieder", "revisie": before.revision}),
        monkeypatch)
    assert (first_status, second_status) == (303, 303)
    advice = detached(app, Advice, advice_id)
    assert advice.version == 2 and UNDER_PRESSURE not in ids(advice)  # their removal carried into version 2
    with app.app_context():
        (old,) = db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice_id)).all()
        assert UNDER_PRESSURE not in ids(old) and [e["actie"] for e in old.edits] == ["verwijderd"]


def test_retention_removes_the_versions_of_a_removed_advice(app, client, two_versions):
    advice_id = two_versions[1]
    moment = datetime.now(timezone.utc) - timedelta(days=800)
    with app.app_context():
        db.session.execute(sa.update(Advice).where(Advice.id == advice_id)
                           .values(updated_at=moment, created_at=moment, opened_at=moment))
        db.session.commit()
        remove_unopened(18)
        assert db.session.get(Advice, advice_id) is None
        assert db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice_id)).all() == []


def test_the_foreign_key_cascades_where_the_database_enforces_it(app, client, two_versions):
    """PostgreSQL deletes the versions with their advice by itself (SQLite without PRAGMA
    foreign_keys does not, which is why retention deletes them explicitly)."""
    advice_id = two_versions[1]
    with app.app_context():
        reflected = sa.inspect(db.engine).get_foreign_keys("advice_version")
        assert [fk["options"].get("ondelete") for fk in reflected if fk["referred_table"] == "advice"] == ["CASCADE"]
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.delete(Advice).where(Advice.id == advice_id))
            db.session.commit()
            left = db.session.scalars(sa.select(AdviceVersion).where(AdviceVersion.advice_id == advice_id)).all()
            assert left == []


def test_carry_over_lists_an_addition_the_new_knowledge_base_lacks(real_kb):
    edits = [{"actie": "toegevoegd", "interventie": "bestaat-niet-meer", "revisie": 1},
             {"actie": "verwijderd", "interventie": AMIGOS, "revisie": 2},
             {"actie": "verwijderd", "interventie": TOOLBOX, "revisie": 3}]
    carried = versions.carry_over(edits, [UNDER_PRESSURE, TOOLBOX], real_kb, real_kb, [UNDER_PRESSURE, AMIGOS])
    assert carried.ids == [UNDER_PRESSURE]
    assert carried.dropped_edits == [
        "Uw toevoeging van bestaat-niet-meer kan niet meer: de interventie is niet meer beschikbaar in de kennisbank.",
        "U had Amigo’s uit het pakket gehaald; de regels kiezen deze interventie nu zelf niet meer, dus die "
        "bewerking is niet meer nodig."]
    assert carried.dropped_notes == ["De notitie bij Amigo’s hoort bij een interventie die niet meer in het pakket "
                                     "staat; ze blijft bewaard, maar wordt niet getoond."]


def test_a_person_cause_names_author_time_and_reason(app, client, two_versions):
    """An entry of the newer version that put an intervention in is shown with who, when and why
    (the entry contract of wizard/advice/edit_log.py)."""
    with app.app_context():
        first = versions.history(db.session.get(Advice, two_versions[1]))[0]
        kb = knowledge_base(first.kb_version_id)
    entry = {"actie": "toegevoegd", "interventie": AMIGOS, "op": "2026-12-01T10:05:00+00:00", "revisie": 99,
             "door": "A. Adviseur", "reden": "De gemeente werkt al met de GGD."}
    without = replace(first, current={**first.current, "pakket": [p for p in first.current["pakket"]
                                                                  if p["interventie"] != AMIGOS]})
    comparison = versions.compare(without, kb, replace(first, edits=first.edits + [entry]), kb)
    (change,) = comparison.added
    assert change.intervention == AMIGOS and change.cause.by_person
    assert (change.cause.who, change.cause.when, change.cause.reason, change.cause.text) == (
        "A. Adviseur", "1-12-2026 11:05", "De gemeente werkt al met de GGD.", "Met de hand toegevoegd")  # CET, as on the card
    # without that entry the rules are named instead
    (by_rule,) = versions.compare(without, kb, first, kb).added
    assert not by_rule.cause.by_person and "S-FACTOR-DIRECT" in by_rule.cause.rules


def test_an_earlier_version_can_be_read_but_offers_no_form(app, client, two_versions):
    advice_id = two_versions[1]
    response = client.get(f"/advies/{advice_id}/versie/1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text(response)
    assert "<form" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Amigo’s" in page and "Hulplijn Extremisme van LSE" in page and "Toolbox Mediaopvoeding" not in page
    assert "Notitie: Vraag de GGD." in page
    assert "Versie 1 van dit advies, samengesteld op" in page
    assert client.get(f"/advies/{advice_id}/versie/2").status_code == 303  # the working version is the advice page
    assert client.get(f"/advies/{advice_id}/versie/3").status_code == 404
    assert client.get(f"/advies/{advice_id}/versie/een").status_code == 404
    assert f'href="/advies/{advice_id}/versie/1"' in client.get(f"/advies/{advice_id}/vergelijk").get_data(as_text=True)


def test_recomposing_after_a_recalculation_keeps_the_newer_knowledge_base(app, client, data_copy, reload):
    sid, advice_id = compose(client)   # the questionnaire stays on the version it was answered in
    session_kb = detached(app, Advice, advice_id).kb_version_id
    set_name(data_copy / "interventies" / f"{UNDER_PRESSURE}.yaml", "Under Pressure (nieuwe naam)")
    new_version = reload(data_copy)
    assert client.post(f"/advies/{advice_id}/herberekenen").status_code == 303
    assert recompose(client, sid, ["mediawijsheid"]) == advice_id
    advice = detached(app, Advice, advice_id)
    assert advice.version == 3 and advice.kb_version_id == new_version != session_kb
    assert advice.version_cause == "antwoorden gewijzigd"
    assert "Under Pressure (nieuwe naam)" in [p["naam"] for p in advice.current["pakket"]]
