"""Create, store and edit advices. Every change is saved and the package rules re-checked by the
rule engine; the computed result itself is never overwritten, so the advice stays reproducible."""

from dataclasses import dataclass
from datetime import datetime, timezone

from rules.advise import advise, review
from rules.kb_changes import Change, package_changes
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from wizard.extensions import db
from wizard.kb.access import knowledge_base, newest_id, version_id_of
from wizard.models import Advice
from wizard.questionnaire import steps

GENERAL_NOTE = "_algemeen"
MAX_NOTE = 2000


class EditRefused(ValueError):
    """A hand edit that makes no sense (unknown intervention, already in the package, ...)."""


def create(profile: Profile, kb: KnowledgeBase, wizard_session_id: str | None = None) -> Advice:
    result = advise(profile, kb).to_json()
    advice = Advice(wizard_session_id=wizard_session_id, profile=profile.model_dump(mode="json"),
                    kb_version=kb.version, kb_version_id=version_id_of(kb), result=result, current=result,
                    edits=[], notes={})
    db.session.add(advice)
    db.session.commit()
    return advice


def get_or_404(advice_id: str) -> Advice:
    """:raise 404: if no advice has this (unguessable) id."""
    return db.get_or_404(Advice, advice_id)


def knowledge_base_of(advice: Advice) -> KnowledgeBase:
    """The version the advice was made with: it renders, explains and edits against that one.
    Advices from before versions existed are read against the newest."""
    return knowledge_base(advice.kb_version_id)


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
    if replacement not in kb.interventions or replacement in ids or kb.interventions[replacement].withdrawn:
        raise EditRefused("Kies een alternatief dat nog niet in het pakket staat.")
    _apply(advice, kb, [replacement if i == iid else i for i in ids],
           {"actie": "gewisseld", "interventie": iid, "vervangen_door": replacement})


def add(advice: Advice, kb: KnowledgeBase, iid: str) -> None:
    ids = package_ids(advice)
    if iid not in kb.interventions:
        raise EditRefused("Onbekende interventie.")
    if kb.interventions[iid].withdrawn:
        raise EditRefused("Deze interventie is teruggetrokken uit de kennisbank en kan niet meer worden toegevoegd.")
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


def _apply(advice: Advice, kb: KnowledgeBase, ids: list[str], edit: dict) -> None:
    profile = parse_profile(advice.profile, kb)
    edit["op"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    edits = advice.edits + [edit]
    advice.edits = edits
    added = hand_added(advice)
    advice.current = review(profile, kb, [i for i in ids if i in kb.interventions], added).to_json()
    db.session.commit()


@dataclass
class Recalculation:
    """What 'herbereken met de nieuwste kennisbank' would change, before the user accepts it."""
    kb: KnowledgeBase
    profile: Profile
    misfits: list[str]
    result: dict
    current: dict
    changes: list[Change]
    dropped_edits: list[str]
    dropped_notes: list[str]


def recalculation(advice: Advice) -> Recalculation | None:
    """The advice recomputed with the newest knowledge base, hand edits re-applied where they
    still can be; None when the advice already uses the newest version."""
    newest = newest_id()
    if newest is None or advice.kb_version_id == newest:
        return None
    old_kb, new_kb = knowledge_base_of(advice), knowledge_base(newest)
    answers = steps.still_valid(advice.profile, new_kb)
    profile = parse_profile(steps.profile(answers, new_kb).model_dump(mode="json"), new_kb)
    result = advise(profile, new_kb).to_json()
    ids, dropped = _replay(advice.edits, [p["interventie"] for p in result["pakket"]], new_kb, old_kb)
    added = {i for i in hand_added(advice) if i in ids}
    current = review(profile, new_kb, ids, added).to_json()
    changes = package_changes(old_kb, new_kb, package_ids(advice), ids)
    dropped_notes = [f"De notitie bij {old_kb.interventions[k].name if k in old_kb.interventions else k} hoort bij een "
                     "interventie die niet meer in het pakket staat; ze blijft bewaard maar wordt niet getoond."
                     for k in advice.notes if k != GENERAL_NOTE and k not in ids]
    return Recalculation(new_kb, profile, steps.misfits(advice.profile, new_kb, old_kb), result, current,
                         changes, dropped, dropped_notes)


def accept_recalculation(advice: Advice, recalc: Recalculation) -> None:
    advice.profile = recalc.profile.model_dump(mode="json")
    advice.kb_version_id, advice.kb_version = version_id_of(recalc.kb), recalc.kb.version
    advice.result, advice.current = recalc.result, recalc.current
    advice.edits = advice.edits + [{"actie": "herberekend", "kennisbank_versie": recalc.kb.version,
                                    "op": datetime.now(timezone.utc).isoformat(timespec="seconds")}]
    db.session.commit()


def _replay(edits: list[dict], ids: list[str], kb: KnowledgeBase, old_kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    """Apply the hand edits again to a newly computed package; say which no longer can be."""
    ids, dropped = list(ids), []

    def usable(iid: str) -> bool:
        return iid in kb.interventions and not kb.interventions[iid].withdrawn

    def name(iid: str) -> str:
        return (kb.interventions.get(iid) or old_kb.interventions.get(iid)).name if (
            iid in kb.interventions or iid in old_kb.interventions) else iid

    for edit in edits:
        action, iid = edit["actie"], edit.get("interventie")
        if action == "verwijderd" and iid in ids:
            ids.remove(iid)
        elif action in ("toegevoegd", "gewisseld"):
            new = edit.get("vervangen_door") or iid
            if action == "gewisseld" and iid in ids:
                ids.remove(iid)
            if not usable(new):
                dropped.append(f"Uw toevoeging van {name(new)} kan niet meer: de interventie is niet meer "
                               "beschikbaar in de nieuwste kennisbank.")
            elif new not in ids:
                ids.append(new)
    return ids, dropped
