"""durable-rules behind a small interface: compile the rule table once per process, evaluate
facts, collect what fired.

durable-rules is fragile in ways measured on these machines (shared/TOOLING.md): the default host
starts timer threads that run actions after `assert_facts` returned, the C engine has no locking,
a ruleset holds at most 1,024 live session ids, and exceptions inside actions are swallowed into
the state. Hence: a host without timers, one process-wide lock per evaluation, `delete_state` in
`finally`, and a check of the state for a stored exception."""

import itertools
import threading
from dataclasses import dataclass

import durable.lang as lang
from durable import engine
from durable.lang import m, ruleset, when_all

from rules.definitions import Rule

# Bump when the rule table changes shape: a ruleset name can be registered once per process.
RULESET_VERSION = "v1"


class RuleEngineError(RuntimeError):
    """A rule failed while evaluating; no partial advice is returned."""


@dataclass(frozen=True)
class Firing:
    rule: Rule
    fact: dict


class _QuietHost(engine.Host):
    def _run(self):  # no dispatch/timer threads: every action runs inside assert_facts
        pass


_host = _QuietHost()
_lock = threading.Lock()
_session_ids = itertools.count(1)
_collector: list[Firing] | None = None
_compiled: dict[str, str] = {}


def _clause(field: str, op: str, value):
    operand = getattr(m, field)
    if op == "in":
        expression = None
        for item in value:
            part = operand == item
            expression = part if expression is None else (expression | part)
        return expression
    return {"==": operand.__eq__, "!=": operand.__ne__, ">": operand.__gt__, ">=": operand.__ge__,
            "<": operand.__lt__, "<=": operand.__le__}[op](value)


def _condition(rule: Rule):
    expression = None
    for field, op, value in rule.when:
        # parenthesise each clause: `a << b & c` binds as `(a << b) & c` in durable's DSL
        part = _clause(field, op, value)
        expression = part if expression is None else (expression & part)
    return expression


def _record(rule: Rule):
    def action(c):
        fact = {k: v for k, v in c.m.items() if k not in ("sid", "id", "$s")}
        _collector.append(Firing(rule, fact))
    return action


def compile_rules(name: str, rules: tuple[Rule, ...], action=None) -> str:
    """Register `rules` as a durable ruleset (once per process) and return its full name.

    `action(rule)` makes each rule's action; the default records the firing."""
    full = f"bouwstenenwijzer_{name}_{RULESET_VERSION}"
    if full in _compiled:
        return full
    with ruleset(full):
        for rule in rules:
            when_all(_condition(rule))((action or _record)(rule))
        # every fact is handled by at least this rule, so durable never raises "not handled"
        when_all(m.kind.matches(".*"))(lambda c: None)
    definition = lang._rulesets.pop(full)
    ruleset_name, body = definition.define()
    _host.register_rulesets({ruleset_name: body})
    _compiled[full] = ruleset_name
    return ruleset_name


def evaluate(ruleset_name: str, facts: list[dict]) -> list[Firing]:
    """Assert `facts` in a fresh session and return every rule that fired, with its fact.

    :raise RuleEngineError: if any action raised (durable-rules would swallow it)."""
    global _collector
    if not facts:
        return []
    with _lock:
        sid = str(next(_session_ids))
        _collector = []
        try:
            _host.assert_facts(ruleset_name, [{**fact, "sid": sid, "id": f"f{i}"} for i, fact in enumerate(facts)])
            state = _host.get_state(ruleset_name, sid)
            if "exception" in state:
                raise RuleEngineError(f"Een regel faalde tijdens het samenstellen van het advies: {state['exception']}")
            return _collector
        finally:
            _collector = None
            _host.delete_state(ruleset_name, sid)
