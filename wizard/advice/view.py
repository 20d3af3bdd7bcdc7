"""What the advice templates need, derived from the stored advice and the knowledge base.
Presentation only: every decision and sentence comes from the rule engine."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from rules.advice import Advice as TypedAdvice
from rules.facts import names
from rules.logic import intervention_logic
from rules.why import why_not as rules_why_not
from rules.model import KnowledgeBase
from wizard.advice import service
from wizard.kb.access import knowledge_base, newest_id
from wizard.models import Advice


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


def advice_view(advice: Advice | AdviceDocument, kb: KnowledgeBase, asked: str | None = None, error: str | None = None,
                saved_note: str | None = None) -> dict:
    current = advice.current
    package = current["pakket"]
    by_bouwsteen = [(number, list(items)) for number, items in
                    groupby(sorted(package, key=lambda p: (p["bouwsteen"], p["rang"])), key=lambda p: p["bouwsteen"])]
    # cards, summary rows and bijlagen are numbered in the order they are shown (grouped by
    # bouwsteen, by rank within a group), so that number 1 is the first card the reader sees
    ordered = [item for _, items in by_bouwsteen for item in items]
    display_number = {item["interventie"]: n for n, item in enumerate(ordered, start=1)}
    logic = {p["interventie"]: intervention_logic(kb.interventions[p["interventie"]], p["dekt_factoren"], kb)
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
        "addable": sorted((i for i in kb.interventions.values() if i.id not in in_package
                           and i.id not in current["al_ingezet"]), key=lambda i: i.name.lower()),
        "asked": asked, "why": why_not(current, kb, asked) if asked else None,
        "edited": bool(advice.edits), "hand_added": service.hand_added(advice),
        "notes": notes, "general_note": notes.get(service.GENERAL_NOTE, ""),
        "in_document": in_document,
        "document_notes": {k: v for k, v in notes.items() if k in in_document},
        "error": error, "saved_note": saved_note,
        "kb_changed": advice.kb_version_id is not None and (newest_id() or 0) > advice.kb_version_id,
        "withdrawn_now": withdrawn_since(package, kb),
        "logic": logic, "ordered": ordered, "display_number": display_number,
        "target_group": {iid: l["doelgroep"] for iid, l in logic.items()},
        "rationale": {p["interventie"]: rationale(p, kb) for p in package},
        "running": running(current, kb),
        "uncovered": [g["naam"] for g in current["lacunes"]],
        "type_name": {t.number: t.label for t in kb.types.values()},
        "level_name": {level.level: level.name for level in kb.levels},
        "version_line": version_line(advice),
        "budget": budget(advice.profile),
        "created": advice.created_at.date() if advice.created_at else date.today(),
        "review_date": (advice.created_at.date() if advice.created_at else date.today()) + timedelta(days=365),
        "unmet_rules": [r for r in current["pakketregels"] if not r["voldaan"]],
    }


def rationale(item: dict, kb: KnowledgeBase) -> str:
    """A short rationale for the college: the intervention's aim, the chosen factors it covers and
    its substantiation in plain words (no scores, no rule ids)."""
    intervention = kb.interventions.get(item["interventie"])
    factors = [kb.factors[f].name.lower() for f in item["dekt_factoren"] if f in kb.factors]
    parts = [intervention.aim.rstrip(".") + "." if intervention else ""]
    if factors:
        parts.append(f"Zij versterkt {'de beschermende factor' if len(factors) == 1 else 'de beschermende factoren'} "
                     f"{names(factors)}.")
    else:
        parts.append("Zij ondersteunt het pakket als geheel, zonder een gekozen factor direct te versterken.")
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
    def stamp(moment):
        return f"{moment.day}-{moment.month}-{moment.year} {moment.hour:02d}:{moment.minute:02d}"
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
