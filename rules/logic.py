"""An intervention logic per package item, as the evaluation of the Versterkingsgelden asks of
municipalities: doel, doelgroep, activiteiten, beoogde resultaten, beoogde uitkomsten and
prestatie-indicatoren. Built from the knowledge base; a starting point to fit locally."""

from rules.facts import names
from rules.guidance import indicators
from rules.model import Intervention, KnowledgeBase


def intervention_logic(intervention: Intervention, covered: list[str], kb: KnowledgeBase) -> dict:
    factors = [kb.factors[f].name for f in covered if f in kb.factors]
    groups = [kb.label("doelgroepen", g).lower() for g in intervention.target_groups]
    # only types for which Bijlage 2 gives werkzame elementen (not 8 and 9), by their short label:
    # this logic is part of the B&W document (see InterventionType.short_name)
    types = [kb.types[t] for t in intervention.types if t in kb.types and kb.types[t].working_elements]
    return {
        "doel": intervention.aim,
        "doelgroep": intervention.target_group_text or names(groups) or "niet vermeld",
        "activiteiten": intervention.description,
        "beoogde_resultaten": (
            f"De interventie wordt uitgevoerd voor {names(groups) or 'de doelgroep'}"
            + (f", volgens de werkzame elementen van {names(t.short_label for t in types)}" if types else "") + "."),
        "beoogde_uitkomsten": (f"Versterking van de beschermende factor(en) {names(factors)}." if factors
                               else "Versterking van de beschermende factoren waarvoor de gemeente haar inzet."),
        "prestatie_indicatoren": indicators(intervention, covered, kb),
    }
