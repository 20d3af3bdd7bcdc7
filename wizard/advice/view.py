"""What the advice templates need, derived from the stored advice and the knowledge base.
Presentation only: every decision and sentence comes from the rule engine."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from rules.advice import Advice as TypedAdvice
from rules.logic import intervention_logic
from rules.why import why_not as rules_why_not
from rules.model import KnowledgeBase
from wizard.advice import service
from wizard.kb.access import newest_id
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

    @classmethod
    def of(cls, advice: Advice) -> "AdviceDocument":
        return cls(id=advice.id, profile=advice.profile, kb_version=advice.kb_version,
                   kb_version_id=advice.kb_version_id, result=advice.result, current=advice.current,
                   edits=list(advice.edits), notes=dict(advice.notes), created_at=advice.created_at)


def advice_view(advice: Advice | AdviceDocument, kb: KnowledgeBase, asked: str | None = None, error: str | None = None,
                saved_note: str | None = None) -> dict:
    current = advice.current
    package = current["pakket"]
    by_bouwsteen = [(number, list(items)) for number, items in
                    groupby(sorted(package, key=lambda p: (p["bouwsteen"], p["rang"])), key=lambda p: p["bouwsteen"])]
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
        "notes": advice.notes, "general_note": advice.notes.get(service.GENERAL_NOTE, ""),
        "error": error, "saved_note": saved_note,
        "kb_changed": advice.kb_version_id is not None and (newest_id() or 0) > advice.kb_version_id,
        "logic": {p["interventie"]: intervention_logic(kb.interventions[p["interventie"]], p["dekt_factoren"], kb)
                  for p in package if p["interventie"] in kb.interventions},
        "created": advice.created_at.date() if advice.created_at else date.today(),
        "review_date": (advice.created_at.date() if advice.created_at else date.today()) + timedelta(days=365),
        "unmet_rules": [r for r in current["pakketregels"] if not r["voldaan"]],
    }


def why_not(current: dict, kb: KnowledgeBase, iid: str) -> dict:
    """The answer to 'Waarom staat X er niet in?', computed by rules.why from the stored advice."""
    return rules_why_not(TypedAdvice.from_json(current), kb, iid)
