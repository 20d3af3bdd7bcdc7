"""Create, store and edit advices. Every change is saved and the package rules re-checked by the
rule engine; the computed result itself is never overwritten, so the advice stays reproducible."""

from datetime import datetime, timezone

from rules.advise import advise, review
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from wizard.extensions import db
from wizard.models import Advice

GENERAL_NOTE = "_algemeen"
MAX_NOTE = 2000


class EditRefused(ValueError):
    """A hand edit that makes no sense (unknown intervention, already in the package, ...)."""


def create(profile: Profile, kb: KnowledgeBase, wizard_session_id: str | None = None) -> Advice:
    result = advise(profile, kb).to_json()
    advice = Advice(wizard_session_id=wizard_session_id, profile=profile.model_dump(mode="json"),
                    kb_version=kb.version, result=result, current=result, edits=[], notes={})
    db.session.add(advice)
    db.session.commit()
    return advice


def get_or_404(advice_id: str) -> Advice:
    """:raise 404: if no advice has this (unguessable) id."""
    return db.get_or_404(Advice, advice_id)


def package_ids(advice: Advice) -> list[str]:
    return [item["interventie"] for item in advice.current["pakket"]]


def remove(advice: Advice, kb: KnowledgeBase, iid: str) -> None:
    ids = package_ids(advice)
    if iid not in ids:
        raise EditRefused("Deze interventie staat niet in het pakket.")
    _apply(advice, kb, [i for i in ids if i != iid], {"actie": "verwijderd", "interventie": iid})


def swap(advice: Advice, kb: KnowledgeBase, iid: str, replacement: str) -> None:
    ids = package_ids(advice)
    if iid not in ids:
        raise EditRefused("Deze interventie staat niet in het pakket.")
    if replacement not in kb.interventions or replacement in ids:
        raise EditRefused("Kies een alternatief dat nog niet in het pakket staat.")
    _apply(advice, kb, [replacement if i == iid else i for i in ids],
           {"actie": "gewisseld", "interventie": iid, "vervangen_door": replacement})


def add(advice: Advice, kb: KnowledgeBase, iid: str) -> None:
    ids = package_ids(advice)
    if iid not in kb.interventions:
        raise EditRefused("Onbekende interventie.")
    if iid in ids:
        raise EditRefused("Deze interventie staat al in het pakket.")
    _apply(advice, kb, ids + [iid], {"actie": "toegevoegd", "interventie": iid})


def set_note(advice: Advice, key: str, text: str) -> None:
    notes = {**advice.notes}
    if text.strip():
        notes[key] = text.strip()
    else:
        notes.pop(key, None)
    advice.notes = notes
    db.session.commit()


def hand_added(advice: Advice) -> set[str]:
    """Interventions the user put in by hand (added, or swapped in) and did not take out again."""
    added = set()
    for edit in advice.edits:
        if edit["actie"] == "toegevoegd":
            added.add(edit["interventie"])
        elif edit["actie"] == "gewisseld":
            added.add(edit["vervangen_door"])
        elif edit["actie"] == "verwijderd":
            added.discard(edit["interventie"])
    return added


def hand_removed(advice: Advice) -> set[str]:
    """Interventions the user took out of the package (removed, or swapped out) and did not put back."""
    removed = set()
    for edit in advice.edits:
        if edit["actie"] == "verwijderd":
            removed.add(edit["interventie"])
        elif edit["actie"] == "gewisseld":
            removed.add(edit["interventie"])
            removed.discard(edit["vervangen_door"])
        elif edit["actie"] == "toegevoegd":
            removed.discard(edit["interventie"])
    return removed


def _apply(advice: Advice, kb: KnowledgeBase, ids: list[str], edit: dict) -> None:
    profile = parse_profile(advice.profile, kb)
    edit["op"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    edits = advice.edits + [edit]
    advice.edits = edits
    added = hand_added(advice)
    advice.current = review(profile, kb, [i for i in ids if i in kb.interventions], added,
                            removed_by_hand=hand_removed(advice)).to_json()
    db.session.commit()
