"""durable-rules behind a small interface: compile the rule table once per process, evaluate
facts, collect what fired.

durable-rules is fragile in ways measured on these machines (shared/TOOLING.md): the default host
starts timer threads that run actions after `assert_facts` returned, the C engine has no locking,
a ruleset holds at most 1,024 live session ids, and exceptions inside actions are swallowed into
the state. Hence: a host without timers, one process-wide lock per evaluation, `delete_state` in
`finally`, and a check of the state for a stored exception.

Speed (TOOLING.md, measured again in `make bench`): the cost of durable-rules is its Python action
loop (a closure, JSON both ways and a state update per action) and the JSON of the facts. So each
rule is compiled with `cap(N)`: durable calls its action once with every matching fact instead of
once per fact; a fact is asserted with only the fields some condition of its ruleset tests,
less those whose value (0 or 1, False or True) no condition on them can match (_idle_values),
under one- or two-letter names (durable returns each matching fact to the action as JSON), plus
its position, by which a firing is mapped back to the caller's full fact afterwards; and the
actions get durable's decoded frames without its per-action Closure (_BatchRuleset), which
also writes and reads that JSON with orjson.

The catch-all rule stays a plain single-fact rule. A join that never completes would handle every
fact without an action and save ~20 %, but durable's C engine then reads freed memory: with
MALLOC_PERTURB_ set every run crashed in delete_state, and without it one test run in ~30 did."""

import itertools
import operator
import threading
from dataclasses import dataclass
from typing import NamedTuple

import durable.lang as lang
import durable_rules_engine
import orjson
from durable import engine
from durable.lang import cap, m, ruleset, when_all

from rules.definitions import Rule

# Bump when the rule table changes shape: a ruleset name can be registered once per process.
RULESET_VERSION = "v2"

# The most facts durable hands to one action call. Beyond it durable simply calls the action
# again with the rest, so this bounds the size of one JSON message, not what can be evaluated;
# 1,000 covers every rule in one call on the real knowledge base and in two on one ten times larger.
BATCH = 1000

_new_tuple = tuple.__new__

# Field names durable-rules reserves for the session and the fact's identity.
_RESERVED = frozenset({"sid", "id", "$s"})


class RuleEngineError(RuntimeError):
    """A rule failed while evaluating; no partial advice is returned."""


class Firing(NamedTuple):
    """`rule` held for `fact`, which is the caller's own dict (with every field, not only the
    tested ones). A named tuple: an advice creates about a thousand of them."""
    rule: Rule
    fact: dict


def _dumps(value) -> str:
    # the C engine takes text; orjson writes UTF-8 unescaped, as durable's ensure_ascii=False does
    return orjson.dumps(value).decode()


class _BatchRuleset(engine.Ruleset):
    """durable's Ruleset with a lean action loop. durable's own loop wraps every action call in a
    Closure with a Content object per matched fact and a timer check; our actions only read the
    ids of the matched facts, so they get the decoded frames as they are. The C calls are the
    ones durable's loop makes, in its order (update the state, complete and start the next
    action; abandon on an exception), so the C engine still decides and schedules everything.
    The JSON between Python and the C engine (the facts in, every action's frames out) is
    written and read with orjson instead of the json module: it was a third of the time of an
    evaluation (make bench), the rest is the C engine's own work.
    This overrides private methods: durable-rules is pinned (==2.0.28) and unmaintained, and
    tests/rules/test_engine.py covers this loop (exceptions, batches, threads, freed memory)."""

    def __init__(self, name, host, definition):
        self._frame_actions = {rule_name: rule["run"] for rule_name, rule in definition.items()}
        super().__init__(name, host, definition)

    def assert_facts(self, facts):
        """As durable's (its result codes raise the same exceptions), with orjson."""
        return self._handle_result(durable_rules_engine.assert_facts(self._handle, _dumps(facts)), facts)

    def do_actions(self, state_handle, complete):
        """As durable's, with orjson."""
        try:
            result = durable_rules_engine.start_action_for_state(self._handle, state_handle)
            if not result:
                complete(None, None)
            else:
                self._flush_actions(orjson.loads(result[0]), {"message": orjson.loads(result[1])}, state_handle,
                                    complete)
        except BaseException as error:
            complete(error, None)

    def _flush_actions(self, state, result_container, state_offset, complete):
        message = result_container["message"]
        while message:
            (action_name, frames), = message.items()
            try:
                self._frame_actions[action_name](frames)
            except Exception as error:
                durable_rules_engine.abandon_action(self._handle, state_offset)
                complete(error, None)
                return
            durable_rules_engine.update_state(self._handle, _dumps(state))
            following = durable_rules_engine.complete_and_start_action(self._handle, state_offset)
            message = orjson.loads(following) if following else None
        complete(None, state)


