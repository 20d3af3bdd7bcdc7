"""Knowledge-base versions: a reload never silently changes work people stored earlier.

The scenario of the foundation issue: rename an intervention and a factor (their ids stay), delete
another intervention, reload; an old advice still renders, edits, keeps every note, answers "Waarom
niet?" for every alternative, and offers the recalculation with its differences."""

import json
import re

import pytest
import yaml
from markupsafe import escape

from tests.helpers import detached
from tests.wizard.test_advice import make_advice
from tests.wizard.test_questionnaire import new_session
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.models import Advice, KnowledgeBaseVersion, WizardSession

FACTORS = ("mediawijsheid", "positieve-opvoedstijl")


@pytest.fixture
def reload(app):
    """Load a changed copy of data/ as a new version; afterwards the real data is the newest again."""
    def load(data_dir):
        with app.app_context():
            version, created = replace_knowledge_base(db.session, read_knowledge_base(data_dir))
            assert created
            return version.id
    yield load
    with app.app_context():
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def set_name(path, new_name):
    """Give the intervention in `path` a new name; return the old one."""
    text = path.read_text()
    old = yaml.safe_load(text)["naam"]
    path.write_text(re.sub(r"^naam: .*$", f"naam: {json.dumps(new_name)}", text, count=1, flags=re.M))
    return old


def test_an_old_advice_survives_renames_and_a_deletion(app, client, data_copy, reload):
    advice_id = make_advice(client, factors=FACTORS)
    before = detached(app, Advice, advice_id)
    package = [p["interventie"] for p in before.current["pakket"]]
    assert len(package) >= 3
    renamed, deleted, kept = package[0], package[1], package[2]
    for iid in (renamed, kept):
        assert client.post(f"/advies/{advice_id}/notitie", data={"interventie": iid, "notitie": f"Notitie bij {iid}",
                                                                  "in_document": "ja"}).status_code == 303

    # rename an intervention and a factor (ids stay), delete another intervention and its links
    old_name = set_name(data_copy / "interventies" / f"{renamed}.yaml", "Hernoemde interventie")
    factor_file = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    factor_file.write_text(factor_file.read_text().replace("naam: Mediawijsheid\n", "naam: Mediawijsheid (hernoemd)\n", 1))
    (data_copy / "interventies" / f"{deleted}.yaml").unlink()
    for path in (data_copy / "bouwstenen").glob("*.yaml"):
        path.write_text(re.sub(rf"^\s+- {re.escape(deleted)}\n", "", path.read_text(), flags=re.M))
    new_version = reload(data_copy)

    page = client.get(f"/advies/{advice_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert old_name in html and "Hernoemde interventie" not in html  # read against its own version
    for iid in (renamed, kept):
        assert f"Notitie bij {iid}" in html
    assert "Herbereken met de nieuwste kennisbank" in html
    council = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    assert f"Notitie bij {kept}" in council and f"Notitie bij {renamed}" in council

    after = detached(app, Advice, advice_id)
    for alternative in after.current["alternatieven"] + [{"interventie": e["interventie"]} for e in after.current["uitgesloten"]]:
        response = client.get(f"/advies/{advice_id}/waarom", query_string={"interventie": alternative["interventie"]})
        assert response.status_code == 200, alternative

    # an edit works against the advice's own version: the deleted intervention can still be removed
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": deleted}).status_code == 303
    edited = detached(app, Advice, advice_id)
    assert [p["interventie"] for p in edited.current["pakket"]] == [i for i in package if i != deleted]
    assert set(edited.notes) >= {renamed, kept}
    assert edited.kb_version_id == before.kb_version_id != new_version

    preview = client.get(f"/advies/{advice_id}/herberekenen")
    assert preview.status_code == 200
    text = preview.get_data(as_text=True)
    assert f"{old_name} heet nu Hernoemde interventie" in text
    accepted = client.post(f"/advies/{advice_id}/herberekenen")
    assert accepted.status_code == 303
    recomputed = detached(app, Advice, advice_id)
    assert recomputed.kb_version_id == new_version
    ids = [p["interventie"] for p in recomputed.current["pakket"]]
    assert deleted not in ids  # removed by hand before, and gone from the knowledge base
    assert recomputed.edits[-1]["actie"] == "herberekend"
    assert recomputed.notes == edited.notes  # notes are never thrown away


def test_recalculation_names_a_deleted_intervention(app, client, data_copy, reload):
    advice_id = make_advice(client, factors=FACTORS)
    deleted = detached(app, Advice, advice_id).current["pakket"][0]["interventie"]
    name = yaml.safe_load((data_copy / "interventies" / f"{deleted}.yaml").read_text())["naam"]
    (data_copy / "interventies" / f"{deleted}.yaml").unlink()
    for path in (data_copy / "bouwstenen").glob("*.yaml"):
        path.write_text(re.sub(rf"^\s+- {re.escape(deleted)}\n", "", path.read_text(), flags=re.M))
    reload(data_copy)
    text = client.get(f"/advies/{advice_id}/herberekenen").get_data(as_text=True)
    assert f"{name} staat niet meer in de kennisbank" in text
    assert client.get(f"/advies/{advice_id}").status_code == 200


def test_a_questionnaire_keeps_its_version_and_names_answers_that_no_longer_fit(app, client, data_copy, reload):
    from rules.definitions import ALL_RULES
    factor_file = data_copy / "bouwstenen" / "4-sociale-omgeving.yaml"
    text = factor_file.read_text()
    named_by_rules = {f for rule in ALL_RULES for f in rule.factors}
    ids = re.findall(r"^      - id: (\S+)$", text, flags=re.M)
    fid = next(f for f in ids if f not in named_by_rules)  # a rule naming it would stop the load
    name = next(f["naam"] for t in yaml.safe_load(text)["themas"] for f in t["factoren"] if f["id"] == fid)
    sid = new_session(client)
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": [fid]}).status_code == 303
    factor_file.write_text(text.replace(f"- id: {fid}\n", f"- id: {fid}-nieuw\n", 1))
    reload(data_copy)

    # the resume link keeps the choice: the session answers against the version it began with
    step3 = client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)
    assert re.search(rf'value="{fid}"[^>]*checked', step3)
    overview = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "Stap over op de nieuwste kennisbank" in overview
    assert client.post(f"/wizard/{sid}/kennisbank").status_code == 303
    overview = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert f"De beschermende factor {escape(repr(name))} bestaat niet meer in de nieuwste kennisbank" in overview
    session = detached(app, WizardSession, sid)
    assert session.answers["factoren"] == [{"id": fid, "prioriteit": "normaal"}]  # stored, not dropped


