"""Knowledge-base drafts: web edits validated like kb check, collected, and published as a version."""

import pytest

from rules.advise import advise
from rules.profile import parse_profile
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.access import knowledge_base
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.models import KnowledgeBaseDraft


@pytest.fixture
def draft(app):
    with app.app_context():
        draft = drafts.open_or_start(db.session, "beheerder@example.nl")
        db.session.commit()
        yield draft
        db.session.rollback()
        for open_one in db.session.query(KnowledgeBaseDraft).filter_by(status="open"):
            drafts.discard(open_one)
        db.session.commit()
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def test_a_wrong_field_is_refused_with_a_dutch_message_and_changes_nothing(draft):
    record = {**drafts.intervention_record(draft, "vip"), "trede": 9, "aangeboden": "soms"}
    with pytest.raises(drafts.DraftRefused) as caught:
        drafts.save_intervention(db.session, draft, record, None, "test", "beheerder@example.nl")
    assert ("trede", "mag hoogstens 5 zijn, niet 9") in caught.value.errors
    assert any(field == "aangeboden" for field, _ in caught.value.errors)
    assert drafts.intervention_record(draft, "vip")["trede"] == 3 and draft.changes == []


def test_a_change_needs_a_reason(draft):
    with pytest.raises(drafts.DraftRefused) as caught:
        drafts.save_intervention(db.session, draft, drafts.intervention_record(draft, "vip"), None, " ", "b@example.nl")
    assert caught.value.errors == [("reden", "geef een reden voor deze wijziging")]


def test_an_unknown_vocabulary_term_is_refused_like_kb_check_does(draft):
    record = {**drafts.intervention_record(draft, "vip"), "doelgroepen": ["pubers"]}
    with pytest.raises(drafts.DraftRefused) as caught:
        drafts.save_intervention(db.session, draft, record, None, "test", "b@example.nl")
    assert any("onbekende term 'pubers'" in message for _, message in caught.value.errors)


def test_edits_and_links_are_recorded_with_who_what_and_why_and_publish_as_a_version(draft):
    record = {**drafts.intervention_record(draft, "vip"), "aangeboden": "onbekend"}
    links = drafts.factor_links(draft, "vip") + ["mediawijsheid"]
    change = drafts.save_intervention(db.session, draft, record, links, "Aanbieder gebeld", "b@example.nl")
    assert change.fields["aangeboden"] == ("ja", "onbekend")
    assert change.fields["factoren"][1] == links
    entry = draft.changes[-1]
    assert (entry["record"], entry["reason"], entry["author"]) == ("interventie:vip", "Aanbieder gebeld", "b@example.nl")
    drafts.retire(db.session, draft, "diamant", "Bewezen niet effectief", "b@example.nl")
    version = drafts.publish_draft(db.session, draft, "b@example.nl")
    db.session.commit()
    kb = knowledge_base()
    assert kb.version == str(version.id)
    assert kb.interventions["vip"].offered == "onbekend" and "vip" in kb.factors["mediawijsheid"].intervention_ids
    assert kb.interventions["diamant"].withdrawn and kb.interventions["diamant"].status_reason == "Bewezen niet effectief"


def test_a_stale_draft_cannot_overwrite_a_newer_change(draft):
    stale = db.session.get(KnowledgeBaseDraft, draft.id)
    drafts.save_intervention(db.session, draft, {**drafts.intervention_record(draft, "vip"), "aangeboden": "nee"},
                             None, "eerste", "a@example.nl")
    db.session.commit()
    db.session.expire_all()
    other = KnowledgeBaseDraft(id=stale.id, base_version_id=stale.base_version_id, content=stale.content,
                               changes=[], revision=0, created_by="b")
    with pytest.raises(drafts.DraftRefused) as caught:
        drafts._apply(db.session, other, stale.content, drafts.Change("interventie:vip", {}, "tweede", "b"))
    assert "Iemand anders heeft het concept intussen gewijzigd" in str(caught.value)


def test_publishing_is_refused_when_another_version_came_first(draft, data_copy):
    drafts.save_intervention(db.session, draft, {**drafts.intervention_record(draft, "vip"), "aangeboden": "nee"},
                             None, "test", "a@example.nl")
    db.session.commit()
    path = data_copy / "interventies" / "diamant.yaml"
    path.write_text(path.read_text().replace('\naangeboden: "onbekend"\n', '\naangeboden: "ja"\n', 1))
    _, created = replace_knowledge_base(db.session, read_knowledge_base(data_copy))
    assert created
    with pytest.raises(drafts.DraftRefused) as caught:
        drafts.publish_draft(db.session, draft, "a@example.nl")
    assert "Sinds dit concept begon is versie" in str(caught.value)


def test_a_withdrawn_intervention_is_marked_in_the_catalogue_and_no_longer_proposed(app, draft, client):
    drafts.retire(db.session, draft, "vip", "Bewezen niet effectief", "b@example.nl")
    drafts.publish_draft(db.session, draft, "b@example.nl")
    db.session.commit()
    page = client.get("/interventies/vip").get_data(as_text=True)
    assert "Teruggetrokken uit de kennisbank" in page and "Bewezen niet effectief" in page
    kb = knowledge_base()
    factor = next(f for f in kb.factors.values() if "vip" in f.intervention_ids)
    advice = advise(parse_profile({"gemeente": "T", "factoren": [{"id": factor.id}]}, kb), kb).to_json()
    assert "vip" not in [p["interventie"] for p in advice["pakket"] + advice["alternatieven"]]
    assert {e["interventie"]: e["regel"] for e in advice["uitgesloten"]}.get("vip") == "F-TERUGGETROKKEN"
