"""What the advice templates need, derived from the stored advice and the knowledge base.
Presentation only: every decision and sentence comes from the rule engine."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from rules.advice import Advice as TypedAdvice
from rules.facts import is_system, names
from rules.why import why_not as rules_why_not
from rules.model import KnowledgeBase
from wizard.advice import edit_log, fragments, service, summary
from wizard.advice.versions import Snapshot
from wizard.filters import first_capital
from wizard.advice.moments import local_day, stamp
from wizard.kb.access import knowledge_base, newest_id
from wizard.models import Advice

# how often an open advice page asks whether someone else changed it (and when its tab regains focus)
POLL_SECONDS = 15


@dataclass(frozen=True)
class AdviceDocument:
    """What the advice templates read of an advice, as a plain value: built from a stored advice
    (`of`) or from one just composed (the CLI), so that rendering needs no database row."""
    id: str
    profile: dict
    kb_version: str
    kb_version_id: int | None
    result: dict
    current: dict
    edits: list
    notes: dict
    created_at: datetime | None
    updated_at: datetime | None = None
    version: int = 1                        # an advice just composed (the CLI) is its own first version
    version_made_at: datetime | None = None

    @classmethod
    def of(cls, advice: Advice) -> "AdviceDocument":
        return cls(id=advice.id, profile=advice.profile, kb_version=advice.kb_version,
                   kb_version_id=advice.kb_version_id, result=advice.result, current=advice.current,
                   edits=list(advice.edits), notes=dict(advice.notes), created_at=advice.created_at,
                   updated_at=getattr(advice, "updated_at", None), version=advice.version,
                   version_made_at=advice.version_made_at)

    @classmethod
    def of_version(cls, advice_id: str, snapshot: Snapshot) -> "AdviceDocument":
        """An earlier version of advice `advice_id`, as its version page shows it."""
        return cls(id=advice_id, profile=snapshot.profile, kb_version=snapshot.kb_version,
                   kb_version_id=snapshot.kb_version_id, result=snapshot.result, current=snapshot.current,
                   edits=snapshot.edits, notes=snapshot.notes, created_at=snapshot.made_at,
                   version=snapshot.number, version_made_at=snapshot.made_at)


def advice_view(advice: Advice | AdviceDocument, kb: KnowledgeBase, asked: str | None = None, error: str | None = None,
                saved_note: str | None = None, error_at: str | None = None, changed_by: list[str] | None = None) -> dict:
    """`error_at`: the card (intervention id) or section the error belongs to; `changed_by`: who
    changed the advice since the revision the user's page showed (None: nobody)."""
    current = advice.current
    package = current["pakket"]
    by_bouwsteen = [(number, list(items)) for number, items in
                    groupby(sorted(package, key=lambda p: (p["bouwsteen"], p["rang"])), key=lambda p: p["bouwsteen"])]
    # cards, summary rows and bijlagen are numbered in the order they are shown (grouped by
    # bouwsteen, by rank within a group), so that number 1 is the first card the reader sees
    ordered = [item for _, items in by_bouwsteen for item in items]
    display_number = {item["interventie"]: n for n, item in enumerate(ordered, start=1)}
    logic = {p["interventie"]: fragments.logic_of(kb, p["interventie"], p["dekt_factoren"])
             for p in package if p["interventie"] in kb.interventions}
    notes = service.note_texts(advice)
    in_document = service.notes_in_document(advice)
    alternatives: dict[str, list[dict]] = {}
    for alt in current["alternatieven"]:
        alternatives.setdefault(alt["in_plaats_van"], []).append(alt)
    in_package = {p["interventie"] for p in package}
    return {
        "advice": advice, "kb": kb, "current": current, "profile": advice.profile,
        "by_bouwsteen": by_bouwsteen, "alternatives": alternatives,
        "bouwsteen_names": {b.number: b.name for b in kb.bouwstenen},
        "not_addable": in_package | set(current["al_ingezet"]),  # what 'Interventie toevoegen' leaves out
        "asked": asked, "why": why_not(current, kb, asked) if asked else None,
        "edited": bool(advice.edits), "hand_added": service.hand_added(advice),
        "notes": notes, "general_note": notes.get(service.GENERAL_NOTE, ""),
        "in_document": in_document,
        "document_notes": {k: v for k, v in notes.items() if k in in_document},
        "error": error, "saved_note": saved_note, "error_at": error_at, "changed_by": changed_by,
        "typed_reason": {}, "poll_seconds": POLL_SECONDS, "max_reason": service.MAX_REASON,
        "rule_chosen": set(service.computed_ids(advice)),
        "excluded_for_add": set(service.exclusions_by_rules(advice)) - in_package,
        **collaboration(advice, kb),
        "kb_changed": advice.kb_version_id is not None and (newest_id() or 0) > advice.kb_version_id,
        "withdrawn_now": withdrawn_since(package, kb),
        "logic": logic, "ordered": ordered, "display_number": display_number,
        "document_types": {p["interventie"]: document_types(p.get("typen") or [], kb) for p in package},
        "target_group": {iid: l["doelgroep"] for iid, l in logic.items()},
        "covers": {p["interventie"]: covers(p, kb) for p in package},
        "rationale": {p["interventie"]: rationale(p, kb) for p in package},
        "running": running(current, kb),
        "uncovered": summary.uncovered_sentence(current["lacunes"]),
        # a gap may name interventions that fit (the package was full, or weaker type-linked ones)
        "gaps_name_candidates": any(summary.gap_names_candidates(g["tekst"]) for g in current["lacunes"]),
        **coverage(current, advice.profile, kb),
        "type_name": {t.number: t.label for t in kb.types.values()},
        "level_name": {level.level: level.name for level in kb.levels},
        "version_line": version_line(advice),
        "budget": budget(advice.profile),
        "created": local_day(advice.created_at),
        "review_date": local_day(advice.created_at) + timedelta(days=365),
        "unmet_rules": [r for r in current["pakketregels"] if not r["voldaan"]],
    }


