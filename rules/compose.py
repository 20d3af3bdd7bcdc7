"""Compose the package: a greedy, deterministic choice among the scored candidates that follows
the package and placement rules of rules/definitions.py (the ids below name them).

The choice is made here; whether each package rule is met is judged by the rules themselves
(rules/advise.py evaluates PACKAGE_RULES over the summary of the package). Every addition
records its placement rule and the fields its sentence is filled with."""

from dataclasses import dataclass, field
from operator import attrgetter

from rules.facts import Similarity, is_family_support, is_parent_support, names, static_of
from rules.model import Intervention, KnowledgeBase

BROAD, TARGETED = {"universeel"}, {"selectief", "geindiceerd"}


@dataclass
class Candidate:
    """A scored intervention that passed the filters. Its intervention and score are not
    changed after it is made: its sort key is computed once (an advice sorts the candidates
    several times)."""
    intervention: Intervention
    score: float
    direct: list[str]          # chosen factors it is directly linked to
    target_match: bool = False  # serves a target group the municipality chose
    target_mismatch: bool = False
    system_match: bool = False  # serves a professional group (or key figures) the municipality chose
    # ties broken by trede, then name, so that the same input gives the same package
    sort_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        i = self.intervention
        self.sort_key = (-self.score, -(i.level if i.level is not None else -1), i.name.lower(), i.id)

    @property
    def offered(self) -> bool:
        """Offered now, or unknown: only 'nee' makes an intervention inspiration only."""
        return self.intervention.offered != "nee"


# the order candidates are ranked in (the key of sorted(); a C getter: an advice sorts often)
RANK = attrgetter("sort_key")

Placement = tuple[str, dict]  # (placement rule id, the fields of its sentence)


@dataclass
class Composition:
    chosen: list[Candidate] = field(default_factory=list)
    reasons: dict[str, list[Placement]] = field(default_factory=dict)
    duplicates: dict[str, str] = field(default_factory=dict)  # iid -> iid it duplicates
    dropped: dict[str, str] = field(default_factory=dict)     # iid -> placement rule that took it out
    keep_order: bool = False  # a package edited by hand keeps the order the user gave it

    def ids(self) -> set[str]:
        return {c.intervention.id for c in self.chosen}


def substantiated(i: Intervention) -> bool:
    return i.level is not None and i.level >= 1


@dataclass
class Request:
    """What the package must do, from the profile."""
    chosen_factors: list[str]
    priority: set[str]
    in_use: list[Intervention]
    max_size: int
    indirect_wanted: bool
    families_wanted: bool
    parents_wanted: bool
    # targeted (selective or indicated) prevention fits the profile: risk indications were given
    # or families of radicalising persons are a target group (facts.desired_prevention_levels)
    targeted_wanted: bool = True


def compose(candidates: list[Candidate], kb: KnowledgeBase, req: Request, similar: Similarity) -> Composition:
    """`similar`: Similarity(static_of(kb), req.chosen_factors), the advice's own."""
    ranked = sorted(candidates, key=RANK)
    result = Composition()
    covered = {f for i in req.in_use for f in i.factor_ids}
    wanted_tracks = tracks(kb, req)

    def missing(track) -> bool:
        return not any(track[1](c.intervention) for c in result.chosen) and not any(track[1](i) for i in req.in_use)

    def reserved() -> int:
        # room kept for the indirect element and the family tracks while covering normal factors
        return sum(1 for t in wanted_tracks if missing(t))

    def add(c: Candidate, placement: Placement, limit: int | None = None) -> bool:
        iid = c.intervention.id
        if iid in result.ids() or len(result.chosen) >= (req.max_size if limit is None else limit):
            return False
        twin = next((x.intervention for x in result.chosen if similar(x.intervention, c.intervention)), None) \
            or next((u for u in req.in_use if similar(u, c.intervention)), None)
        if twin is not None:  # UIT-DUPLICAAT: the later of two look-alikes becomes an alternative
            result.duplicates.setdefault(iid, twin.id)
            return False
        result.chosen.append(c)
        result.reasons.setdefault(iid, []).append(placement)
        covered.update(c.direct)
        return True

    def cover(reserve: bool) -> None:
        # P-DEKKING: high-priority factors first (they may use reserved room), then the others in
        # the order chosen. Offered interventions first; a discontinued one only as inspiration
        # when no offered candidate covers the factor (report 3.2).
        for fid in sorted(req.chosen_factors, key=lambda f: (f not in req.priority, req.chosen_factors.index(f))):
            if fid in covered:
                continue
            options = [c for c in ranked if fid in c.direct]
            offered = [c for c in options if c.offered]
            rule = ("PL-INSPIRATIE" if not offered else
                    "PL-DEKKING-PRIORITEIT" if fid in req.priority else "PL-DEKKING")
            pool = sorted(offered or options,
                          key=lambda c: (c.target_mismatch, -len(set(c.direct) - covered), c.sort_key))
            for c in pool:
                fills = sum(1 for t in wanted_tracks if missing(t) and t[1](c.intervention))
                limit = (req.max_size if not reserve or fid in req.priority
                         else req.max_size - reserved() + fills)
                if add(c, (rule, {"factor_name": kb.factors[fid].name}), limit=limit):
                    break

    cover(reserve=True)
    for rule, predicate in wanted_tracks:  # P-INDIRECT, P-FAMILIES, P-OUDERS
        if not any(predicate(c.intervention) for c in result.chosen) and not any(predicate(i) for i in req.in_use):
            _add_first(ranked, add, lambda c, p=predicate: p(c.intervention) and fits(c, rule), (rule, {}))
    for wanted, rule in ((BROAD, "PL-BREED"), (TARGETED, "PL-GERICHT")):  # P-NIVEAUS
        if wanted is TARGETED and not req.targeted_wanted:
            continue
        if result.chosen and not any(set(c.intervention.prevention_levels) & wanted for c in result.chosen):
            _add_first(ranked, add, lambda c, w=wanted: bool(set(c.intervention.prevention_levels) & w) and fits(c),
                       (rule, {}))

    cover(reserve=False)  # room the tracks did not need goes to factors still uncovered
    for c in ranked:  # fill the rest by rank, only with what the report links to a chosen factor
        if c.direct and c.offered:
            add(c, ("PL-RANG", {"factor_names": _factor_names(kb, c.direct)}))

    _balance_substantiation(result, ranked, add, wanted_tracks)
    # room the balance freed goes to what keeps it; a substantiated item taken in makes room for
    # an unsubstantiated one passed over earlier in the same pass, so repeat until nothing fits
    # (else the advice would say of a fitting intervention that there was room for it)
    while len(result.chosen) < req.max_size:
        if not any(add(c, ("PL-RANG", {"factor_names": _factor_names(kb, c.direct)}))
                   for c in ranked if c.direct and c.offered and c.intervention.id not in result.dropped
                   and keeps_balance(result, c)):
            break
    return result


