"""The start-up check of the rule table against a knowledge base: every factor, vocabulary
value, intervention type, risk factor and intervention a rule names must exist. Run by
`create_app` (against the loaded knowledge base) and by `kb check` (against data/)."""

from dataclasses import dataclass

from rules.definitions import (ALL_RULES, CAPACITY_SIZES, CHARACTERISTICS, FAMILY_TYPE, MIRRORED, NO_COMPLETION_TYPES,
                               ONE_GROUP_INTERVENTIONS, PARENT_TYPE, PARTICIPATION_FACTOR, SYSTEM_GROUPS, SYSTEM_TYPE,
                               TYPE_INDICATORS)
from rules.model import KnowledgeBase

# The answer questions whose values come from a vocabulary, and the risk factors.
_QUESTIONS = {"doelgroep": "doelgroepen", "setting": "settings", "verschijningsvorm": "verschijningsvormen",
              "fase": "fase"}


class RuleTableInvalid(RuntimeError):
    """The rule table names something the knowledge base lacks; the app does not start."""


@dataclass(frozen=True)
class Names:
    """The ids a knowledge base offers, whatever form it is in (files or domain objects)."""
    factors: frozenset[str]
    vocabularies: dict[str, frozenset[str]]
    types: frozenset[str]
    risk_factors: frozenset[str]
    interventions: frozenset[str]


def names_of(kb: KnowledgeBase) -> Names:
    return Names(frozenset(kb.factors), {v: frozenset(kb.vocabulary_ids(v)) for v in kb.vocabularies},
                 frozenset(kb.types), frozenset(kb.risk_factors), frozenset(kb.interventions))


def check_rules(known: Names) -> list[str]:
    """One Dutch message per name a rule uses that the knowledge base lacks."""
    problems = []

    def need(name: str, kind: str, pool, where: str) -> None:
        if name not in pool:
            problems.append(f"{where} noemt {kind} {name!r}, die niet in de kennisbank staat")

    for rule in ALL_RULES:
        for fid in rule.factors:
            need(fid, "beschermende factor", known.factors, f"Regel {rule.id}")
        clauses = dict((field, value) for field, op, value in rule.when if op in ("==", "in"))
        question, values = clauses.get("question"), clauses.get("value")
        if question and values:
            values = values if isinstance(values, list) else [values]
            if question == "risico":
                for v in values:
                    need(v, "risicofactor", known.risk_factors, f"Regel {rule.id}")
            elif question in _QUESTIONS:
                vocabulary = _QUESTIONS[question]
                for v in values:
                    need(v, f"{vocabulary}-waarde", known.vocabularies.get(vocabulary, frozenset()), f"Regel {rule.id}")
    for rid in CHARACTERISTICS + MIRRORED:
        need(rid, "risicofactor", known.risk_factors, "De lijst van kenmerken en spiegelfactoren")
    for capacity in CAPACITY_SIZES:
        need(capacity, "capaciteit-waarde", known.vocabularies.get("capaciteit", frozenset()), "De pakketgrootte per capaciteit")
    for group in SYSTEM_GROUPS:
        need(group, "doelgroep", known.vocabularies.get("doelgroepen", frozenset()), "De doelgroepen van systeeminterventies")
    for number in (FAMILY_TYPE, PARENT_TYPE, SYSTEM_TYPE, *TYPE_INDICATORS, *NO_COMPLETION_TYPES):
        need(number, "interventietype", known.types, "De regeltabel")
    need(PARTICIPATION_FACTOR, "beschermende factor", known.factors, "De indicator voor inspraak (type 8)")
    for iid in ONE_GROUP_INTERVENTIONS:
        need(iid, "interventie", known.interventions, "De lijst van interventies voor één groep")
    return problems


def assert_rules_fit(kb: KnowledgeBase) -> None:
    """:raise RuleTableInvalid: with every problem, in Dutch."""
    problems = check_rules(names_of(kb))
    if problems:
        raise RuleTableInvalid("De regeltabel (rules/definitions.py) past niet bij de kennisbank: "
                               + "; ".join(problems) + ".")