def coverage(current: dict, profile: dict, kb: KnowledgeBase) -> dict:
    """Which chosen factors the package covers, which only what already runs covers, which chosen
    target groups its items serve, and the opening sentences of the B&W document and of the
    advice page that count them."""
    package_covered = summary.covered_by_package(current)
    in_use = {f for iid in current["al_ingezet"] if iid in kb.interventions for f in kb.interventions[iid].factor_ids}
    running_covered = [f for f in current["gekozen_factoren"] if f in in_use and f not in package_covered]
    size, chosen = len(current["pakket"]), len(current["gekozen_factoren"])
    reach = summary.reach(current["pakket"], list(profile.get("doelgroepen") or []), kb)
    return {
        "package_covered": package_covered, "running_covered": running_covered,
        "opening": summary.opening(size, len(package_covered), chosen, reach.reached),
        "outside_sentence": summary.outside_sentence(reach),
        "target_group_caveat": summary.target_group_caveat(reach),
        "lead_phrase": summary.package_phrase(size, len(package_covered), chosen),
        "appendix_range": summary.appendix_range(size),
    }


def document_types(types: list[dict], kb: KnowledgeBase) -> list[dict]:
    """A package item's type guidance (item["typen"]) as the B&W document names it: each type by
    its short label from the knowledge base (InterventionType.short_label), the rest as stored."""
    return [{**t, "label": kb.types[t["type"]].short_label} if t.get("type") in kb.types else t for t in types]


