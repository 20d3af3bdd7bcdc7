import gc
import threading

import pytest

from rules import engine
from rules.advise import advise
from rules.definitions import ALL_RULES, PACKAGE, SCORE, SUGGESTION, Rule
from rules.profile import parse_profile


def test_every_rule_has_an_id_a_dutch_template_and_a_source():
    ids = [r.id for r in ALL_RULES]
    assert len(ids) == len(set(ids))
    for rule in ALL_RULES:
        assert (rule.template or rule.kind == PACKAGE) and rule.source and rule.title
        if rule.kind == SCORE:
            assert rule.weight is not None
        if rule.kind == SUGGESTION:
            assert rule.factors
        if rule.kind == PACKAGE:
            assert rule.verdicts and {v.met for v in rule.verdicts} == {True, False}
            assert all(v.template for v in rule.verdicts)


def test_an_exception_inside_a_rule_surfaces_as_an_error():
    def failing(rule):
        def action(c):
            raise ValueError("kapot")
        return action
    name = engine.compile_rules("test_failing", (Rule("T-FAAL", SCORE, "faalt", (("kind", "==", "x"),), "t", "test", 1.0),),
                                action=failing)
    with pytest.raises(engine.RuleEngineError, match="kapot"):
        engine.evaluate(name, [{"kind": "x"}])
    # the failed session was cleaned up: the next evaluation starts fresh and works
    ok = engine.compile_rules("test_ok", (Rule("T-OK", SCORE, "ok", (("kind", "==", "x"),), "t", "test", 1.0),))
    assert [f.rule.id for f in engine.evaluate(ok, [{"kind": "x"}])] == ["T-OK"]


def test_facts_that_no_rule_tests_do_not_break_an_evaluation():
    name = engine.compile_rules("test_unhandled", (Rule("T-A", SCORE, "a", (("kind", "==", "a"),), "t", "test", 1.0),))
    assert [f.fact["kind"] for f in engine.evaluate(name, [{"kind": "a"}, {"kind": "b"}])] == ["a"]


PROFILES = [
    {"gemeente": f"Stad {n}", "context": {"online": n % 2 == 0, "fase": "start" if n % 3 == 0 else "gevestigd"},
     "doelgroepen": [["jongeren"], ["ouders-opvoeders"], ["jongeren", "families"]][n % 3],
     "factoren": [{"id": f} for f in [["identiteit"], ["mediawijsheid", "opvoeding"], ["contact", "zonder-interventie"]][n % 3]],
     "voorkeuren": {"max_interventies": 1 + n % 4, "min_trede": [None, 1, 2][n % 3]}}
    for n in range(8)
]


def test_eight_threads_times_fifty_advices_equal_the_serial_results(small_kb):
    profiles = [parse_profile(p, small_kb) for p in PROFILES]
    serial = [advise(p, small_kb) for p in profiles]
    results, errors = {}, []

    def work(n):
        try:
            results[n] = [advise(profiles[n], small_kb) for _ in range(50)]
        except Exception as exc:  # collected so that the main thread fails the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for n in range(8):
        assert all(r == serial[n] for r in results[n])


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_five_thousand_advices_in_a_row_leave_memory_flat(small_kb):
    profile = parse_profile(PROFILES[1], small_kb)
    for _ in range(500):  # warm up caches and allocator pools
        advise(profile, small_kb)
    gc.collect()
    before = _rss_kib()
    for _ in range(5000):
        advise(profile, small_kb)
    gc.collect()
    growth = _rss_kib() - before
    # a leak of one session id per advice (durable keeps state per sid) would pass 1,024 sids
    # and raise MemoryError long before; a few MiB of allocator noise is not a leak
    assert growth < 8 * 1024, f"RSS grew by {growth} KiB"