def test_every_load_adds_a_version_and_keeps_the_earlier_ones(app, data_copy, reload):
    with app.app_context():
        before = db.session.query(KnowledgeBaseVersion).count()
    path = data_copy / "interventies" / "vip.yaml"
    path.write_text(path.read_text().replace("\naangeboden: ja\n", "\naangeboden: onbekend\n", 1))
    new_id = reload(data_copy)
    with app.app_context():
        assert db.session.query(KnowledgeBaseVersion).count() == before + 1
        assert db.session.get(KnowledgeBaseVersion, new_id - 1) is not None


def test_accepting_a_recalculation_after_someone_edited_shows_the_new_differences_first(app, client, data_copy, reload):
    advice_id = make_advice(client, factors=FACTORS)
    path = data_copy / "interventies" / "vip.yaml"
    path.write_text(path.read_text().replace("\naangeboden: ja\n", "\naangeboden: onbekend\n", 1))
    reload(data_copy)
    seen = detached(app, Advice, advice_id).revision
    first = detached(app, Advice, advice_id).current["pakket"][0]["interventie"]
    assert client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": first}).status_code == 303
    response = client.post(f"/advies/{advice_id}/herberekenen", data={"revisie": seen})
    assert response.status_code == 409
    assert "Het advies is intussen bewerkt" in response.get_data(as_text=True)
    stored = detached(app, Advice, advice_id)
    assert stored.edits[-1]["actie"] == "verwijderd"  # not recalculated


def test_an_advice_marks_an_item_that_a_newer_version_withdrew(app, client, data_copy, reload):
    advice_id = make_advice(client, factors=FACTORS)
    iid = detached(app, Advice, advice_id).current["pakket"][0]["interventie"]
    path = data_copy / "interventies" / f"{iid}.yaml"
    path.write_text(path.read_text() + "status: teruggetrokken\nstatus_reden: Bewezen niet effectief.\n")
    reload(data_copy)
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    assert "Inmiddels teruggetrokken uit de kennisbank." in page and "Bewezen niet effectief." in page
    preview = client.get(f"/advies/{advice_id}/herberekenen").get_data(as_text=True)
    assert "teruggetrokken" in preview and "staat niet meer in het pakket" in preview


def test_a_questionnaire_explains_its_choices_from_its_own_version(client, data_copy, reload):
    """The choices of a step are its own version's terms: their explanations come from that
    version too, not from a newer one published while the questionnaire was open."""
    old_text = "Een kleine gemeente, vaak met weinig eigen capaciteit voor dit thema."
    new_text = 'Nieuwe uitleg <b>"klein"</b>'
    vocabularies = data_copy / "vocabulaires.yaml"
    source = vocabularies.read_text(encoding="utf-8")
    assert source.count(old_text) == 1
    old_session = new_session(client)
    vocabularies.write_text(source.replace(old_text, f"'{new_text}'"), encoding="utf-8")  # a YAML string in quotes
    reload(data_copy)
    new_session_id = new_session(client)
    old_page = client.get(f"/wizard/{old_session}/stap/1").get_data(as_text=True)
    new_page = client.get(f"/wizard/{new_session_id}/stap/1").get_data(as_text=True)
    assert old_text in old_page and "Nieuwe uitleg" not in old_page
    assert str(escape(new_text)) in new_page and old_text not in new_page and "<b>" not in new_page
