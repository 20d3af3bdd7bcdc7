"""Create, store and edit advices. Every change is saved and the package rules re-checked by the
rule engine; the computed result itself is never overwritten, so the advice stays reproducible.

This module is the only one that writes an advice. Every edit and note is applied with
compare-and-set against the advice as it is stored now (wizard/revisions.py), so two people
editing one advice never lose each other's work. Each form names the revision its page showed
(`seen`); an edit that contradicts a change made after that revision (the same note, an
intervention someone else took out) is refused with EditConflict. For that the edit log records
the revision of every operation, and `notes[NOTE_REVISIONS]` the revision of each note's last change.

Every edit and note also records who made it and when (`door`, `op`; for notes in
`notes[NOTE_AUTHORS]`), and goes to the audit log directly after its compare-and-set write has
committed (that write commits inside revisions.apply, which may retry, so the audit row cannot
share its transaction without being written for a lost attempt too).

An override (afwijking) - taking out an intervention the rules chose, or putting in one they
excluded - needs a reason (`reden`, stored on the edit with `afwijking: True`, and with
`reden_in_document: True` when it is to be shown in the B&W document). Swapping a chosen
intervention for an alternative the rules offered in its place is no override: a reason may be
given, but need not be."""

from dataclasses import dataclass
from datetime import datetime, timezone

from flask_security import current_user

from rules.advise import advise, review
from rules.kb_changes import Change, package_changes
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from rules.text import text_problem
from wizard import audit, revisions
from wizard import actor as actors  # the module, not its names: wizard.actor imports wizard.advice
from wizard.advice import edit_log
from wizard.extensions import db
from wizard.kb.access import knowledge_base, newest_id, version_id_of
from wizard.models import Advice
from wizard.questionnaire import steps

GENERAL_NOTE = "_algemeen"
NOTE_REVISIONS = "_revisies"  # reserved key in Advice.notes: note key -> revision of its last change
IN_DOCUMENT = "_in_document"  # reserved key in Advice.notes: the note keys chosen for the B&W document
NOTE_AUTHORS = "_auteurs"  # reserved key in Advice.notes: note key -> {"door", "op"} of its last change
_RESERVED = (NOTE_REVISIONS, IN_DOCUMENT, NOTE_AUTHORS)
MAX_NOTE = 2000
MAX_REASON = 500
# causes for leaving an intervention out that are no verdict against it: taken out by hand, or not
# linked to any factor the user chose (the rules have nothing to say about it). Adding one of
# those is no override; adding one left out for any other cause (a filter on the user's own
# preferences, a duplicate, a filled track, a full package, ...) is.
NO_VERDICT_RULES = frozenset({"UIT-HANDMATIG", "F-AANSLUITING", "UIT-GEEN-KOPPELING"})


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


def remove(advice: Advice, kb: KnowledgeBase, iid: str, seen: int | None = None, reason: str = "",
           reason_in_document: bool = False, actor: str | None = None) -> int | None:
    """Take `iid` out of the package. `seen`: the revision the user's page showed (None: unknown);
    `reason`: why (required when the rules chose `iid`); `actor`: who (default: current_actor()).
    Returns the revision written.

    :raise EditRefused: if it is not in the package, or a required reason is missing or invalid;
        EditConflict if someone else took it out after `seen`. Afterwards `advice` holds what is
        stored, also when refused."""
    reason = _valid_reason(reason)
    actor = actor or actors.current_actor()

    def change(fresh: Advice) -> dict:
        ids = package_ids(fresh)
        if iid not in ids:
            _refuse_absent(fresh, kb, iid, seen)
        override = iid in computed_ids(fresh)
        if override and not reason:
            raise EditRefused(f"Reden: {intervention_name(kb, iid)} is door de regels gekozen. Geef aan waarom u haar uit het "
                              "pakket haalt. Er is niets gewijzigd.")
        return _package(fresh, kb, [i for i in ids if i != iid],
                        _override({"actie": "verwijderd", "interventie": iid}, override, reason, reason_in_document), actor)
    written = _write(advice, change)
    _audit(advice, written, "interventie verwijderd", actor, {"interventie": (iid, None)}, reason)
    return written


