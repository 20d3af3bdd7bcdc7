"""What an advisor adds to each package item (issue 11, finding 7): the werkzame elementen and
randvoorwaarden of its type(s) from Bijlage 2, and indicators that fit the intervention."""

from rules.advice import TypeGuidance
from rules.definitions import (INDICATOR_EVALUATE, INDICATOR_FACTOR_NAMES, INDICATOR_FACTORS,
                               INDICATOR_FACTORS_PRACTICE, INDICATOR_GOVERNMENT,
                               INDICATOR_MEDIA_EXPLICIT, INDICATOR_NEIGHBOURHOOD, INDICATOR_ONLINE, INDICATOR_PLAN,
                               INDICATOR_REACH, INDICATOR_REACH_COMPLETING, INDICATOR_TRUST_AND_SAY, MEASURED_FACTORS,
                               NO_COMPLETION_TYPES, PARTICIPATION_FACTOR, SYSTEM_GROUPS, TYPE_INDICATORS)
from rules.facts import names
from rules.model import Intervention, KnowledgeBase


def type_guidance(i: Intervention, kb: KnowledgeBase) -> list[TypeGuidance]:
    """Per type of the intervention what Bijlage 2 gives; empty lists where it gives none
    (types 8 and 9: the report says they are too broad for general elements)."""
    return [TypeGuidance(type=t, label=kb.types[t].label, working_elements=list(kb.types[t].working_elements),
                         preconditions=list(kb.types[t].preconditions))
            for t in i.types if t in kb.types]


def type_indicator(number: str, i: Intervention) -> str | None:
    """What type `number` aims at, measured for intervention `i` (None for a type without one).

    The line of TYPE_INDICATORS speaks of 'deelnemers' and fits every intervention of the type; it
    is replaced where the intervention's own data says more:
    - subtype 1.1 and the intervention refers explicitly to polarisation or radicalisation
      (`expliciet`, B3.7): recognising polarising or extremist content online (not for a game
      about phishing and hacking, which is media literacy without that subject);
    - type 5 and the intervention works in the neighbourhood (setting 'wijk') with its residents
      (doelgroep 'bewoners') and not at school: a residents' survey in the wijk (a school
      programme measures among its own participants);
    - type 8 and the intervention serves only the municipality and its professionals (SYSTEM_GROUPS):
      what those officials apply, not the trust of participants in the government;
    - type 8 and the intervention is linked to participation in decision-making (PARTICIPATION_FACTOR,
      a children's council): trust and the say the participants experience (the type's own line
      measures trust only: a lesson on how the courts work gives nobody a say)."""
    if number == "1.1" and i.explicit:
        return INDICATOR_MEDIA_EXPLICIT
    if number == "5" and "wijk" in i.settings and "school" not in i.settings and "bewoners" in i.target_groups:
        return INDICATOR_NEIGHBOURHOOD
    if number == "8" and serves_only_system(i):
        return INDICATOR_GOVERNMENT
    if number == "8" and PARTICIPATION_FACTOR in i.factor_ids:
        return INDICATOR_TRUST_AND_SAY
    return TYPE_INDICATORS.get(number)


def serves_only_system(i: Intervention) -> bool:
    """Whether the intervention's participants are only the municipality, its professionals and key
    figures (SYSTEM_GROUPS): then what changes is their practice, not a trait of theirs."""
    return set(i.target_groups) <= set(SYSTEM_GROUPS)


def reach_indicator(i: Intervention, kb: KnowledgeBase) -> str:
    """Its reach among its own target groups (their labels, not the free text of `doelgroep_tekst`),
    with the share that completes the programme, except for an intervention all of whose types are
    NO_COMPLETION_TYPES (a helpline, family support, a network: nothing to complete)."""
    groups = names(kb.label("doelgroepen", g).lower() for g in i.target_groups)
    line = INDICATOR_REACH if set(i.types) <= set(NO_COMPLETION_TYPES) else INDICATOR_REACH_COMPLETING
    return line.format(groups=groups)


def factor_phrase(factor_names: list[str]) -> str:
    """The factors as the indicator lines name them (INDICATOR_FACTOR_NAMES), whatever the grammar
    of their names: "de beschermende factoren 'mediawijsheid' en 'versterken van ondersteunende
    netwerken'"."""
    one, many = INDICATOR_FACTOR_NAMES
    return (one if len(factor_names) == 1 else many).format(names=names(f"'{n}'" for n in factor_names))


def indicators(i: Intervention, covered: list[str], kb: KnowledgeBase) -> list[str]:
    """Measurable indicators for this intervention, in this order: its reach (reach_indicator); per
    type what the type aims at (type_indicator); the change in the chosen factors it covers
    (bouwsteen 1-5), among the participants, or in their practice where they are only officials,
    professionals and key figures (serves_only_system: a training for professionals does not change
    the support young people get in the professionals themselves), less those a type's line
    already measures (MEASURED_FACTORS: one indicator per measured thing); online reach only when it is
    delivered online (setting 'online'; `online` alone means that it addresses the online world,
    as a parent training about social media does, and reaches nobody on a platform) to groups
    (aanpak not 'persoonsgericht': a helpline's chat or a personal app is confidential contact with
    one person, whose platform reach and reactions nobody counts); execution according to plan;
    and an evaluation step where the trede is low or unknown."""
    found = [reach_indicator(i, kb)]
    by_type = [line for t in i.types if (line := type_indicator(t, i))]
    found += by_type
    # a factor of the indirect bouwsteen 6 (a network, a training for professionals) is no trait
    # that changes in participants; the type-9 line measures it. A factor a type's line already
    # measures (MEASURED_FACTORS) gets no second line.
    measured = {f for line in by_type for f in MEASURED_FACTORS.get(line, ())}
    factors = [kb.factors[f].name.lower() for f in covered
               if f in kb.factors and not kb.factors[f].indirect and f not in measured]
    if factors:
        line = INDICATOR_FACTORS_PRACTICE if serves_only_system(i) else INDICATOR_FACTORS
        found.append(line.format(factors=factor_phrase(factors)))
    if "online" in i.settings and i.approach != "persoonsgericht":
        found.append(INDICATOR_ONLINE)
    found.append(INDICATOR_PLAN)
    if i.level is None or i.level <= 1:
        found.append(INDICATOR_EVALUATE)
    return list(dict.fromkeys(found))
