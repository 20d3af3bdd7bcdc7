"""An intervention logic per package item, as the evaluation of the Versterkingsgelden asks of
municipalities: doel, doelgroep, activiteiten, beoogde resultaten, beoogde uitkomsten and
prestatie-indicatoren. Built from the knowledge base; a starting point to fit locally."""

from rules.facts import names
from rules.model import Intervention, KnowledgeBase


def intervention_logic(intervention: Intervention, covered: list[str], kb: KnowledgeBase) -> dict:
    factors = [kb.factors[f].name for f in covered if f in kb.factors]
    groups = [kb.label("doelgroepen", g).lower() for g in intervention.target_groups]
    types = [kb.types[t] for t in intervention.types if t in kb.types]
    return {
        "doel": intervention.aim,
        "doelgroep": intervention.target_group_text or names(groups) or "niet vermeld",
        "activiteiten": intervention.description,
        "beoogde_resultaten": (
            f"De interventie wordt uitgevoerd voor {names(groups) or 'de doelgroep'}"
            + (f", volgens de werkzame elementen van {names(t.label for t in types)}" if types else "") + "."),
        "beoogde_uitkomsten": (f"Versterking van de beschermende factor(en) {names(factors)}." if factors
                               else "Versterking van de beschermende factoren waarvoor de gemeente haar inzet."),
        "prestatie_indicatoren": [
            f"Aantal bereikte deelnemers uit de doelgroep ({names(groups) or 'doelgroep'}) en het aandeel van wie het programma afrondt.",
            "Aantal uitgevoerde bijeenkomsten of activiteiten volgens plan.",
            "Oordeel van deelnemers en uitvoerders over de uitvoering (tevredenheid, knelpunten).",
            *([f"Verandering in {names(factors)} bij deelnemers, gemeten voor en na (bijvoorbeeld met een korte vragenlijst)."]
              if factors else []),
        ],
    }
