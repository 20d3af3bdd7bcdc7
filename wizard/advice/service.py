"""Create, store and edit advices. Every change is saved and the package rules re-checked by the
rule engine; the computed result itself is never overwritten, so the advice stays reproducible.

This module is the only one that writes an advice. Every edit and note is applied with
compare-and-set against the advice as it is stored now (wizard/revisions.py), so two people
editing one advice never lose each other's work. Each form names the revision its page showed
(`seen`); an edit that contradicts a change made after that revision (the same note, an
intervention someone else took out) is refused with EditConflict. For that the edit log records
the revision of every operation, and `notes[NOTE_REVISIONS]` the revision of each note's last change."""

from dataclasses import dataclass
from datetime import datetime, timezone

from rules.advise import advise, review
from rules.kb_changes import Change, package_changes
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from rules.text import text_problem
from wizard import revisions
from wizard.advice import edit_log
from wizard.extensions import db
from wizard.kb.access import knowledge_base, newest_id, version_id_of
from wizard.models import Advice
from wizard.questionnaire import steps

GENERAL_NOTE = "_algemeen"
NOTE_REVISIONS = "_revisies"  # reserved key in Advice.notes: note key -> revision of its last change
IN_DOCUMENT = "_in_document"  # reserved key in Advice.notes: the note keys chosen for the B&W document
_RESERVED = (NOTE_REVISIONS, IN_DOCUMENT)
MAX_NOTE = 2000


class EditRefused(ValueError):
    """A hand edit that makes no sense (unknown intervention, already in the package, ...)."""


class EditConflict(EditRefused):
    """An edit that contradicts what someone else changed after the revision the user saw."""


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


def note_texts(advice: Advice) -> dict[str, str]:
    """The notes by key (an intervention id or GENERAL_NOTE), without their bookkeeping."""
    return {key: text for key, text in advice.notes.items() if key not in _RESERVED}


def notes_in_document(advice: Advice) -> set[str]:
    """The keys of the notes the user chose to put in the B&W document (notes are internal by default)."""
    return set(advice.notes.get(IN_DOCUMENT, []))


def remove(advice: Advice, kb: KnowledgeBase, iid: str, seen: int | None = None) -> None:
    """Take `iid` out of the package. `seen`: the revision the user's page showed (None: unknown).

    :raise EditRefused: if it is not in the package; EditConflict if someone else took it out
        after `seen`. Afterwards `advice` holds what is stored, also when refused."""
    def change(fresh: Advice) -> dict:
        ids = package_ids(fresh)
        if iid not in ids:
            _refuse_absent(fresh, kb, iid, seen)
        return _package(fresh, kb, [i for i in ids if i != iid], {"actie": "verwijderd", "interventie": iid})
    _write(advice, change)


def swap(advice: Advice, kb: KnowledgeBase, iid: str, replacement: str, seen: int | None = None) -> None:
    """Replace `iid` by `replacement`; refused and conflicts as for `remove` and `add`."""
    def change(fresh: Advice) -> dict:
        ids = package_ids(fresh)
        if iid not in ids:
            _refuse_absent(fresh, kb, iid, seen)
        if replacement in ids:
            _refuse_present(fresh, kb, replacement, seen, "Kies een alternatief dat nog niet in het pakket staat.")
        if replacement not in kb.interventions or kb.interventions[replacement].withdrawn:
            raise EditRefused("Kies een alternatief dat nog niet in het pakket staat.")
        return _package(fresh, kb, [replacement if i == iid else i for i in ids],
                        {"actie": "gewisseld", "interventie": iid, "vervangen_door": replacement})
    _write(advice, change)


def add(advice: Advice, kb: KnowledgeBase, iid: str, seen: int | None = None) -> None:
    """Put `iid` into the package.

    :raise EditRefused: if it is unknown or already in; EditConflict if someone else put it in
        after `seen`."""
    def change(fresh: Advice) -> dict:
        if iid not in kb.interventions:
            raise EditRefused("Onbekende interventie.")
        if kb.interventions[iid].withdrawn:
            raise EditRefused("Deze interventie is teruggetrokken uit de kennisbank en kan niet meer worden toegevoegd.")
        ids = package_ids(fresh)
        if iid in ids:
            _refuse_present(fresh, kb, iid, seen, "Deze interventie staat al in het pakket.")
        return _package(fresh, kb, ids + [iid], {"actie": "toegevoegd", "interventie": iid})
    _write(advice, change)


def set_note(advice: Advice, kb: KnowledgeBase, key: str, text: str, seen: int | None = None,
             in_document: bool = False) -> None:
    """Save (or, when `text` is blank, clear) the note `key`: GENERAL_NOTE or an intervention in the package;
    `in_document` says whether the note goes into the B&W document (a cleared note never does).

    :raise EditRefused: if too long or not about an intervention in the package; EditConflict if
        someone else changed this note, or took its intervention out, after `seen`."""
    text = text.strip()
    if len(text) > MAX_NOTE:
        raise EditRefused(f"Notitie: hoogstens {MAX_NOTE} tekens.")
    if text and text_problem(text):
        raise EditRefused(f"Notitie {text_problem(text)}.")

    def change(fresh: Advice) -> dict | None:
        if key != GENERAL_NOTE and key not in package_ids(fresh):
            _refuse_absent(fresh, kb, key, seen, "Een notitie hoort bij een interventie in het pakket.",
                           " Uw notitie is niet opgeslagen.")
        notes = note_texts(fresh)
        chosen = set(fresh.notes.get(IN_DOCUMENT, []))
        wanted = (chosen | {key}) if in_document and text else (chosen - {key})
        if notes.get(key, "") == text:
            # the same text twice is no conflict; only the choice for the document may change
            return None if wanted == chosen else {"notes": {**fresh.notes, IN_DOCUMENT: sorted(wanted)}}
        changed_in = fresh.notes.get(NOTE_REVISIONS, {}).get(key, 0)
        if seen is not None and changed_in > seen:
            theirs = f"“{notes[key]}”" if key in notes else "de notitie is leeggemaakt"
            raise EditConflict(f"Iemand anders heeft deze notitie intussen gewijzigd: {theirs}. Uw tekst staat "
                               "nog in het veld en is niet opgeslagen; sla hem opnieuw op om de notitie te vervangen.")
        if text:
            notes[key] = text
        else:
            notes.pop(key, None)
        stamps = {**fresh.notes.get(NOTE_REVISIONS, {}), key: fresh.revision + 1}
        choice = {IN_DOCUMENT: sorted(wanted)} if wanted or IN_DOCUMENT in fresh.notes else {}
        return {"notes": {**notes, NOTE_REVISIONS: stamps, **choice}}
    _write(advice, change)