class _QuietHost(engine.Host):
    def _run(self):  # no dispatch/timer threads: every action runs inside assert_facts
        pass

    def register_rulesets(self, ruleset_definitions):
        """As durable's, with _BatchRuleset (plain rulesets only: no statecharts or flowcharts)."""
        for name, definition in ruleset_definitions.items():
            if name in self._ruleset_directory:
                raise RuleEngineError(f"Ruleset {name} is al geregistreerd")
            created = _BatchRuleset(name, self, definition)
            self._ruleset_directory[name] = created
            self._ruleset_list.append(created)
        return list(ruleset_definitions)


@dataclass(frozen=True)
class _Compiled:
    rules: tuple[Rule, ...]
    # (field, name in durable, idle values) for every field a condition tests: see _idle_values
    fields: tuple[tuple[str, str, frozenset], ...]


def _surely_false(op: str, value, actual) -> bool:
    """Whether the clause `actual <op> value` is false in durable-rules, for a number `actual`:
    certain only when `value` (each option, for "in") is a number too, as durable and Python
    then agree (booleans count as 0 and 1; rules/reference.py); anything else is left to durable."""
    options = tuple(value) if op == "in" else (value,)
    if not all(isinstance(option, (int, float)) for option in options):
        return False
    if op == "in":
        return actual not in options
    return not {"==": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge,
                "<": operator.lt, "<=": operator.le}[op](actual, value)


def _idle_values(field_name: str, rules: tuple[Rule, ...]) -> frozenset:
    """Of 0 and 1 (so also False and True, which durable compares as numbers), the values that
    make every clause on `field_name` false. A fact holding one is asserted without the field:
    a clause on a field a fact lacks is false too, so every rule decides the same, and
    durable-rules reads, matches and hands back a smaller fact (most facts have most flags off
    and most counts at zero). "kind" always goes in: the catch-all rule tests it."""
    if field_name == "kind":
        return frozenset()
    clauses = [(op, value) for rule in rules for name, op, value in rule.when if name == field_name]
    return frozenset(v for v in (0, 1) if all(_surely_false(op, value, v) for op, value in clauses))


_host = _QuietHost()
_lock = threading.Lock()
_session_ids = itertools.count(1)
# (fact position, rule position) pairs of the evaluation in progress; only touched under _lock
_collector: list[tuple[int, int]] | None = None
_facts: list[dict] | None = None
_compiled: dict[str, _Compiled] = {}


def _clause(field: str, op: str, value):
    operand = getattr(m, field)  # `field` is the short name the fact is asserted under
    if op == "in":
        expression = None
        for item in value:
            part = operand == item
            expression = part if expression is None else (expression | part)
        return expression
    return {"==": operand.__eq__, "!=": operand.__ne__, ">": operand.__gt__, ">=": operand.__ge__,
            "<": operand.__lt__, "<=": operand.__le__}[op](value)


def _condition(rule: Rule, short: dict[str, str]):
    expression = None
    for field, op, value in rule.when:
        # parenthesise each clause: `a << b & c` binds as `(a << b) & c` in durable's DSL
        part = _clause(short[field], op, value)
        expression = part if expression is None else (expression & part)
    return expression


def _record(position: int, rule: Rule, action):
    """The durable action of one rule: called with the frames of every fact that matched it
    (a list, by `cap`), each {"m": asserted fact}."""
    def run(frames):
        matched = [frame["m"]["id"] for frame in frames]
        _collector.extend(zip(matched, itertools.repeat(position)))
        if action is not None:
            for fact in matched:
                action(_facts[fact])
    return run


def _ignore(frames):
    pass