def collaboration(advice, kb: KnowledgeBase) -> dict:
    """Who did what to the advice: the edit history, the author of each note and of each hand
    edit still in force, the override reasons chosen for the B&W document, and what undo and
    restore would do."""
    by_revision = {e["revisie"]: e for e in advice.edits if e.get("revisie") is not None}
    undone = {e.get("maakt_ongedaan") for e in advice.edits if e["actie"] == "ongedaan"}
    effective = edit_log.effective_edits(advice.edits)
    history = [{"wanneer": stamp(e.get("op")), "door": e.get("door"), "tekst": service.describe_edit(e, kb, by_revision),
                "reden": e.get("reden"), "afwijking": bool(e.get("afwijking")),
                "ongedaan": e.get("revisie") is not None and e.get("revisie") in undone and e["actie"] in edit_log.UNDOABLE}
               for e in advice.edits]
    put_in, taken_out = {}, {}
    for e in effective:
        if e["actie"] == "toegevoegd":
            put_in[e["interventie"]] = e
        elif e["actie"] == "gewisseld":
            put_in[e["vervangen_door"]] = e
            taken_out[e["interventie"]] = e
        elif e["actie"] == "verwijderd":
            taken_out[e["interventie"]] = e
    in_package = {p["interventie"] for p in advice.current["pakket"]}
    last = edit_log.last_undoable(advice.edits)
    return {
        "history": history,
        "item_edit": {iid: byline(e, kb) for iid, e in put_in.items() if iid in in_package},
        "removed_by_hand": [{"naam": service.intervention_name(kb, iid), **byline(e, kb)} for iid, e in taken_out.items()
                            if iid not in in_package],
        "note_author": note_bylines(advice),
        "document_reasons": [f"{first_capital(service.describe_edit(e, kb))}: {e['reden']}" for e in effective
                             if e.get("reden") and e.get("reden_in_document")],
        "undoable": ({"tekst": service.describe_edit(last, kb, by_revision), "door": last.get("door")}
                     if last and last.get("revisie") is not None else None),
        "restorable": bool(effective),
    }


def note_bylines(advice) -> dict[str, str]:
    """Who wrote each note last and when, as the pages show it: key -> "gemeente, 1-12-2026 14:05"
    (notes from before authors were kept have none)."""
    return {key: f"{a['door']}, {stamp(a.get('op'))}" for key, a in service.note_authors(advice).items() if a.get("door")}


def byline(edit: dict, kb: KnowledgeBase) -> dict:
    """A hand edit as the card shows it: "Verwijderd door gemeente, 1-12-2026 14:05" and its reason."""
    verb = {"verwijderd": "Verwijderd", "toegevoegd": "Toegevoegd", "gewisseld": "Ingewisseld"}[edit["actie"]]
    if edit["actie"] == "gewisseld":
        verb += f" voor {service.intervention_name(kb, edit['interventie'])}"
    who = f" door {edit['door']}" if edit.get("door") else ""
    when = stamp(edit.get("op"))
    return {"tekst": f"{verb}{who}{', ' + when if when else ''}", "reden": edit.get("reden"),
            "afwijking": bool(edit.get("afwijking")), "actie": edit["actie"]}


def changed_since(advice: Advice, seen: int | None, own: int | None) -> list[str] | None:
    """Who changed the advice after revision `seen`, other than the write `own` of this request:
    their names in order ("iemand anders" for changes without an author), or None if nobody did."""
    if seen is None or advice.revision <= seen:
        return None
    others = [r for r in range(seen + 1, advice.revision + 1) if r != own]
    if not others:
        return None
    names_by_revision = {e["revisie"]: e.get("door") for e in advice.edits if e.get("revisie") is not None}
    note_revisions = advice.notes.get(service.NOTE_REVISIONS, {})
    authors = service.note_authors(advice)
    names_by_revision.update({r: authors.get(key, {}).get("door") for key, r in note_revisions.items()
                              if r not in names_by_revision})
    found = [names_by_revision.get(r) or "iemand anders" for r in others]
    return list(dict.fromkeys(found))


def covers(item: dict, kb: KnowledgeBase) -> str:
    """The chosen factors a package item covers, as its card and the summary table name them."""
    return "; ".join(kb.factors[f].name if f in kb.factors else f for f in item["dekt_factoren"]) \
        or "geen gekozen factor direct"


