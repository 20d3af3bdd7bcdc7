"""The answer to 'Waarom staat X er niet in?', computed from the advice itself; every sentence
comes from the placement rules of the rule table."""

from rules.advice import Advice
from rules.definitions import PLACEMENTS
from rules.facts import filled
from rules.model import KnowledgeBase


def _answer(rule_id: str, name: str, cause_rule: str | None = None, **fields) -> dict:
    return {"naam": name, "tekst": filled(PLACEMENTS[rule_id].template, {"name": name, **fields}).strip(),
            "regel": cause_rule}


def why_not(advice: Advice, kb: KnowledgeBase, iid: str) -> dict:
    """{naam, tekst, regel}: where the intervention is in the advice, and the rule that put it there."""
    if iid not in kb.interventions:
        return {"naam": iid, "tekst": PLACEMENTS["WAAROM-ONBEKEND"].template, "regel": None}
    name = kb.interventions[iid].name
    item = advice.item(iid)
    if item is not None:
        return _answer("WAAROM-IN-PAKKET", name, rank=item.rank)
    if iid in advice.in_use:
        return _answer("WAAROM-AL-INGEZET", name)
    for alt in advice.alternatives:
        if alt.intervention == iid:
            other = kb.interventions[alt.instead_of].name if alt.instead_of in kb.interventions else alt.instead_of
            # advices stored before issue 11 have no cause as first reason: then none is claimed
            cause = next((r for r in alt.reasons[:1] if r.rule.startswith("UIT-")), None)
            return _answer("WAAROM-ALTERNATIEF", name, cause.rule if cause else None, other_name=other,
                           cause=cause.text if cause else "")
    for entry in advice.excluded:
        if entry.intervention == iid:
            return {"naam": name, "tekst": entry.text, "regel": entry.rule}
    return _answer("WAAROM-NIETS", name)
