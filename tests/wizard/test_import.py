"""The profile import obeys the questionnaire: only complete, valid steps are marked done,
duplicates are refused, and the file carries its format and knowledge-base version."""

import io
import json
import re

import pytest

from tests.helpers import detached

from tests.conftest import make_app
from tests.wizard.test_questionnaire import STEP1, complete, new_session, stored
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.models import Advice, WizardSession
from wizard.questionnaire import field_names
from wizard.questionnaire.profile_file import FORMAT_VERSION

EXAMPLE = json.loads((PROJECT_ROOT / "examples" / "profiel-voorbeeldstad.json").read_text(encoding="utf-8"))


def upload(client, content):
    body = content if isinstance(content, bytes) else json.dumps(content).encode()
    return client.post("/wizard/import", data={"profiel": (io.BytesIO(body), "profiel.json")},
                       content_type="multipart/form-data")


def imported_session(app, client, content) -> WizardSession:
    response = upload(client, content)
    assert response.status_code == 303, response.get_data(as_text=True)
    return stored(app, response.location.split("/")[2])


def current(kb, profile: dict) -> dict:
    """`profile` as a file of today's format made with the loaded knowledge base."""
    return {"formaat_versie": FORMAT_VERSION, "kennisbank_versie": kb.version, **profile}


def counts(app) -> tuple[int, int]:
    with app.app_context():
        return db.session.query(WizardSession).count(), db.session.query(Advice).count()


def test_a_minimal_profile_marks_no_step_done_and_yields_no_advice(app, client, newest_kb):
    session = imported_session(app, client, current(newest_kb, {"gemeente": "Minimaal"}))
    assert session.completed_steps == []
    assert session.answers == {"gemeente": "Minimaal"}  # no default answers a question for the user
    overview = client.get(f"/wizard/{session.id}/overzicht").get_data(as_text=True)
    assert "Nog niet ingevuld" in overview and "Stel advies samen" not in overview
    before = counts(app)
    response = client.post(f"/advies/nieuw/{session.id}")
    assert response.status_code == 303 and response.location == f"/wizard/{session.id}/overzicht"
    assert counts(app) == before