def tested_fields(rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """The fields the conditions of `rules` test, in the order of first use; "kind" always, as
    the catch-all rule tests it. Only these go into durable-rules."""
    fields = {"kind": None}
    for rule in rules:
        for field, _, _ in rule.when:
            fields[field] = None
    return tuple(fields)


def _short_names(count: int) -> list[str]:
    """a, b, ..., z, ba, bb, ...: never a name durable-rules reserves."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = []
    n = 0
    while len(names) < count:
        name = letters[n] if n < len(letters) else letters[n // len(letters)] + letters[n % len(letters)]
        if name not in _RESERVED:
            names.append(name)
        n += 1
    return names


def compile_rules(name: str, rules: tuple[Rule, ...], action=None) -> str:
    """Register `rules` as a durable ruleset (once per process) and return its full name.

    `action(rule)`, if given, makes a callable that is called with each fact the rule holds for
    (the caller's dict), inside durable's action: an exception it raises fails the evaluation
    with RuleEngineError. Firings are recorded either way.

    :raise ValueError: if a condition tests a field durable-rules reserves (sid, id)."""
    full = f"bouwstenenwijzer_{name}_{RULESET_VERSION}"
    if full in _compiled:
        return full
    fields = tested_fields(rules)
    if _RESERVED & set(fields):
        raise ValueError(f"Ruleset {name}: a condition tests a reserved field ({sorted(_RESERVED & set(fields))})")
    short = dict(zip(fields, _short_names(len(fields))))
    with ruleset(full):
        for position, rule in enumerate(rules):
            when_all(cap(BATCH), _condition(rule, short))(_record(position, rule, action and action(rule)))
        # The catch-all: every fact (they all have a kind) matches this rule, so durable never
        # raises "not handled" for a fact no other rule matches (the whole batch would fail);
        # by `cap` its action runs once per evaluation.
        when_all(cap(BATCH), getattr(m, short["kind"]).matches(".*"))(_ignore)
    definition = lang._rulesets.pop(full)
    ruleset_name, body = definition.define()
    with _lock:  # the C engine has no locking: never register while another thread evaluates
        _host.register_rulesets({ruleset_name: body})
        _compiled[ruleset_name] = _Compiled(tuple(rules), tuple((field_name, name, _idle_values(field_name, rules))
                                                               for field_name, name in short.items()))
    return ruleset_name


def rules_of(ruleset_name: str) -> tuple[Rule, ...]:
    """The rule table compiled under `ruleset_name` (for the reference evaluation and the bench)."""
    return _compiled[ruleset_name].rules


def evaluate(ruleset_name: str, facts: list[dict]) -> list[Firing]:
    """Assert `facts` in a fresh session and return every rule that fired, with its fact: ordered
    by fact (as given), then by rule (as compiled).

    A fact must carry a "kind" string (the catch-all rule tests it), and JSON scalars (str,
    number, bool, None) in the fields the conditions test. A field that a condition
    tests but a fact lacks makes that condition false.

    :raise RuleEngineError: if any action raised (durable-rules would swallow it), a fact has no
        kind, or durable-rules refused the facts."""
    global _collector, _facts
    if not facts:
        return []
    compiled = _compiled[ruleset_name]
    fields = compiled.fields
    with _lock:
        sid = str(next(_session_ids))
        slim = []
        for position, fact in enumerate(facts):
            if not isinstance(fact.get("kind"), str):
                raise RuleEngineError(f"Feit {position} heeft geen soort (kind): {fact!r}")
            asserted = {name: value for field_name, name, idle in fields
                        if field_name in fact and (value := fact[field_name]) not in idle}
            asserted["sid"] = sid
            asserted["id"] = position
            slim.append(asserted)
        _collector, _facts = [], facts
        try:
            try:
                _host.assert_facts(ruleset_name, slim)
            except (engine.MessageNotHandledException, engine.MessageObservedException) as exc:
                raise RuleEngineError(f"durable-rules weigerde de feiten: {exc.message}") from None
            except Exception as exc:  # raised by an action, passed on by the action loop
                raise RuleEngineError(f"Een regel faalde tijdens het samenstellen van het advies: {exc!r}") from exc
            state = _host.get_state(ruleset_name, sid)
            if "exception" in state:
                raise RuleEngineError(f"Een regel faalde tijdens het samenstellen van het advies: {state['exception']}")
            fired = sorted(_collector)
        finally:
            _collector, _facts = None, None
            _host.delete_state(ruleset_name, sid)
    rules = compiled.rules
    # tuple.__new__ is what Firing(...) calls, without the Python frame of its __new__ (~1,000 per advice)
    return [_new_tuple(Firing, (rules[rule], facts[fact])) for fact, rule in fired]