def swap(advice: Advice, kb: KnowledgeBase, iid: str, replacement: str, seen: int | None = None, reason: str = "",
         reason_in_document: bool = False, actor: str | None = None) -> int | None:
    """Replace `iid` by `replacement`; refused and conflicts as for `remove` and `add`. A reason is
    optional for an alternative the rules offered in place of `iid`; for any other replacement
    it is required as for removing `iid` and adding `replacement`."""
    reason = _valid_reason(reason)
    actor = actor or actors.current_actor()

    def change(fresh: Advice) -> dict:
        ids = package_ids(fresh)
        if iid not in ids:
            _refuse_absent(fresh, kb, iid, seen)
        if replacement in ids:
            _refuse_present(fresh, kb, replacement, seen, "Kies een alternatief dat nog niet in het pakket staat.")
        if replacement not in kb.interventions or kb.interventions[replacement].withdrawn:
            raise EditRefused("Kies een alternatief dat nog niet in het pakket staat.")
        offered = any(a["interventie"] == replacement and a["in_plaats_van"] == iid
                      for a in fresh.current.get("alternatieven", []))
        override = not offered and (iid in computed_ids(fresh) or excluded_by_rules(fresh, replacement) is not None)
        if override and not reason:
            raise EditRefused(f"Reden: {intervention_name(kb, replacement)} is geen alternatief dat de regels voor "
                              f"{intervention_name(kb, iid)} aanbieden. Geef aan waarom u wisselt. Er is niets gewijzigd.")
        edit = {"actie": "gewisseld", "interventie": iid, "vervangen_door": replacement}
        return _package(fresh, kb, [replacement if i == iid else i for i in ids],
                        _override(edit, override, reason, reason_in_document), actor)
    written = _write(advice, change)
    _audit(advice, written, "interventie gewisseld", actor, {"interventie": (iid, replacement)}, reason)
    return written


def add(advice: Advice, kb: KnowledgeBase, iid: str, seen: int | None = None, reason: str = "",
        reason_in_document: bool = False, actor: str | None = None) -> int | None:
    """Put `iid` into the package; `reason` is required when the rules excluded it.

    :raise EditRefused: if it is unknown or already in, or a required reason is missing or
        invalid; EditConflict if someone else put it in after `seen`."""
    reason = _valid_reason(reason)
    actor = actor or actors.current_actor()

    def change(fresh: Advice) -> dict:
        if iid not in kb.interventions:
            raise EditRefused("Onbekende interventie.")
        if kb.interventions[iid].withdrawn:
            raise EditRefused("Deze interventie is teruggetrokken uit de kennisbank en kan niet meer worden toegevoegd.")
        ids = package_ids(fresh)
        if iid in ids:
            _refuse_present(fresh, kb, iid, seen, "Deze interventie staat al in het pakket.")
        exclusion = excluded_by_rules(fresh, iid)
        if exclusion is not None and not reason:
            raise EditRefused(f"Reden: de regels sluiten {intervention_name(kb, iid)} uit ({exclusion['tekst'].rstrip('.')}). Geef aan "
                              "waarom u haar toch toevoegt. Er is niets gewijzigd.")
        return _package(fresh, kb, ids + [iid],
                        _override({"actie": "toegevoegd", "interventie": iid}, exclusion is not None, reason,
                                  reason_in_document), actor)
    written = _write(advice, change)
    _audit(advice, written, "interventie toegevoegd", actor, {"interventie": (None, iid)}, reason)
    return written


def undo(advice: Advice, kb: KnowledgeBase, seen: int | None = None, actor: str | None = None) -> int | None:
    """Undo the newest package edit or restore that is not undone yet ("maak laatste bewerking
    ongedaan"), as a new "ongedaan" entry: the history keeps both. Undoing a restore brings the
    edits before it back; undoing again undoes the edit before.

    :raise EditRefused: if there is nothing to undo; EditConflict if someone else edited the
        package after `seen` (the user would undo an edit they have not seen)."""
    actor = actor or actors.current_actor()
    target: dict = {}

    def change(fresh: Advice) -> dict:
        _refuse_if_edited_since(fresh, kb, seen, "er is niets ongedaan gemaakt")
        last = edit_log.last_undoable(fresh.edits)
        if last is None:
            raise EditRefused("Er is geen bewerking om ongedaan te maken.")
        if last.get("revisie") is None:
            raise EditRefused("De laatste bewerking is van vóór het bijhouden van bewerkingen en kan niet los "
                              "ongedaan worden gemaakt. Gebruik ‘Herstel het berekende advies’.")
        target.clear()
        target.update(last)
        return _replayed(fresh, kb, {"actie": "ongedaan", "maakt_ongedaan": last["revisie"]}, actor)
    written = _write(advice, change)
    _audit(advice, written, "bewerking ongedaan gemaakt", actor,
           {"bewerking": (describe_edit(target, kb), None)}, None)
    return written


