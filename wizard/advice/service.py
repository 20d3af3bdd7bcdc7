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

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from flask_security import current_user

from rules.advise import advise, review
from rules.kb_changes import Change, package_changes
from rules.model import KnowledgeBase
from rules.profile import Profile, parse_profile
from rules.text import text_problem
from wizard import audit, revisions
from wizard import actor as actors  # the module, not its names: wizard.actor imports wizard.advice
from wizard.advice import edit_log, versions
from wizard.extensions import db
from wizard.kb.access import knowledge_base, newest_id, version_id_of
from wizard.models import Advice, WizardSession, new_token
from wizard.questionnaire import steps

GENERAL_NOTE = "_algemeen"
NOTE_REVISIONS = "_revisies"  # reserved key in Advice.notes: note key -> revision of its last change
IN_DOCUMENT = "_in_document"  # reserved key in Advice.notes: the note keys chosen for the B&W document
NOTE_AUTHORS = "_auteurs"  # reserved key in Advice.notes: note key -> {"door", "op"} of its last change
_RESERVED = (NOTE_REVISIONS, IN_DOCUMENT, NOTE_AUTHORS)
MAX_NOTE = 2000
MAX_REASON = 500
# causes for leaving an intervention out that are no verdict against it: taken out by hand, not
# linked to any factor the user chose, or only the package's size (there was room, or it was full
# with higher-ranked ones): the rules have nothing against it. Adding one of those is no override;
# adding one left out for any other cause (a filter on the user's own preferences, a duplicate, a
# filled track, the substantiation balance, ...) is.
NO_VERDICT_RULES = frozenset({"UIT-HANDMATIG", "F-AANSLUITING", "UIT-GEEN-KOPPELING",
                              "UIT-RUIMTE", "UIT-VOL", "UIT-VOL-PLAATSEN"})


class EditRefused(ValueError):
    """A hand edit that makes no sense (unknown intervention, already in the package, ...)."""


class EditConflict(EditRefused):
    """An edit that contradicts what someone else changed after the revision the user saw."""


def create(profile: Profile, kb: KnowledgeBase, wizard_session_id: str | None = None,
           session: WizardSession | None = None) -> Advice:
    """The first advice of questionnaire `wizard_session_id` (or of none: the CLI and tests).
    `session`: that questionnaire as this request read it, with nothing pending on it, before
    it found no advice of it (advice_of_session). The compare-and-set then starts from it
    instead of reading it again (revisions.apply), and its first attempt claims without looking
    for an advice again: every advice is inserted with a raise of its questionnaire's revision,
    so if one was inserted after `session` was read, that attempt loses and the next one looks.

    Two people composing the same questionnaire at once get one advice: the insert is claimed by
    a compare-and-set on the questionnaire's revision, and whoever loses the claim gets the
    advice the other one made (so it is not always a new one). The advice returned is the
    stored one; its id is at hand without asking the database again (the view redirects to it),
    its other columns load when used."""
    result = advise(profile, kb).to_json()
    advice = Advice(id=new_token(), wizard_session_id=wizard_session_id, profile=profile.model_dump(mode="json"),
                    kb_version=kb.version, kb_version_id=version_id_of(kb), result=result, current=result,
                    edits=[], notes={}, version=1, version_made_by=actors.current_actor(), version_cause=versions.COMPOSED)
    inserted: list[bool] = []

    def insert(*_) -> None:
        db.session.add(advice)
        audit.record("advies samengesteld", target=audit_target(advice.id), actor=advice.version_made_by,
                     actor_id=_account_id())
        inserted.append(True)

    if wizard_session_id is None:
        insert()
        db.session.commit()
        return _with_id(advice)
    first = [session is not None]

    def claim(fresh: WizardSession) -> dict | None:
        if first[0]:  # starts from `session`, after which the caller looked for an advice
            first[0] = False
            return {}
        return None if _has_advice(fresh.id) else {}
    try:
        revisions.apply(WizardSession, wizard_session_id, claim, also=insert, loaded=session)
    except revisions.WriteContended:
        raise EditConflict("De vragenlijst werd op hetzelfde moment door anderen gewijzigd; er is geen advies "
                           "samengesteld. Probeer het nog eens.") from None
    return _with_id(advice) if inserted else advice_of_session(wizard_session_id)


def _with_id(advice: Advice) -> Advice:
    """`advice` just committed (which expired every column), with its id marked as loaded again:
    reading the id then needs no query; any other column still loads from the database."""
    set_committed_value(advice, "id", sa.inspect(advice).identity[0])
    return advice


def _has_advice(sid: str) -> bool:
    """Whether questionnaire `sid` has an advice already (without loading it)."""
    return db.session.scalar(sa.select(sa.exists().where(Advice.wizard_session_id == sid)))


def get_or_404(advice_id: str) -> Advice:
    """:raise 404: if no advice has this (unguessable) id."""
    return db.get_or_404(Advice, advice_id)


