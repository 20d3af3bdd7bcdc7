"""The condition of a rule in words, for the page 'Hoe komt het advies tot stand?'.

The page shows a condition only where it depends on an answer: which question of the
questionnaire and which of its choices make the rule apply ('u koos bij ‘Welke verschijnselen
baren zorgen?’ (stap 1): Jihadistisch extremisme, ...'). That is the one part the rule's own
sentence leaves open ('Voorgesteld omdat u … noemde'). Both the question and the choices are
named as the questionnaire names them (its step forms and the knowledge base), from the rule's
clauses in rules/definitions.py: no second wording of any rule.

Every other condition is about a fact the engine derives from an intervention, the profile or the
package ('has_evaluation == False', 'indirect_count > 0'). The title and sentence of each such
rule say in words when it applies ('het rapport noemt er geen evaluatie bij'), so the page leaves
those clauses out rather than translate some eighty engine fields into a second, hand-written
description of the same rules."""

from dataclasses import dataclass

from rules.definitions import Rule
from rules.model import KnowledgeBase
from wizard.questionnaire import field_names

# the answer facts of rules/facts.py answer_facts: their 'question' -> the profile field it reads
_ANSWER_FIELDS = {"verschijningsvorm": "context.verschijningsvormen", "online": "context.online",
                  "fase": "context.fase", "doelgroep": "doelgroepen", "setting": "settings",
                  "risico": "risico_indicaties"}


@dataclass(frozen=True)
class AnswerCondition:
    question: str            # '‘Doelgroepen’ (stap 2)'
    choices: tuple[str, ...]  # the labels of the values that make the rule apply; () any answer

    def __str__(self) -> str:
        if not self.choices:
            return f"een antwoord bij {self.question}"
        return f"u koos bij {self.question}: {_either(self.choices)}"


def answer_condition(rule: Rule, kb: KnowledgeBase) -> AnswerCondition | None:
    """The answer `rule` depends on, or None for a rule about derived facts only."""
    clauses = {field: value for field, op, value in rule.when if op in ("==", "in")}
    if clauses.get("kind") != "answer" or clauses.get("question") not in _ANSWER_FIELDS:
        return None
    step, name = field_names.field_of(_ANSWER_FIELDS[clauses["question"]])
    labels = {c.value: c.label for c in _choices(step, name, kb)}
    values = clauses.get("value") or []
    values = values if isinstance(values, list) else [values]
    return AnswerCondition(field_names.question(_ANSWER_FIELDS[clauses["question"]]),
                           tuple(labels.get(v, v) for v in values))


def _choices(step, name: str, kb: KnowledgeBase) -> list:
    """The choices the questionnaire offers for field `name` of `step` (from the knowledge base,
    or fixed in the form, as the online question's Ja/Nee)."""
    return step.form.choices_of(kb).get(name) or getattr(step.form, name).kwargs.get("choices") or []


def _either(labels: tuple[str, ...]) -> str:
    """'A, B of C'; with ';' between labels that hold a comma themselves."""
    if len(labels) == 1:
        return labels[0]
    separator = "; " if any("," in label for label in labels) else ", "
    return separator.join(labels[:-1]) + " of " + labels[-1]