def restore(advice: Advice, kb: KnowledgeBase, seen: int | None = None, actor: str | None = None) -> int | None:
    """Go back to the package the rule engine computed ("herstel het berekende advies"), as a new
    "hersteld" entry; notes stay, and undo brings the edits back.

    :raise EditRefused: if the package already is the computed one; EditConflict if someone else
        edited the package after `seen`."""
    actor = actor or actors.current_actor()

    def change(fresh: Advice) -> dict:
        _refuse_if_edited_since(fresh, kb, seen, "het berekende advies is niet hersteld")
        if not edit_log.effective_edits(fresh.edits):
            raise EditRefused("Het pakket is al het berekende advies; er is niets hersteld.")
        return _replayed(fresh, kb, {"actie": "hersteld"}, actor)
    written = _write(advice, change)
    _audit(advice, written, "berekend advies hersteld", actor,
           {"pakket": (None, computed_ids(advice))} if written else None, None)
    return written


def computed_ids(advice: Advice) -> list[str]:
    """The package the rule engine computed for this advice (before any hand edit)."""
    return [item["interventie"] for item in advice.result["pakket"]]


def excluded_by_rules(advice: Advice, iid: str) -> dict | None:
    """The exclusion (rule and text) with which the rules keep `iid` out of the package, or None if
    they do not: it is an alternative, chosen by the rules and only taken out by hand, or left
    out for a cause in NO_VERDICT_RULES."""
    return exclusions_by_rules(advice).get(iid)


def exclusions_by_rules(advice: Advice) -> dict[str, dict]:
    """excluded_by_rules for every intervention at once: id -> exclusion. The current advice
    judges against the package as it is now; the computed one still knows the cause of an
    intervention that is now only marked as taken out by hand."""
    chosen = set(computed_ids(advice))
    found: dict[str, dict] = {}
    for exclusions in (advice.result.get("uitgesloten", []), advice.current.get("uitgesloten", [])):
        found.update({e["interventie"]: e for e in exclusions
                      if e["regel"] not in NO_VERDICT_RULES and e["interventie"] not in chosen})
    return found


def describe_edit(edit: dict, kb: KnowledgeBase, by_revision: dict[int, dict] | None = None) -> str:
    """One edit-log entry as a Dutch phrase, without its author and time ("X verwijderd")."""
    action = edit.get("actie")
    if action == "verwijderd":
        return f"{intervention_name(kb, edit['interventie'])} verwijderd"
    if action == "toegevoegd":
        return f"{intervention_name(kb, edit['interventie'])} toegevoegd"
    if action == "gewisseld":
        return f"{intervention_name(kb, edit['interventie'])} gewisseld voor {intervention_name(kb, edit['vervangen_door'])}"
    if action == "hersteld":
        return "berekend advies hersteld"
    if action == "ongedaan":
        undone = (by_revision or {}).get(edit.get("maakt_ongedaan"))
        return f"ongedaan gemaakt: {describe_edit(undone, kb)}" if undone else "een bewerking ongedaan gemaakt"
    if action == "herberekend":
        return f"herberekend met kennisbank versie {edit.get('kennisbank_versie', '')}".rstrip()
    if action == "nieuwe-versie":
        return f"nieuwe versie {edit.get('versie', '')} samengesteld uit gewijzigde antwoorden".replace("  ", " ")
    return str(action)


