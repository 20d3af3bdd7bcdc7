"""Generated profiles and recorded rule evaluations, shared by `make bench` and the engine tests.

`random_profile` draws a valid profile (as parsed JSON) from a knowledge base's own vocabularies,
factors, risk factors and interventions. `recorded_evaluations` runs an advice and returns every
`engine.evaluate` call it made, so that the same facts can be evaluated again by durable-rules
and by the plain-Python reference (rules/reference.py)."""

import contextlib
import random

from rules import engine
from rules.model import KnowledgeBase
from rules.check import check_rules, names_of

PREFERENCE_CHOICES = {"min_trede": [None, 0, 1, 2, 3], "aanpak": ["persoonsgericht", "collectief", "beide"]}


def random_profile(kb: KnowledgeBase, rng: random.Random) -> dict:
    """A profile that `parse_profile` accepts for `kb`. At least one factor is chosen when the
    suggestion rules name factors `kb` lacks (the small test knowledge base)."""
    def vocabulary(name):
        return [term.id for term in kb.vocabularies.get(name, ())]

    def some(items, most):
        items = list(items)
        return rng.sample(items, min(len(items), rng.randint(0, most)))

    fewest_factors = 1 if check_rules(names_of(kb)) else 0
    factors = rng.sample(list(kb.factors), min(len(kb.factors), rng.randint(fewest_factors, 6)))
    # what a municipality already runs is mostly aimed at the factors it chooses
    linked = sorted({i for f in factors for i in kb.factors[f].intervention_ids if i in kb.interventions})
    in_use = some(linked if linked and rng.random() < 0.7 else kb.interventions, 2)
    return {
        "gemeente": f"Proefstad {rng.randint(1, 999)}",
        "context": {"fase": rng.choice([None, *vocabulary("fase")]), "online": rng.random() < 0.5,
                    "verschijningsvormen": some(vocabulary("verschijningsvormen"), 3),
                    "huidige_interventies": in_use},
        "doelgroepen": some(vocabulary("doelgroepen"), 3),
        "settings": some(vocabulary("settings"), 3),
        "risico_indicaties": some(kb.risk_factors, 2),
        "factoren": [{"id": f, "prioriteit": rng.choice(["hoog", "normaal"])} for f in factors],
        "voorkeuren": {"min_trede": rng.choice(PREFERENCE_CHOICES["min_trede"]),
                       "alleen_aangeboden": rng.random() < 0.3, "max_interventies": rng.randint(1, 12),
                       "indirect_meenemen": rng.random() < 0.7, "aanpak": rng.choice(PREFERENCE_CHOICES["aanpak"])},
    }


@contextlib.contextmanager
def substituted_evaluate(replacement):
    """Route every `engine.evaluate(name, facts)` call of the advice through `replacement(name,
    facts)` for the duration of the block (rules/advise.py calls it through the module)."""
    original = engine.evaluate
    engine.evaluate = replacement
    try:
        yield
    finally:
        engine.evaluate = original


def recorded_evaluations(advise_once) -> list[tuple[str, list[dict], list[engine.Firing]]]:
    """(ruleset name, facts, firings) of every engine evaluation `advise_once()` makes.

    :raise RuntimeError: if none was made, e.g. because the advice no longer calls the engine
        through `engine.evaluate` (then this recording, not the advice, must change)."""
    original = engine.evaluate
    calls = []

    def recording(name, facts):
        firings = original(name, facts)
        calls.append((name, list(facts), firings))
        return firings

    with substituted_evaluate(recording):
        advise_once()
    if not calls:
        raise RuntimeError("Het advies riep engine.evaluate niet aan; de opname werkt niet meer.")
    return calls
