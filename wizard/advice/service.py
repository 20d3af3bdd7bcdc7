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

import sqlalchemy as sa

from rules.advise import advise, review
from rules.kb_changes import Change, package_changes
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from rules.text import text_problem
from wizard import actor, audit, revisions
from wizard.advice import edit_log, versions
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
                    edits=[], notes={}, version=1, version_made_by=actor.current_actor(), version_cause=versions.COMPOSED)
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
    computed = [p["interventie"] for p in result["pakket"]]
    carried = versions.carry_over(advice.edits, computed, new_kb, old_kb, _shown_note_keys(advice))
    ids = carried.ids
    current = _reviewed(profile, new_kb, ids, advice.edits)
    changes = package_changes(old_kb, new_kb, package_ids(advice), ids)
    dropped, dropped_notes = carried.dropped_edits, carried.dropped_notes
    return Recalculation(new_kb, profile, steps.misfits(advice.profile, new_kb, old_kb), result, current,
                         changes, dropped, dropped_notes)


def _shown_note_keys(advice: Advice) -> list[str]:
    """The notes that belong to an intervention (not the general note)."""
    return [key for key in note_texts(advice) if key != GENERAL_NOTE]


def _reviewed(profile: Profile, kb: KnowledgeBase, ids: list[str], edits: list[dict]) -> dict:
    """The package `ids` re-checked by the rules, marking what the log says was put in or taken out by hand."""
    return review(profile, kb, ids, edit_log.hand_added(edits) & set(ids),
                  removed_by_hand=edit_log.hand_removed(edits) - set(ids)).to_json()


def accept_recalculation(advice: Advice, recalc: Recalculation, seen: int | None) -> None:
    """Take over the recalculation as a new version of the advice, unless the advice changed
    since the preview (revision `seen`) the user accepted: then they must see the new differences first.

    :raise EditConflict: if it changed."""
    seen = advice.revision if seen is None else seen

    def change(fresh: Advice) -> dict:
        if fresh.revision != seen:
            raise EditConflict("Het advies is intussen bewerkt; bekijk de herberekening opnieuw.")
        return _version_values(fresh, recalc.profile, recalc.kb, recalc.result, recalc.current,
                               {"actie": "herberekend", "kennisbank_versie": recalc.kb.version},
                               versions.recalculated(recalc.kb.version),
                               recalc.misfits + recalc.dropped_edits + recalc.dropped_notes)
    _write_version(advice, change)


@dataclass(frozen=True)
class Recomposed:
    """What composing a questionnaire's answers again did to its advice."""
    number: int           # the version the advice is at now
    new: bool             # False: answers and knowledge base were unchanged, so no version was made
    dropped: list[str]    # the hand edits and notes that no longer apply


def advice_of_session(sid: str) -> Advice | None:
    """The advice composed from questionnaire `sid` (the newest one, for questionnaires that got
    several advices before versions existed)."""
    return db.session.scalars(sa.select(Advice).where(Advice.wizard_session_id == sid)
                              .order_by(Advice.created_at.desc()).limit(1)).first()


def recompose_knowledge_base(session, advice: Advice | None) -> KnowledgeBase:
    """The version to compose questionnaire `session` with: its own, unless its advice was already
    recalculated with a newer one; an advice never goes back to an older knowledge base."""
    newer = advice is not None and (advice.kb_version_id or 0) > (session.kb_version_id or 0)
    return knowledge_base(advice.kb_version_id if newer else session.kb_version_id)


def recompose(advice: Advice, profile: Profile, kb: KnowledgeBase, misfits: list[str] = ()) -> Recomposed:
    """Compose the advice again from changed answers (`profile`, against `kb`, the questionnaire's
    knowledge base) as its next version: hand edits and notes carried over where they still apply
    (wizard/advice/versions.py), the version replaced kept as a snapshot. With the same answers and
    knowledge base nothing is written. `misfits`: the answers `kb` no longer knows
    (steps.misfits), listed with what did not carry over.

    Written with compare-and-set: if someone edits the advice meanwhile, the carry-over is done
    again on what they stored, so their edit comes along too.

    :raise EditConflict: if other writers keep winning."""
    result = advise(profile, kb).to_json()
    answers, kb_id = profile.model_dump(mode="json"), version_id_of(kb)
    computed = [p["interventie"] for p in result["pakket"]]
    outcome: dict = {}

    def change(fresh: Advice) -> dict | None:
        outcome.clear()
        if fresh.profile == answers and fresh.kb_version_id == kb_id and fresh.kb_version == kb.version:
            return None
        carried = versions.carry_over(fresh.edits, computed, kb, knowledge_base_of(fresh), _shown_note_keys(fresh))
        kb_moved = fresh.kb_version_id != kb_id or fresh.kb_version != kb.version
        dropped = [*misfits, *carried.dropped]
        outcome.update(dropped=dropped)
        return _version_values(fresh, profile, kb, result, _reviewed(profile, kb, carried.ids, fresh.edits),
                               {"actie": "nieuwe-versie"},
                               versions.recomposed_cause(fresh.profile != answers, kb.version if kb_moved else None),
                               dropped)
    stored = _write_version(advice, change)
    return Recomposed(stored.version, bool(outcome), outcome.get("dropped", []))


def _version_values(fresh: Advice, profile: Profile, kb: KnowledgeBase, result: dict, current: dict,
                    entry: dict, cause: str, dropped: list[str]) -> dict:
    """The columns of the next version of `fresh`; `entry` (its action) is logged with the version
    number (`versie`), who made it and when."""
    now = datetime.now(timezone.utc)
    entry = {**entry, "versie": fresh.version + 1, "door": actor.current_actor(), "op": now.isoformat(timespec="seconds"),
             "revisie": fresh.revision + 1}
    return {"profile": profile.model_dump(mode="json"), "kb_version_id": version_id_of(kb), "kb_version": kb.version,
            "result": result, "current": current, "edits": [*fresh.edits, entry], "version": fresh.version + 1,
            "version_made_at": now, "version_made_by": entry["door"], "version_cause": cause, "version_dropped": dropped}


def _write_version(advice: Advice, change) -> Advice:
    """Write a new version; the one it replaces is frozen as an AdviceVersion row, and the
    audit log names both numbers, in the same transaction as the write."""
    def keep(replaced: Advice, values: dict) -> None:
        db.session.add(versions.snapshot_row(replaced))
        audit.record("adviesversie gemaakt", target=f"advies:{replaced.id}",
                     changes={"versie": (replaced.version, values["version"])}, reason=values["version_cause"])
    try:
        return revisions.apply(Advice, advice.id, change, also=keep)
    except revisions.WriteContended:
        raise EditConflict("Het advies werd op hetzelfde moment door anderen bewerkt; er is geen nieuwe versie "
                           "gemaakt. Probeer het nog eens.") from None


def hand_removed(advice: Advice) -> set[str]:
    """Interventions the user took out of the package (removed, or swapped out) and did not put back."""
    return edit_log.hand_removed(advice.edits)