def set_note(advice: Advice, kb: KnowledgeBase, key: str, text: str, seen: int | None = None,
             in_document: bool = False, actor: str | None = None) -> int | None:
    """Save (or, when `text` is blank, clear) the note `key`: GENERAL_NOTE or an intervention in the package;
    `in_document` says whether the note goes into the B&W document (a cleared note never does).

    :raise EditRefused: if too long or not about an intervention in the package; EditConflict if
        someone else changed this note, or took its intervention out, after `seen`."""
    text = text.strip()
    if len(text) > MAX_NOTE:
        raise EditRefused(f"Notitie: hoogstens {MAX_NOTE} tekens.")
    if text and text_problem(text):
        raise EditRefused(f"Notitie {text_problem(text)}.")
    actor = actor or actors.current_actor()
    before: dict = {}

    def change(fresh: Advice) -> dict | None:
        if key != GENERAL_NOTE and key not in package_ids(fresh):
            _refuse_absent(fresh, kb, key, seen, "Een notitie hoort bij een interventie in het pakket.",
                           " Uw notitie is niet opgeslagen.")
        notes = note_texts(fresh)
        before["text"] = notes.get(key)
        chosen = set(fresh.notes.get(IN_DOCUMENT, []))
        wanted = (chosen | {key}) if in_document and text else (chosen - {key})
        before["in_document"], before["wanted"] = key in chosen, key in wanted
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
        authors = {**fresh.notes.get(NOTE_AUTHORS, {}), key: {"door": actor, "op": _now()}}
        choice = {IN_DOCUMENT: sorted(wanted)} if wanted or IN_DOCUMENT in fresh.notes else {}
        return {"notes": {**notes, NOTE_REVISIONS: stamps, NOTE_AUTHORS: authors, **choice}}
    written = _write(advice, change)
    if (before.get("text") or "") != text:
        _audit(advice, written, "notitie opgeslagen" if text else "notitie gewist", actor,
               {f"notitie {key}": (before.get("text"), text or None)}, None)
    elif before.get("in_document") != before.get("wanted"):
        _audit(advice, written, "keuze voor het B&W-document gewijzigd", actor,
               {f"notitie {key} in B&W-document": (before["in_document"], before["wanted"])}, None)
    return written


def note_authors(advice: Advice) -> dict[str, dict]:
    """Who changed each note last, and when: note key -> {"door", "op"} (notes from before
    authors were kept have none)."""
    return dict(advice.notes.get(NOTE_AUTHORS, {}))


def hand_added(advice: Advice) -> set[str]:
    """Interventions the user put in by hand (added, or swapped in) and did not take out again."""
    return edit_log.hand_added(advice.edits)


def _write(advice: Advice, change) -> int | None:
    """Apply `change` with compare-and-set; the revision written, or None if it wrote nothing."""
    written: list[int | None] = [None]

    def tracked(fresh: Advice) -> dict | None:
        values = change(fresh)
        written[0] = None if values is None else fresh.revision + 1
        return values
    try:
        revisions.apply(Advice, advice.id, tracked)
    except revisions.WriteContended:
        raise EditConflict("Het advies werd op hetzelfde moment door anderen bewerkt; uw wijziging is niet "
                           "opgeslagen. Probeer het nog eens.") from None
    return written[0]


def _audit(advice: Advice, written: int | None, event: str, actor: str, changes: dict | None,
           reason: str | None) -> None:
    """The audit line of a change that was written, committed right after it."""
    if written is None:
        return
    actor_id = current_user.id if current_user and current_user.is_authenticated else None
    audit.record(event, target=f"advies:{advice.id}", changes=changes, reason=reason or None, actor=actor,
                 actor_id=actor_id)
    db.session.commit()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _valid_reason(reason: str | None) -> str:
    """The reason stripped, or EditRefused naming the field "Reden"."""
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise EditRefused(f"Reden: hoogstens {MAX_REASON} tekens. Er is niets gewijzigd.")
    if reason and text_problem(reason):
        raise EditRefused(f"Reden {text_problem(reason)}. Er is niets gewijzigd.")
    return reason


def _override(edit: dict, override: bool, reason: str, in_document: bool) -> dict:
    """The edit with its reason (given for any edit, required for an override) and whether it is one."""
    return {**edit, **({"afwijking": True} if override else {}), **({"reden": reason} if reason else {}),
            **({"reden_in_document": True} if reason and in_document else {})}


