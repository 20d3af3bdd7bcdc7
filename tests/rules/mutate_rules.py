"""Mutation run over the rule table: remove each rule in turn, flip the sign of each weight, and
turn each package-rule outcome from met to not met (and back); for each mutant, run the fast rule
tests and report whether some test failed (the mutant is "killed").

    .venv/bin/python tests/rules/mutate_rules.py            # every mutant, fast tests
    .venv/bin/python tests/rules/mutate_rules.py --all      # survivors again against tests/rules

Not collected by pytest (its name does not start with test_). The same file is the pytest plugin
that applies one mutant: `-p tests.rules.mutate_rules` with BOUWSTENENWIJZER_MUTANT set, loaded
before any test module imports the rule table."""

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = "BOUWSTENENWIJZER_MUTANT"
TABLES = ("SUGGESTION_RULES", "WARNING_RULES", "FIRST_STEP_RULES", "FILTER_RULES", "SCORE_RULES", "CAVEAT_RULES",
          "PLACEMENT_RULES", "PACKAGE_RULES")
FAST = ["tests/rules/test_rule_table.py", "tests/rules/test_advise_small.py", "tests/rules/test_advice_model.py"]
FULL = ["tests/rules"]


def _mutate(rule, operation: str, arg: str | None):
    if operation == "remove":
        return None
    if operation == "flip":
        return replace(rule, weight=-rule.weight)
    if operation == "verdict":
        n = int(arg)
        verdicts = list(rule.verdicts)
        verdicts[n] = replace(verdicts[n], met=not verdicts[n].met)
        return replace(rule, verdicts=tuple(verdicts))
    raise ValueError(operation)


def apply(spec: str) -> None:
    """Rewrite the tables of rules.definitions for one mutant 'operation:rule-id[:arg]'."""
    import rules.definitions as d
    operation, rule_id, *rest = spec.split(":")
    arg = rest[0] if rest else None
    for name in TABLES:
        table = []
        for rule in getattr(d, name):
            rule = _mutate(rule, operation, arg) if rule.id == rule_id else rule
            if rule is not None:
                table.append(rule)
        setattr(d, name, tuple(table))
    d.ALL_RULES = tuple(r for name in TABLES for r in getattr(d, name))
    d.RULES_BY_ID = {r.id: r for r in d.ALL_RULES}
    d.PLACEMENTS = {r.id: r for r in d.PLACEMENT_RULES}


if os.environ.get(ENV) and __name__ != "__main__":  # loaded as the pytest plugin of one mutant
    apply(os.environ[ENV])


def mutants() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from rules.definitions import ALL_RULES, SCORE
    found = [f"remove:{r.id}" for r in ALL_RULES]
    found += [f"flip:{r.id}" for r in ALL_RULES if r.kind == SCORE and r.weight]
    found += [f"verdict:{r.id}:{n}" for r in ALL_RULES for n, _ in enumerate(r.verdicts)]
    return found


def killed(spec: str, paths: list[str]) -> bool:
    env = {**os.environ, ENV: spec, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                             "-p", "tests.rules.mutate_rules", *paths],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    return result.returncode != 0


def main(argv: list[str]) -> int:
    start = time.time()
    specs = mutants()
    survivors = [s for s in specs if not killed(s, FAST)]
    if "--all" in argv:
        survivors = [s for s in survivors if not killed(s, FULL)]
    by_operation: dict[str, list[int]] = {}
    for spec in specs:
        counts = by_operation.setdefault(spec.split(":")[0], [0, 0])
        counts[0] += 1
        counts[1] += spec not in survivors
    for operation, (total, dead) in by_operation.items():
        print(f"{operation:8} {dead}/{total} mutanten gedood")
    print(f"totaal   {len(specs) - len(survivors)}/{len(specs)} gedood in {time.time() - start:.0f} s")
    for spec in survivors:
        print(f"overleefd: {spec}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
