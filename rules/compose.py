"""Compose the package: a greedy, deterministic choice among the scored candidates that follows
the package rules of rules/definitions.py (the ids in the comments name them).

The choice is made here; whether each package rule is met is judged by the rules themselves
(rules/advise.py evaluates PACKAGE_RULES over the summary this module returns)."""

from dataclasses import dataclass, field

from rules.facts import is_family as _family
from rules.facts import similar_interventions
from rules.model import Intervention, KnowledgeBase

BROAD, TARGETED = {"universeel"}, {"selectief", "geindiceerd"}


@dataclass
class Candidate:
    intervention: Intervention
    score: float
    direct: list[str]          # chosen factors it is directly linked to

    @property
    def sort_key(self):
        # ties broken by trede, then name, so that the same input gives the same package
        i = self.intervention
        return (-self.score, -(i.level if i.level is not None else -1), i.name.lower(), i.id)


@dataclass
class Composition:
    chosen: list[Candidate] = field(default_factory=list)
    reasons: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # iid -> (rule, text)
    duplicates: dict[str, str] = field(default_factory=dict)  # iid -> iid it duplicates
    dropped: dict[str, tuple[str, str]] = field(default_factory=dict)  # iid -> (rule, text)
    keep_order: bool = False  # a package edited by hand keeps the order the user gave it

    def ids(self) -> set[str]:
        return {c.intervention.id for c in self.chosen}


def substantiated(i: Intervention) -> bool:
    return i.level is not None and i.level >= 1


def compose(candidates: list[Candidate], kb: KnowledgeBase, chosen_factors: list[str],
            priority: set[str], in_use: list[Intervention], max_size: int, indirect_wanted: bool,
            family_wanted: bool) -> Composition:
    ranked = sorted(candidates, key=lambda c: c.sort_key)
    result = Composition()
    covered = {f for i in in_use for f in i.factor_ids}

    def reserved() -> int:
        # keep room for the indirect element and the family track while covering factors
        return ((indirect_wanted and not any(kb.is_indirect(c.intervention) for c in result.chosen))
                + (family_wanted and not any(_family(c.intervention) for c in result.chosen)))

    def add(c: Candidate, rule: str, text: str, limit: int | None = None) -> bool:
        iid = c.intervention.id
        if iid in result.ids() or len(result.chosen) >= (max_size if limit is None else limit):
            return False
        twin = next((x for x in result.chosen + [Candidate(u, 0, []) for u in in_use]
                     if similar_interventions(x.intervention, c.intervention, chosen_factors)), None)
        if twin is not None:  # P-DUPLICAAT: the weaker of two look-alikes becomes an alternative
            result.duplicates.setdefault(iid, twin.intervention.id)
            return False
        result.chosen.append(c)
        result.reasons.setdefault(iid, []).append((rule, text))
        covered.update(c.direct)
        return True

    # P-DEKKING: high-priority factors first, then the others in the order the user chose them;
    # among the candidates for a factor, the one covering most still-uncovered factors wins
    for fid in sorted(chosen_factors, key=lambda f: (f not in priority, chosen_factors.index(f))):
        if fid in covered:
            continue
        options = sorted((c for c in ranked if fid in c.direct),
                         key=lambda c: (-len(set(c.direct) - covered), c.sort_key))
        for c in options:
            if add(c, "P-DEKKING", f"Gekozen om de factor '{kb.factors[fid].name}' te dekken.",
                   limit=min(max_size, max_size - reserved() + _fills_reservation(c, kb, indirect_wanted, family_wanted))):
                break

    if indirect_wanted and not any(kb.is_indirect(c.intervention) for c in result.chosen):
        _add_first(ranked, add, kb.is_indirect, "P-INDIRECT",
                   "Toegevoegd als indirect element (bouwsteen 6): samenwerking, deskundigheid of signalering.")
    if family_wanted and not any(_family(c.intervention) for c in result.chosen):
        _add_first(ranked, add, _family, "P-GEZIN", "Toegevoegd als spoor voor ouders en families.")
    for wanted, label in ((BROAD, "brede (universele)"), (TARGETED, "gerichte (selectieve of geïndiceerde)")):
        if not any(set(c.intervention.prevention_levels) & wanted for c in result.chosen):
            _add_first(ranked, add, lambda i, w=wanted: bool(set(i.prevention_levels) & w), "P-NIVEAUS",
                       f"Toegevoegd zodat het pakket ook {label} preventie bevat.")

    for c in ranked:  # fill the rest by rank; a link through the type alone is too weak for that
        if c.direct:
            add(c, "RANG", "Gekozen op basis van de score.")

    _balance_substantiation(result, ranked, add)
    return result


def _fills_reservation(c: Candidate, kb: KnowledgeBase, indirect_wanted: bool, family_wanted: bool) -> int:
    return (indirect_wanted and kb.is_indirect(c.intervention)) + (family_wanted and _family(c.intervention))


def _add_first(ranked, add, predicate, rule, text) -> None:
    for c in ranked:
        if predicate(c.intervention) and add(c, rule, text):
            return


def _balance_substantiation(result: Composition, ranked, add) -> None:
    """P-ONDERBOUWD: no more unsubstantiated items than substantiated ones; the lowest-ranked
    unsubstantiated item that covers nothing unique makes room for a substantiated one."""
    def counts():
        subs = sum(1 for c in result.chosen if substantiated(c.intervention))
        return subs, len(result.chosen) - subs

    while True:
        subs, unsubs = counts()
        if unsubs <= subs:
            return
        removable = [c for c in reversed(result.chosen) if not substantiated(c.intervention)
                     and all(any(f in o.direct for o in result.chosen if o is not c) for f in c.direct)]
        replacement = next((c for c in ranked if c.intervention.id not in result.ids()
                            and c.intervention.id not in result.duplicates and substantiated(c.intervention)), None)
        if not removable:
            return
        drop = removable[0]
        result.chosen.remove(drop)
        result.reasons.pop(drop.intervention.id, None)
        result.dropped[drop.intervention.id] = (
            "P-ONDERBOUWD", "Uit het pakket gehaald: er stonden meer niet-onderbouwde dan onderbouwde "
                            "interventies in, en wat zij dekt wordt ook door een andere interventie gedekt.")
        if replacement is not None:
            add(replacement, "P-ONDERBOUWD", "Toegevoegd als onderbouwde interventie naast lokale initiatieven.")