def keeps_balance(result: Composition, c: Candidate) -> bool:
    """Adding `c` keeps no more unsubstantiated than substantiated items (P-ONDERBOUWD)."""
    subs = sum(1 for x in result.chosen if substantiated(x.intervention)) + substantiated(c.intervention)
    return len(result.chosen) + 1 - subs <= subs


def tracks(kb: KnowledgeBase, req: Request) -> list[tuple[str, object]]:
    """The tracks the package must fill: (placement rule, predicate on an intervention)."""
    found = []
    if req.indirect_wanted:
        system = static_of(kb).system  # is_system of each intervention of kb
        found.append(("PL-INDIRECT", lambda i: i.id in system))
    if req.families_wanted:
        found.append(("PL-FAMILIES", is_family_support))
    if req.parents_wanted:
        found.append(("PL-OUDERS", is_parent_support))
    return found


def fits(c: Candidate, rule: str | None = None) -> bool:
    """A filler needs a direct link to a chosen factor or a target group the municipality chose,
    and is never discontinued. The indirect element serves professionals or the municipality:
    it fits through a chosen professional group (teachers for a teacher training) or when it
    serves the municipality itself, not through the young people it may also reach."""
    if not c.offered:
        return False
    if rule == "PL-INDIRECT":
        return bool(c.direct or c.system_match or "gemeente" in c.intervention.target_groups)
    return bool(c.direct or c.target_match)


def _factor_names(kb: KnowledgeBase, fids: list[str]) -> str:
    return names(kb.factors[f].name for f in fids)


def _add_first(ranked, add, predicate, placement) -> None:
    for c in ranked:
        if predicate(c) and add(c, placement):
            return


_COVERAGE = {"PL-DEKKING", "PL-DEKKING-PRIORITEIT", "PL-INSPIRATIE", "PL-RANG"}


def _balance_substantiation(result: Composition, ranked, add, wanted_tracks) -> None:
    """P-ONDERBOUWD: no more unsubstantiated items than substantiated ones; the lowest-ranked
    unsubstantiated item that was chosen for coverage, covers nothing unique and is not the only
    one on a track makes room for a substantiated one."""
    def can_go(c: Candidate) -> bool:
        others = [o for o in result.chosen if o is not c]
        return (not substantiated(c.intervention)
                and all(rule in _COVERAGE for rule, _ in result.reasons.get(c.intervention.id, []))
                and all(any(f in o.direct for o in others) for f in c.direct)
                and all(any(p(o.intervention) for o in others) for _, p in wanted_tracks if p(c.intervention)))

    while True:
        subs = sum(1 for c in result.chosen if substantiated(c.intervention))
        if len(result.chosen) - subs <= subs:
            return
        drop = next((c for c in reversed(result.chosen) if can_go(c)), None)
        if drop is None:
            return
        result.chosen.remove(drop)
        result.reasons.pop(drop.intervention.id, None)
        result.dropped[drop.intervention.id] = "UIT-ONDERBOUWD"
        replacement = next((c for c in ranked if c.intervention.id not in result.ids()
                            and c.intervention.id not in result.dropped and c.intervention.id not in result.duplicates
                            and substantiated(c.intervention) and fits(c)), None)
        if replacement is not None:
            add(replacement, ("PL-ONDERBOUWD", {}))