def _package(fresh: Advice, kb: KnowledgeBase, ids: list[str], edit: dict, actor: str) -> dict:
    """The new package and edit log; the edit is logged with the revision it creates, its author and time."""
    profile = parse_profile(fresh.profile, kb)
    edit = {**edit, "op": _now(), "revisie": fresh.revision + 1, "door": actor}
    edits = fresh.edits + [edit]
    current = review(profile, kb, [i for i in ids if i in kb.interventions], edit_log.hand_added(edits),
                     removed_by_hand=edit_log.hand_removed(edits)).to_json()
    return {"edits": edits, "current": current}


def _replayed(fresh: Advice, kb: KnowledgeBase, entry: dict, actor: str) -> dict:
    """The edit log with `entry` (undo or restore) appended, and the package it leaves: the
    computed package with the edits that still count replayed on it (the computed advice
    itself when none do)."""
    edits = fresh.edits + [{**entry, "op": _now(), "revisie": fresh.revision + 1, "door": actor}]
    if not edit_log.effective_edits(edits):
        return {"edits": edits, "current": fresh.result}
    ids = [i for i in edit_log.replay(computed_ids(fresh), edits) if i in kb.interventions]
    current = review(parse_profile(fresh.profile, kb), kb, ids, edit_log.hand_added(edits),
                     removed_by_hand=edit_log.hand_removed(edits)).to_json()
    return {"edits": edits, "current": current}


def _refuse_if_edited_since(fresh: Advice, kb: KnowledgeBase, seen: int | None, what: str) -> None:
    """EditConflict if someone changed the package after revision `seen` (notes do not count)."""
    for edit in reversed(_since(fresh, seen)):
        who = edit.get("door") or "Iemand anders"
        raise EditConflict(f"{who} heeft het pakket intussen gewijzigd ({describe_edit(edit, kb, _by_revision(fresh))}); "
                           f"{what}. De pagina toont nu de nieuwste stand; kijk of u het nog wilt.")


def _by_revision(advice: Advice) -> dict[int, dict]:
    return {e["revisie"]: e for e in advice.edits if e.get("revisie") is not None}


def _since(fresh: Advice, seen: int | None) -> list[dict]:
    """The logged edits made after revision `seen` (old edits carry no revision: before any)."""
    return [] if seen is None else [e for e in fresh.edits if e.get("revisie", 0) > seen]


def intervention_name(kb: KnowledgeBase, iid: str) -> str:
    return kb.interventions[iid].name if iid in kb.interventions else iid


def _refuse_absent(fresh: Advice, kb: KnowledgeBase, iid: str, seen: int | None,
                   refusal: str = "Deze interventie staat niet in het pakket.", tail: str = " Er is niets gewijzigd.") -> None:
    for edit in reversed(_since(fresh, seen)):
        if edit["actie"] in ("verwijderd", "gewisseld") and edit["interventie"] == iid:
            how = (f"gewisseld voor {intervention_name(kb, edit['vervangen_door'])}" if edit["actie"] == "gewisseld"
                   else "uit het pakket verwijderd")
            raise EditConflict(f"Iemand anders heeft {intervention_name(kb, iid)} intussen {how}.{tail}")
        if edit["actie"] in ("ongedaan", "hersteld"):
            raise EditConflict(f"{edit.get('door') or 'Iemand anders'} heeft intussen {describe_edit(edit, kb, _by_revision(fresh))}; "
                               f"{intervention_name(kb, iid)} staat daardoor niet meer in het pakket.{tail}")
    raise EditRefused(refusal)


def _refuse_present(fresh: Advice, kb: KnowledgeBase, iid: str, seen: int | None, refusal: str) -> None:
    for edit in reversed(_since(fresh, seen)):
        put_in = {"toegevoegd": edit.get("interventie"), "gewisseld": edit.get("vervangen_door")}.get(edit["actie"])
        if put_in == iid:
            raise EditConflict(f"Iemand anders heeft {intervention_name(kb, iid)} intussen al aan het pakket toegevoegd. "
                               "Er is niets gewijzigd.")
        if edit["actie"] in ("ongedaan", "hersteld"):
            raise EditConflict(f"{edit.get('door') or 'Iemand anders'} heeft intussen {describe_edit(edit, kb, _by_revision(fresh))}; "
                               f"{intervention_name(kb, iid)} staat daardoor al in het pakket. Er is niets gewijzigd.")
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
