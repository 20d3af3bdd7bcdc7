"""durable-rules (rules/engine.py) and the plain-Python reference (rules/reference.py) decide the
same firings, on the facts of real advices and on hand-picked edge values."""

import random
from collections import Counter

import pytest

from benchmarks.profiles import random_profile, recorded_evaluations
from rules import engine, reference
from rules.advise import _CAVEATS, _SCORES, advise
from rules.definitions import ALL_RULES, CAVEAT_RULES, FILTER_RULES, SCORE_RULES, SCORE, Rule
from rules.profile import parse_profile


def _engine_and_reference_on_profiles(kb, seed, count):
    rng = random.Random(seed)
    fired, evaluations = Counter(), 0
    for _ in range(count):
        profile = parse_profile(random_profile(kb, rng), kb)
        for name, facts, firings in recorded_evaluations(lambda: advise(profile, kb)):
            assert firings == reference.evaluate(engine.rules_of(name), facts), name
            fired.update(f.rule.id for f in firings)
            evaluations += 1
            if name == _SCORES:
                # the advice asks the caveats of its package only; compare them on every candidate too
                caveats = engine.evaluate(_CAVEATS, facts)
                assert caveats == reference.evaluate(CAVEAT_RULES, facts)
                fired.update(f.rule.id for f in caveats)
    return fired, evaluations


def test_engine_equals_reference_on_forty_generated_profiles_of_the_real_knowledge_base(real_kb):
    fired, evaluations = _engine_and_reference_on_profiles(real_kb, seed=15, count=40)
    assert evaluations >= 40 * 4  # suggestions, filters, scores and the package rules each time
    # the comparison covers the table: every filter, score and caveat rule fired somewhere (the
    # package verdicts and warnings need profiles this generator seldom draws; the table-driven
    # tests of tests/rules/test_rule_table.py pin each of them)
    table = {r.id for r in FILTER_RULES + SCORE_RULES + CAVEAT_RULES}
    # no real intervention is withdrawn; and the schema (rules/model.py) demands a trede_reden
    # wherever trede or its source is missing, which these two caveats need to be absent
    cannot_fire_on_real_data = {"F-TERUGGETROKKEN", "K-GEEN-TREDE", "K-BRON-ONBEKEND"}
    assert table - set(fired) == cannot_fire_on_real_data
    assert any(rule_id.startswith("V-") for rule_id in fired)


def test_engine_equals_reference_on_the_small_knowledge_base(small_kb):
    fired, _ = _engine_and_reference_on_profiles(small_kb, seed=3, count=30)
    assert fired["F-AANSLUITING"] > 0 and fired["S-FACTOR-DIRECT"] > 0


EDGE_VALUES = [None, False, True, 0, 1, 1.0, 2, -1, 2.5]
EDGE_CLAUSES = [("==", False), ("==", True), ("==", 0), ("==", 1), ("!=", 0), ("!=", False), (">", 0),
                (">=", 0), ("<", 1), ("<=", 1), ("==", 1.0), ("in", [0, 2]), ("==", None), ("!=", None)]
EDGE_RULES = tuple(Rule(f"E{n}", SCORE, f"v {op} {value!r}", (("kind", "==", "edge"), ("v", op, value)), "t", "test", 1.0)
                   for n, (op, value) in enumerate(EDGE_CLAUSES))
EDGE_FACTS = [{"kind": "edge", "v": v, "n": n} for n, v in enumerate(EDGE_VALUES)] + [{"kind": "edge", "n": -1}]


def test_engine_equals_reference_on_edge_values():
    name = engine.compile_rules("test_edge_values", EDGE_RULES)
    assert engine.evaluate(name, EDGE_FACTS) == reference.evaluate(EDGE_RULES, EDGE_FACTS)


SEMANTICS = [
    (None, "==", None, True),
    (None, "!=", 0, False),        # None fails every clause but `== None`
    (None, "!=", None, False),
    (0, "!=", None, True),
    (True, "==", 1, True),         # booleans are the numbers 0 and 1
    (False, "<", 1, True),
    (1.0, "==", 1, True),
    (2, "in", [0, 2], True),
    ("missing", "!=", 0, False),   # a field the fact lacks fails every clause
]


@pytest.mark.parametrize("case", range(len(SEMANTICS)))
def test_both_evaluations_agree_with_the_semantics_documented_in_the_reference(case):
    value, op, expected, fires = SEMANTICS[case]
    rule = Rule("E-ONE", SCORE, "één", (("kind", "==", "edge"), ("v", op, expected)), "t", "test", 1.0)
    fact = {"kind": "edge"} if value == "missing" else {"kind": "edge", "v": value}
    name = engine.compile_rules(f"test_semantics_{case}", (rule,))
    assert [f.rule.id for f in engine.evaluate(name, [fact])] == (["E-ONE"] if fires else [])
    assert [f.rule.id for f in reference.evaluate((rule,), [fact])] == (["E-ONE"] if fires else [])


def test_firings_come_in_fact_order_then_rule_order_in_both():
    rules = (Rule("B", SCORE, "b", (("kind", "==", "x"), ("n", ">", 0)), "t", "test", 1.0),
             Rule("A", SCORE, "a", (("kind", "==", "x"),), "t", "test", 1.0))
    facts = [{"kind": "x", "n": 0}, {"kind": "x", "n": 2}, {"kind": "y", "n": 5}, {"kind": "x", "n": 1}]
    name = engine.compile_rules("test_order", rules)
    expected = [("A", 0), ("B", 1), ("A", 1), ("B", 3), ("A", 3)]
    for firings in (engine.evaluate(name, facts), reference.evaluate(rules, facts)):
        assert [(f.rule.id, facts.index(f.fact)) for f in firings] == expected


def test_the_reference_refuses_to_compare_a_string_with_a_number():
    rules = (Rule("S", SCORE, "s", (("kind", "==", "x"), ("level", ">=", 3)), "t", "test", 1.0),)
    with pytest.raises(TypeError, match="level='3'"):
        reference.evaluate(rules, [{"kind": "x", "level": "3"}])
