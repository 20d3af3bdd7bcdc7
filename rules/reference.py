"""A plain-Python evaluation of the same rule table: the yardstick for rules/engine.py.

It returns what `engine.evaluate` returns for the same `Rule` tuples and facts (the same Firing
list, in the same order: by fact, then by rule), and serves two purposes: tests check that
durable-rules decides exactly what this says, and `make bench` prints how much time durable-rules
costs over it. The advice itself is always decided by durable-rules.

The semantics are those durable-rules showed on the values the rule table uses (measured with
tests/rules/test_reference.py): a clause on a field the fact lacks is false; a None value
satisfies `== None` only (and fails every other clause, `!= 0` too); booleans compare as the
numbers 0 and 1, integers and floats as numbers.
durable-rules also coerces strings to numbers ('1' == 1); the rule table never relies on that,
and this module refuses such a comparison rather than guess."""

import operator
from numbers import Number

from rules.definitions import Rule
from rules.engine import Firing

_OPS = {"==": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge,
        "<": operator.lt, "<=": operator.le}
_MISSING = object()


def _comparable(a, b) -> bool:
    return isinstance(a, str) == isinstance(b, str) and (isinstance(a, (str, Number)) and isinstance(b, (str, Number)))


def _clause(rule_id: str, field: str, op: str, value):
    """A predicate over one fact for one (field, operator, value) clause."""
    if op == "in":
        options = tuple(value)

        def holds(fact):
            actual = fact.get(field, _MISSING)
            if actual is _MISSING or actual is None:
                return False
            for option in options:
                if not _comparable(actual, option):
                    raise TypeError(f"Regel {rule_id}: {field}={actual!r} is niet te vergelijken met {option!r}")
            return actual in options
        return holds
    compare = _OPS[op]
    if value is None:
        if op not in ("==", "!="):
            raise TypeError(f"Regel {rule_id}: {field} {op} None is geen vergelijking")

        def holds_none(fact):
            actual = fact.get(field, _MISSING)
            return actual is not _MISSING and (actual is None) == (op == "==")
        return holds_none

    def holds(fact):
        actual = fact.get(field, _MISSING)
        if actual is _MISSING or actual is None:
            return False
        if not _comparable(actual, value):
            raise TypeError(f"Regel {rule_id}: {field}={actual!r} is niet te vergelijken met {value!r}")
        return compare(actual, value)
    return holds


def compile_reference(rules: tuple[Rule, ...]):
    """A function facts -> list[Firing] that evaluates `rules` in plain Python.

    :raise TypeError: (from the function) when a clause compares a string with a number."""
    compiled = [(rule, tuple(_clause(rule.id, *clause) for clause in rule.when)) for rule in rules]

    def evaluate_facts(facts: list[dict]) -> list[Firing]:
        firings = []
        for fact in facts:
            for rule, clauses in compiled:
                for holds in clauses:
                    if not holds(fact):
                        break
                else:
                    firings.append(Firing(rule, fact))
        return firings
    return evaluate_facts


def evaluate(rules: tuple[Rule, ...], facts: list[dict]) -> list[Firing]:
    """Every rule of `rules` that holds for each fact, ordered by fact, then by rule."""
    return compile_reference(rules)(facts)