def rationale(item: dict, kb: KnowledgeBase) -> str:
    """A short rationale for the college: the intervention's aim, the chosen factors it covers and
    its substantiation in plain words (no scores, no rule ids)."""
    intervention = kb.interventions.get(item["interventie"])
    factors = [kb.factors[f].name.lower() for f in item["dekt_factoren"] if f in kb.factors]
    parts = [intervention.aim.rstrip(".") + "." if intervention else ""]
    if factors:
        parts.append(f"Zij versterkt {'de beschermende factor' if len(factors) == 1 else 'de beschermende factoren'} "
                     f"{names(factors)}.")
    elif intervention is not None and is_system(intervention, kb):  # an indirect element (bouwsteen 6)
        parts.append("Zij ondersteunt het pakket als geheel, zonder een gekozen factor direct te versterken.")
    else:
        # a lesson programme linked through its type, or one placed for a package rule: say which,
        # with the rule's own sentences (they do not 'support the package as a whole')
        why = [r["tekst"] for r in item.get("redenen", []) if r["regel"] == "S-FACTOR-TYPE"][:1] \
            + [r["tekst"] for r in item.get("redenen", []) if r["regel"].startswith("PL-")][:1]
        parts.append(" ".join(["Zij versterkt geen gekozen factor direct.", *why]))
    parts.append(level_words(item, kb))
    return " ".join(p for p in parts if p)


def level_words(item: dict, kb: KnowledgeBase) -> str:
    """The trede of an item as a sentence for the college."""
    level = item.get("trede")
    if level is None:
        return "Hoe goed zij is onderbouwd, is niet bekend."
    name = next((lv.name.lower() for lv in kb.levels if lv.level == level), f"trede {level}")
    source = item.get("trede_bron")
    return (f"Zij staat op trede {level} van de effectladder ({name})"
            + (f", volgens {source}" if source else "") + ".")


def running(current: dict, kb: KnowledgeBase) -> list[dict]:
    """The interventions already running, each with the chosen factors it covers."""
    chosen = set(current["gekozen_factoren"])
    rows = []
    for iid in current["al_ingezet"]:
        intervention = kb.interventions.get(iid)
        covered = [kb.factors[f].name for f in (intervention.factor_ids if intervention else ()) if f in chosen and f in kb.factors]
        rows.append({"id": iid, "naam": intervention.name if intervention else iid, "dekt": covered})
    return rows


def version_line(advice) -> str:
    """Which advice this is: its version and when that was made, the knowledge base version, and
    when it was last changed."""
    made = getattr(advice, "version_made_at", None) or advice.created_at
    line = f"Versie {advice.version or 1} van dit advies"
    if made:
        line += f", samengesteld op {stamp(made)}"
    line += f", op basis van kennisbank versie {advice.kb_version}"
    updated = getattr(advice, "updated_at", None)
    if updated and made and updated.replace(microsecond=0) > made.replace(microsecond=0):
        line += f", laatst gewijzigd op {stamp(updated)}"
    return line + "."


def budget(profile: dict) -> dict:
    """The budget answers of the profile (either may be missing)."""
    context = profile.get("context") or {}
    return {"euro": context.get("budget_euro"), "fte": context.get("budget_fte")}


def why_not(current: dict, kb: KnowledgeBase, iid: str) -> dict:
    """The answer to 'Waarom staat X er niet in?', computed by rules.why from the stored advice."""
    return rules_why_not(TypedAdvice.from_json(current), kb, iid)


def withdrawn_since(package: list[dict], kb: KnowledgeBase) -> dict[str, str]:
    """The package items that a newer knowledge base withdrew, with the reason: the advice still
    shows them (it keeps its own version), marked as such."""
    newest = knowledge_base()
    if newest.version == kb.version:
        return {}
    return {p["interventie"]: newest.interventions[p["interventie"]].status_reason or ""
            for p in package if p["interventie"] in newest.interventions
            and newest.interventions[p["interventie"]].withdrawn}
