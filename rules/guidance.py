"""What an advisor adds to each package item (issue 11, finding 7): the werkzame elementen and
randvoorwaarden of its type(s) from Bijlage 2, and indicators that fit the intervention."""

from rules.advice import TypeGuidance
from rules.definitions import (INDICATOR_EVALUATE, INDICATOR_FACTORS, INDICATOR_ONLINE, INDICATOR_PLAN,
                               INDICATOR_REACH, TYPE_INDICATORS)
from rules.facts import names
from rules.model import Intervention, KnowledgeBase


def type_guidance(i: Intervention, kb: KnowledgeBase) -> list[TypeGuidance]:
    """Per type of the intervention what Bijlage 2 gives; empty lists where it gives none
    (types 8 and 9: the report says they are too broad for general elements)."""
    return [TypeGuidance(type=t, label=kb.types[t].label, working_elements=list(kb.types[t].working_elements),
                         preconditions=list(kb.types[t].preconditions))
            for t in i.types if t in kb.types]


def indicators(i: Intervention, covered: list[str], kb: KnowledgeBase) -> list[str]:
    """Measurable indicators for this intervention: reach of its own target group, what its
    type aims at, the chosen factors it covers, and an evaluation step where the trede is low."""
    groups = names(kb.label("doelgroepen", g).lower() for g in i.target_groups)
    found = [INDICATOR_REACH.format(target=i.target_group_text or groups or "de doelgroep")]
    found += [TYPE_INDICATORS[t] for t in i.types if t in TYPE_INDICATORS]
    factors = [kb.factors[f].name for f in covered if f in kb.factors]
    if factors:
        found.append(INDICATOR_FACTORS.format(factors=names(factors)))
    if i.online:
        found.append(INDICATOR_ONLINE)
    found.append(INDICATOR_PLAN)
    if i.level is None or i.level <= 1:
        found.append(INDICATOR_EVALUATE)
    return list(dict.fromkeys(found))
