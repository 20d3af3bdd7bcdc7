"""What the detail pages show beyond the knowledge base's own fields: caveats, and the links
between interventions, factors and types. Pure functions over the domain objects."""

from dataclasses import dataclass

from rules.caveats import intervention_caveats
from rules.model import Intervention, InterventionType, KnowledgeBase, ProtectiveFactor
from rules.slug import slugify
from wizard.catalogue.facets import has_type


@dataclass(frozen=True)
class Caveat:
    label: str     # short, for the badge in the list
    sentence: str  # the explanation on the intervention's page


def caveats(i: Intervention) -> list[Caveat]:
    """What a reader must know before relying on this intervention, each with its reason: the
    caveat rules of the rule table (rules/definitions.py)."""
    return [Caveat(label, sentence) for label, sentence in intervention_caveats(i)]


def by_name(interventions) -> list[Intervention]:
    return sorted(interventions, key=lambda i: slugify(i.name))


TypeGroup = tuple[InterventionType, list[Intervention]]


def from_appendix(i: Intervention, factor: ProtectiveFactor) -> bool:
    """Whether the link between `i` and `factor` is no row of the report's tables B3.1-B3.6 but
    one the knowledge base added from Bijlage 2 (data/AFWIJKINGEN.md 5.11): the same fact the
    rule engine reads (Intervention.appendix_factor_ids, rules/facts.py Match.appendix)."""
    return factor.id in i.appendix_factor_ids


@dataclass(frozen=True)
class FactorInterventions:
    named: list[Intervention]      # the report's tables name them at the factor
    appendix: list[Intervention]   # linked by the knowledge base from Bijlage 2 (from_appendix)
    via_types: list[TypeGroup]     # per type of the factor, the other interventions of that type


def factor_interventions(kb: KnowledgeBase, factor: ProtectiveFactor) -> FactorInterventions:
    """The interventions linked to the factor, told apart by who links them, and per type of
    the factor the other interventions of that type (or its subtypes)."""
    linked = [kb.interventions[i] for i in factor.intervention_ids if i in kb.interventions]
    via_types = []
    for number in factor.types:
        if number in kb.types:
            others = [i for i in kb.interventions.values()
                      if has_type(kb, i, number) and i.id not in factor.intervention_ids]
            via_types.append((kb.types[number], by_name(others)))
    return FactorInterventions([i for i in linked if not from_appendix(i, factor)],
                               [i for i in linked if from_appendix(i, factor)], via_types)


def appendix_types(kb: KnowledgeBase, factor: ProtectiveFactor, interventions) -> list[InterventionType]:
    """The types through which Bijlage 2 links `interventions` to `factor`: the factor's types
    that one of them has (kb check makes each such link share one)."""
    return [kb.types[n] for n in factor.types if n in kb.types and any(has_type(kb, i, n) for i in interventions)]


def type_interventions(kb: KnowledgeBase, number: str) -> list[Intervention]:
    return by_name(i for i in kb.interventions.values() if has_type(kb, i, number))


def type_factors(kb: KnowledgeBase, number: str) -> list[ProtectiveFactor]:
    """Factors for which tables B3.x name this type (or one of its subtypes)."""
    def covers(t: str) -> bool:
        return t == number or (t in kb.types and kb.types[t].parent == number)
    return [f for f in kb.factors.values() if any(covers(t) for t in f.types)]


def subtypes(kb: KnowledgeBase, number: str) -> list[InterventionType]:
    return [t for t in kb.types.values() if t.parent == number]


def intervention_named(kb: KnowledgeBase, name: str) -> Intervention | None:
    """The intervention a free-text name (a type's example) refers to, by name or alias."""
    key = slugify(name)
    for i in kb.interventions.values():
        if key in {slugify(n) for n in (i.name, *i.aliases)}:
            return i
    return None


def factor_named(kb: KnowledgeBase, name: str) -> ProtectiveFactor | None:
    return kb.factors.get(slugify(name))