def hand_added(advice: Advice) -> set[str]:
    """Interventions the user put in by hand (added, or swapped in) and did not take out again."""
    return edit_log.hand_added(advice.edits)


def _write(advice: Advice, change) -> None:
    try:
        revisions.apply(Advice, advice.id, change)
    except revisions.WriteContended:
        raise EditConflict("Het advies werd op hetzelfde moment door anderen bewerkt; uw wijziging is niet "
                           "opgeslagen. Probeer het nog eens.") from None


def _package(fresh: Advice, kb: KnowledgeBase, ids: list[str], edit: dict) -> dict:
    """The new package and edit log; the edit is logged with the revision it creates."""
    profile = parse_profile(fresh.profile, kb)
    edit = {**edit, "op": datetime.now(timezone.utc).isoformat(timespec="seconds"), "revisie": fresh.revision + 1}
    edits = fresh.edits + [edit]
    current = review(profile, kb, [i for i in ids if i in kb.interventions], edit_log.hand_added(edits),
                     removed_by_hand=edit_log.hand_removed(edits)).to_json()
    return {"edits": edits, "current": current}


def _since(fresh: Advice, seen: int | None) -> list[dict]:
    """The logged edits made after revision `seen` (old edits carry no revision: before any)."""
    return [] if seen is None else [e for e in fresh.edits if e.get("revisie", 0) > seen]


def _name(kb: KnowledgeBase, iid: str) -> str:
    return kb.interventions[iid].name if iid in kb.interventions else iid


def _refuse_absent(fresh: Advice, kb: KnowledgeBase, iid: str, seen: int | None,
                   refusal: str = "Deze interventie staat niet in het pakket.", tail: str = " Er is niets gewijzigd.") -> None:
    for edit in reversed(_since(fresh, seen)):
        if edit["actie"] in ("verwijderd", "gewisseld") and edit["interventie"] == iid:
            how = (f"gewisseld voor {_name(kb, edit['vervangen_door'])}" if edit["actie"] == "gewisseld"
                   else "uit het pakket verwijderd")
            raise EditConflict(f"Iemand anders heeft {_name(kb, iid)} intussen {how}.{tail}")
    raise EditRefused(refusal)


def _refuse_present(fresh: Advice, kb: KnowledgeBase, iid: str, seen: int | None, refusal: str) -> None:
    for edit in reversed(_since(fresh, seen)):
        put_in = {"toegevoegd": edit["interventie"], "gewisseld": edit.get("vervangen_door")}.get(edit["actie"])
        if put_in == iid:
            raise EditConflict(f"Iemand anders heeft {_name(kb, iid)} intussen al aan het pakket toegevoegd. "
                               "Er is niets gewijzigd.")
    raise EditRefused(refusal)


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
    current = review(profile, new_kb, ids, added, removed_by_hand=hand_removed(advice) - set(ids)).to_json()
    changes = package_changes(old_kb, new_kb, package_ids(advice), ids)
    dropped_notes = [f"De notitie bij {old_kb.interventions[k].name if k in old_kb.interventions else k} hoort bij een "
                     "interventie die niet meer in het pakket staat; ze blijft bewaard maar wordt niet getoond."
                     for k in note_texts(advice) if k != GENERAL_NOTE and k not in ids]
    return Recalculation(new_kb, profile, steps.misfits(advice.profile, new_kb, old_kb), result, current,
                         changes, dropped, dropped_notes)


def accept_recalculation(advice: Advice, recalc: Recalculation, seen: int | None) -> None:
    """Take over the recalculation, unless the advice changed since the preview (revision `seen`)
    the user accepted: then they must see the new differences first.

    :raise EditConflict: if it changed."""
    seen = advice.revision if seen is None else seen

    def change(fresh: Advice) -> dict:
        if fresh.revision != seen:
            raise EditConflict("Het advies is intussen bewerkt; bekijk de herberekening opnieuw.")
        edit = {"actie": "herberekend", "kennisbank_versie": recalc.kb.version, "revisie": fresh.revision + 1,
                "op": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        return {"profile": recalc.profile.model_dump(mode="json"), "kb_version_id": version_id_of(recalc.kb),
                "kb_version": recalc.kb.version, "result": recalc.result, "current": recalc.current,
                "edits": [*fresh.edits, edit]}
    _write(advice, change)


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


def hand_removed(advice: Advice) -> set[str]:
    """Interventions the user took out of the package (removed, or swapped out) and did not put back."""
    return edit_log.hand_removed(advice.edits)