def knowledge_base_of(advice: Advice) -> KnowledgeBase:
    """The version the advice was made with: it renders, explains and edits against that one.
    Advices from before versions existed are read against the newest."""
    return knowledge_base(advice.kb_version_id)


def package_ids(advice: Advice) -> list[str]:
    return edit_log.package_of(advice.current)


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
    return edit_log.package_of(advice.result)


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
    audit.record(event, target=audit_target(advice.id), changes=changes, reason=reason or None, actor=actor,
                 actor_id=_account_id())
    db.session.commit()


def _account_id() -> int | None:
    return current_user.id if current_user and current_user.is_authenticated else None


def audit_target(advice_id: str) -> str:
    """How the audit log names an advice: not by its id, which is the key to it."""
    return audit.secret_target("advies", advice_id)


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
    computed = edit_log.package_of(result)
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
    return db.session.scalars(_NEWEST_ADVICE, {"sid": sid}).first()


def advice_link_of_session(sid: str) -> sa.Row | None:
    """(id, version) of that advice: all the overview shows of it, without reading its two large
    JSON documents (the computed and the edited package)."""
    return db.session.execute(_NEWEST_LINK, {"sid": sid}).first()


def _newest_of_session(query: sa.Select) -> sa.Select:
    return query.where(Advice.wizard_session_id == sa.bindparam("sid")).order_by(Advice.created_at.desc()).limit(1)


# built once: on the overview, building the statement cost as much as running it
_NEWEST_ADVICE = _newest_of_session(sa.select(Advice))
_NEWEST_LINK = _newest_of_session(sa.select(Advice.id, Advice.version))


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

    Written with compare-and-set, starting from `advice` as given (it must have been read in
    this request, with nothing pending on it): if someone edits the advice meanwhile, the
    carry-over is done again on what they stored, so their edit comes along too. Afterwards
    `advice` holds what is stored (its id at hand, its other columns loaded when used).

    :raise EditConflict: if other writers keep winning."""
    result = advise(profile, kb).to_json()
    answers, kb_id = profile.model_dump(mode="json"), version_id_of(kb)
    computed = edit_log.package_of(result)
    outcome: dict = {}

    def change(fresh: Advice) -> dict | None:
        outcome.clear()
        if fresh.profile == answers and fresh.kb_version_id == kb_id and fresh.kb_version == kb.version:
            return None
        carried = versions.carry_over(fresh.edits, computed, kb, knowledge_base_of(fresh), _shown_note_keys(fresh))
        kb_moved = fresh.kb_version_id != kb_id or fresh.kb_version != kb.version
        dropped = [*misfits, *carried.dropped]
        values = _version_values(fresh, profile, kb, result, _reviewed(profile, kb, carried.ids, fresh.edits),
                                 {"actie": "nieuwe-versie"},
                                 versions.recomposed_cause(fresh.profile != answers, kb.version if kb_moved else None),
                                 dropped)
        outcome.update(dropped=dropped, number=values["version"])
        return values
    stored = _write_version(advice, change, loaded=advice)
    if not outcome:
        return Recomposed(stored.version, False, [])
    _with_id(advice)
    return Recomposed(outcome["number"], True, outcome["dropped"])


def _version_values(fresh: Advice, profile: Profile, kb: KnowledgeBase, result: dict, current: dict,
                    entry: dict, cause: str, dropped: list[str]) -> dict:
    """The columns of the next version of `fresh`; `entry` (its action) is logged with the version
    number (`versie`), who made it and when."""
    now = datetime.now(timezone.utc)
    entry = {**entry, "versie": fresh.version + 1, "door": actors.current_actor(), "op": now.isoformat(timespec="seconds"),
             "revisie": fresh.revision + 1}
    return {"profile": profile.model_dump(mode="json"), "kb_version_id": version_id_of(kb), "kb_version": kb.version,
            "result": result, "current": current, "edits": [*fresh.edits, entry], "version": fresh.version + 1,
            "version_made_at": now, "version_made_by": entry["door"], "version_cause": cause, "version_dropped": dropped}


def _write_version(advice: Advice, change, loaded: Advice | None = None) -> Advice:
    """Write a new version; the one it replaces is frozen as an AdviceVersion row, and the
    audit log names both numbers, in the same transaction as the write. `loaded`: as for
    revisions.apply."""
    def keep(replaced: Advice, values: dict) -> None:
        db.session.add(versions.snapshot_row(replaced))
        audit.record("adviesversie gemaakt", target=audit_target(replaced.id),
                     changes={"versie": (replaced.version, values["version"])}, reason=values["version_cause"])
    try:
        return revisions.apply(Advice, advice.id, change, also=keep, loaded=loaded)
    except revisions.WriteContended:
        raise EditConflict("Het advies werd op hetzelfde moment door anderen bewerkt; er is geen nieuwe versie "
                           "gemaakt. Probeer het nog eens.") from None


def hand_removed(advice: Advice) -> set[str]:
    """Interventions the user took out of the package (removed, or swapped out) and did not put back."""
    return edit_log.hand_removed(advice.edits)