def test_a_profile_exported_after_step_one_reimports_with_only_step_one_done(app, client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    exported = client.get(f"/wizard/{sid}/profiel.json").get_json()
    session = imported_session(app, client, exported)
    assert session.completed_steps == [1]
    assert session.answers["gemeente"] == "Voorbeeldstad" and session.answers["context"]["fase"] == "start"
    response = client.get(f"/wizard/{session.id}")
    assert response.location == f"/wizard/{session.id}/stap/2"  # resume continues where the file stopped


def test_the_export_carries_its_format_and_knowledge_base_version_and_no_bookkeeping(app, client):
    from wizard.models import WizardSession
    sid = new_session(client)
    complete(client, sid)
    exported = client.get(f"/wizard/{sid}/profiel.json").get_json()
    version = str(detached(app, WizardSession, sid).kb_version_id)
    assert exported["formaat_versie"] == 2 and exported["kennisbank_versie"] == version
    assert set(exported) == {"formaat_versie", "kennisbank_versie", "gemeente", "context", "doelgroepen",
                             "settings", "risico_indicaties", "factoren", "voorkeuren"}


def test_a_complete_export_reimports_with_every_step_done(app, client):
    sid = new_session(client)
    complete(client, sid)
    session = imported_session(app, client, client.get(f"/wizard/{sid}/profiel.json").get_json())
    assert session.completed_steps == [1, 2, 3, 4]
    assert client.post(f"/advies/nieuw/{session.id}").location.startswith("/advies/")


@pytest.mark.parametrize("change, incomplete", [
    (lambda p: p["context"].pop("online"), 1),              # the form asks it; the contract's default does not answer it
    (lambda p: p["context"].update(inwoners=None), 1),
    (lambda p: p.update(doelgroepen=[]), 2),                 # step 2 asks for at least one target group
    (lambda p: p.update(factoren=[]), 3),
    (lambda p: p.pop("voorkeuren"), 4),
])
def test_a_step_whose_answers_its_form_refuses_is_not_marked_done(app, client, newest_kb, change, incomplete):
    profile = json.loads(json.dumps(EXAMPLE))
    change(profile)
    session = imported_session(app, client, current(newest_kb, profile))
    assert session.completed_steps == [n for n in (1, 2, 3, 4) if n != incomplete]


@pytest.mark.parametrize("profile, message", [
    ({"gemeente": "X", "doelgroepen": ["jongeren", "jongeren"]},
     "‘Doelgroepen’ (stap 2): doelgroep &#39;jongeren&#39; staat er dubbel in."),
    ({"gemeente": "X", "factoren": [{"id": "mediawijsheid"}, {"id": "mediawijsheid", "prioriteit": "hoog"}]},
     "‘Beschermende factoren’ (stap 3): beschermende factor &#39;mediawijsheid&#39; staat er dubbel in."),
    ({"gemeente": "X", "context": {"verschijningsvormen": ["verticale-polarisatie", "verticale-polarisatie"]}},
     "‘Welke verschijnselen baren zorgen?’ (stap 1): verschijningsvorm &#39;verticale-polarisatie&#39; staat"),
])
def test_duplicates_in_a_profile_are_refused_naming_the_field(app, client, newest_kb, profile, message):
    before = counts(app)
    response = upload(client, current(newest_kb, profile))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert counts(app) == before


def test_a_wrong_choice_in_a_profile_is_named_by_its_question_in_dutch(client, newest_kb):
    html = upload(client, current(newest_kb, {"gemeente": "X", "context": {"inwoners": "reusachtig"}})).get_data(as_text=True)
    assert ("‘Grootte van de gemeente’ (stap 1): moet een van &#39;klein&#39;, &#39;middel&#39; of &#39;groot&#39; zijn."
            in html)


def test_the_step_post_refuses_duplicate_checkbox_values_and_changes_nothing(app, client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    before = stored(app, sid)
    response = client.post(f"/wizard/{sid}/stap/2", data={"doelgroepen": ["jongeren", "jongeren"], "settings": ["school"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Doelgroepen: Elke keuze mag er maar één keer in staan, niet twee keer: &#39;jongeren&#39;." in html
    assert 'href="#doelgroepen"' in html
    after = stored(app, sid)
    assert (after.answers, after.completed_steps) == (before.answers, before.completed_steps)


def test_an_old_profile_without_format_version_is_upgraded(app, client):
    assert "formaat_versie" not in EXAMPLE  # the example is a format-1 file, as exported before
    session = imported_session(app, client, EXAMPLE)
    assert session.completed_steps == [1, 2, 3, 4]
    assert session.answers["factoren"] == EXAMPLE["factoren"]


def test_an_old_profile_naming_vanished_ids_is_refused_with_those_ids(app, client):
    profile = {**EXAMPLE, "factoren": [{"id": "oude-factor", "prioriteit": "hoog"}, *EXAMPLE["factoren"]],
               "doelgroepen": ["jongeren", "pubers"], "gemeente": ""}
    before = counts(app)
    response = upload(client, profile)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Dit profiel is gemaakt met een oudere Bouwstenenwijzer (formaat 1)" in html
    assert "Deze ids bestaan niet meer in de huidige kennisbank" in html
    assert "doelgroep &#39;pubers&#39; bij ‘Doelgroepen’ (stap 2)" in html
    assert "beschermende factor &#39;oude-factor&#39; bij ‘Beschermende factoren’ (stap 3)" in html
    assert "‘Naam van de gemeente’ (stap 1): mag niet leeg zijn." in html  # other mistakes are reported on their own
    assert counts(app) == before


def test_a_profile_from_another_knowledge_base_version_names_its_vanished_ids(client, newest_kb):
    profile = {**EXAMPLE, "formaat_versie": 2, "kennisbank_versie": "2025-01-01-oud",
               "context": {**EXAMPLE["context"], "huidige_interventies": ["verdwenen-interventie"]}}
    html = upload(client, profile).get_data(as_text=True)
    assert "gemaakt met kennisbankversie 2025-01-01-oud" in html and f"(versie {newest_kb.version})" in html
    assert "interventie &#39;verdwenen-interventie&#39; bij ‘Welke interventies lopen al in uw gemeente?’ (stap 1)" in html


def test_unknown_ids_in_a_profile_of_the_current_version_are_plain_mistakes(client, newest_kb):
    html = upload(client, current(newest_kb, {"gemeente": "X", "doelgroepen": ["pubers"]})).get_data(as_text=True)
    assert "‘Doelgroepen’ (stap 2): onbekende doelgroep &#39;pubers&#39;." in html and "bestaan niet meer" not in html


@pytest.mark.parametrize("envelope, message", [
    ({"formaat_versie": 99}, "Het bestand heeft formaat 99 (formaat_versie); deze Bouwstenenwijzer leest profielen "
                             "van formaat 1 tot en met 2."),
    ({"formaat_versie": "2"}, "Het bestand heeft formaat &#39;2&#39;"),
    ({"formaat_versie": 2, "kennisbank_versie": 7}, "De kennisbankversie van het bestand (kennisbank_versie) moet tekst zijn, niet 7."),
])
def test_a_bad_format_or_knowledge_base_version_is_refused(app, client, envelope, message):
    before = counts(app)
    response = upload(client, {**EXAMPLE, **envelope})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert counts(app) == before


def test_a_file_that_is_not_an_object_is_refused(client):
    response = upload(client, [1, 2])
    assert response.status_code == 422 and "Het bestand is geen profiel: een profiel is een JSON-object" in response.get_data(as_text=True)


def test_with_csrf_on_the_import_still_judges_each_step_by_its_form(app, tmp_path):
    """The step forms check the imported answers, which carry no CSRF token of their own."""
    protected = make_app(tmp_path, DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], WTF_CSRF_ENABLED=True)
    client = protected.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/wizard/").get_data(as_text=True))
    response = client.post("/wizard/import", content_type="multipart/form-data", data={
        "csrf_token": token.group(1), "profiel": (io.BytesIO(json.dumps(EXAMPLE).encode()), "profiel.json")})
    assert response.status_code == 303
    assert stored(app, response.location.split("/")[2]).completed_steps == [1, 2, 3, 4]


def test_the_cli_reads_an_exported_profile_file_too(client, runner, tmp_path):
    sid = new_session(client)
    complete(client, sid)
    path = tmp_path / "profiel.json"
    path.write_bytes(client.get(f"/wizard/{sid}/profiel.json").data)
    result = runner.invoke(args=["advies", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["pakket"]


def test_the_cli_names_the_vanished_ids_of_an_old_profile(runner, tmp_path):
    path = tmp_path / "profiel.json"
    path.write_text(json.dumps({**EXAMPLE, "doelgroepen": ["pubers"]}))
    result = runner.invoke(args=["advies", str(path)])
    assert result.exit_code != 0 and "doelgroep 'pubers' bij ‘Doelgroepen’ (stap 2)" in result.output


@pytest.mark.parametrize("path, message, line", [
    ("gemeente", "mag niet leeg zijn", "‘Naam van de gemeente’ (stap 1): mag niet leeg zijn."),
    ("context", "moet een object zijn", "Stap 1 (Gemeente en lokale context): moet een object zijn."),
    ("factoren[2].prioriteit", "moet een van 'hoog' of 'normaal' zijn",
     "‘Hoge prioriteit’ (stap 3): moet een van 'hoog' of 'normaal' zijn."),
    ("factoren[0].id", "mag niet leeg zijn", "‘Beschermende factoren’ (stap 3): mag niet leeg zijn."),
    ("voorkeuren.max_interventies", "mag hoogstens 25 zijn",
     "‘Hoeveel interventies mag het pakket hoogstens tellen?’ (stap 4): mag hoogstens 25 zijn."),
    ("context.kleur", "is geen bekend veld", "Het bestand bevat een veld dat de vragenlijst niet kent: ‘kleur’."),
    ("profiel", "moet een object zijn", "Het profiel moet een object zijn."),
])
def test_a_profile_field_is_named_by_its_question_and_step(path, message, line):
    assert field_names.described(path, message) == line
