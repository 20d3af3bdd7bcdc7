"""The one entry point of the domain: profile + knowledge base -> advice (rules.advice.Advice).

    advice = advise(parse_profile(data, kb), kb)

Every line of the advice carries the rule that put it there and a Dutch sentence saying why;
every sentence comes from the rule table (rules/definitions.py) and is formatted only for what
the advice shows."""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from rules import engine
from rules.advice import (Advice, Alternative, Exclusion, Gap, Notice, PackageItem, PackageRuleVerdict, Reason,
                          SuggestedFactor, SuggestionReason)
from rules.compose import (BROAD, RANK, TARGETED, Candidate, Composition, Request, compose, fits, keeps_balance,
                           substantiated, tracks)
from rules.definitions import (CAVEAT_RULES, FILTER_RULES, FIRST_STEP, FIRST_STEP_RULES,
                               ONE_GROUP_INTERVENTIONS, PACKAGE_RULES, PLACEMENTS, SCORE_RULES, SYSTEM_GROUPS,
                               SUGGESTION_RULES, TRACK_NAMES, WARNING, WARNING_RULES, Rule)
from rules.facts import (Match, Sentence, Similarity, answer_facts, desired_prevention_levels, filled, type_names,
                         is_family_support, is_parent_support, matches, names, package_size, profile_fact, score_text,
                         static_of)
from rules.guidance import indicators, type_guidance
from rules.model import Intervention, KnowledgeBase
from rules.profile import Profile
from rules.slug import slugify


def _on(kind: str, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The rules that test facts of one kind (each ruleset sees one kind of fact)."""
    return tuple(r for r in rules if ("kind", "==", kind) in r.when)


def verdict_rules() -> tuple[Rule, ...]:
    """Each outcome of each package rule as a rule of its own, id '<rule>/<n>', so that met and
    not met are decided in one evaluation."""
    return tuple(Rule(f"{r.id}/{n}", r.kind, r.title, r.when + v.when, v.template, r.source)
                 for r in PACKAGE_RULES for n, v in enumerate(r.verdicts))


_ANSWERS = engine.compile_rules("answers", SUGGESTION_RULES + _on("answer", WARNING_RULES) + FIRST_STEP_RULES)
_PROFILE = engine.compile_rules("profile", _on("profile", WARNING_RULES))
# three passes: filters over every intervention, scores over what is left, and caveats only over
# what the advice shows them for (the package): durable's work grows with facts times rules, and
# the caveat rules fired for every candidate while the advice shows the caveats of a few
_FILTERS = engine.compile_rules("filters", FILTER_RULES)
_SCORES = engine.compile_rules("scores", SCORE_RULES)
_CAVEATS = engine.compile_rules("caveats", CAVEAT_RULES)
_PACKAGE = engine.compile_rules("package", verdict_rules() + _on("package", WARNING_RULES))

ALTERNATIVES_PER_ITEM = 2


def fill(rule_id: str, fields: dict) -> str:
    """The sentence of a placement rule, filled with its named fields."""
    return filled(PLACEMENTS[rule_id].template, fields)


@dataclass
class Evaluation:
    """Everything the rules decided about each intervention, before a package is chosen."""
    profile: Profile
    kb: KnowledgeBase
    suggested: list[SuggestedFactor]
    warnings: list[Notice]
    first_steps: list[Notice]
    chosen: list[str]
    in_use: list[Intervention]
    matches: dict[str, Match]
    candidates: list[Candidate]
    excluded: dict[str, engine.Firing]
    facts: dict[str, dict]  # iid -> the fact the filters, scores and caveats test
    similar: Similarity  # similar_interventions for the chosen factors
    # iid -> each score rule that fired for it, with the weight it adds (_weight)
    scored: dict[str, list[tuple[engine.Firing, float]]] = field(default_factory=dict)
    # iid -> what its sentences are filled with, made on first use: the filters, scores and
    # caveats of one intervention fire on the same fact
    _fields: dict[str, Sentence] = field(default_factory=dict)
    _ranked: list[Candidate] | None = None

    def fields(self, firing: engine.Firing) -> Sentence:
        """The fact of `firing` with the phrases its sentence is filled with (do not change it)."""
        iid = firing.fact["iid"]
        found = self._fields.get(iid)
        if found is None:  # every firing of an intervention is on its one fact, facts[iid]
            found = self._fields[iid] = Sentence(self.matches[iid], firing.fact)
        return found

    def text(self, firing: engine.Firing) -> str:
        template = firing.rule.template
        return filled(template, self.fields(firing)) if "{" in template else template

    def reasons(self, iid: str) -> list[Reason]:
        fired = self.scored.get(iid, [])
        return sorted((Reason(rule=f.rule.id, text=self.text(f), weight=weight) for f, weight in fired),
                      key=lambda r: (-r.weight, r.rule))

    def caveats(self, iids: list[str]) -> dict[str, list[str]]:
        """The caveat sentences of each of `iids` (those without a fact, e.g. already in use, get none),
        in the order of the rule table: one evaluation of the caveat rules over their facts."""
        found: dict[str, list[str]] = {iid: [] for iid in iids}
        # engine.evaluate orders the firings of each fact by rule, as compiled: the table's order
        for firing in engine.evaluate(_CAVEATS, [self.facts[iid] for iid in found if iid in self.facts]):
            found[firing.fact["iid"]].append(self.text(firing))
        return found

    def score(self, iid: str) -> float:
        return round(sum(weight for _, weight in self.scored.get(iid, [])), 2)

    def ranked(self) -> list[Candidate]:
        """The candidates in rank order (Candidate.sort_key), sorted once `candidates` is complete."""
        if self._ranked is None:
            self._ranked = sorted(self.candidates, key=RANK)
        return self._ranked


def _weight(firing: engine.Firing) -> float:
    count = firing.fact[firing.rule.per] if firing.rule.per else 1
    return round(firing.rule.weight * count, 2)


def evaluate(profile: Profile, kb: KnowledgeBase, also_score: frozenset[str] = frozenset()) -> Evaluation:
    """Filter every intervention, then score the ones that pass (and those in `also_score`,
    e.g. excluded ones a user put in the package by hand, which still need their caveats)."""
    suggested, warnings, first_steps = _answers(profile, kb)
    chosen = profile.chosen_factor_ids or [s.factor for s in suggested if s.factor in kb.factors]
    in_use = [kb.interventions[i] for i in profile.context.huidige_interventies]
    similar = Similarity(static_of(kb), chosen)
    found = matches(profile, kb, chosen, in_use, similar)
    facts = {iid: m.fact() for iid, m in found.items()}

    excluded: dict[str, engine.Firing] = {}
    for firing in engine.evaluate(_FILTERS, list(facts.values())):
        # the most specific reason wins: the order of FILTER_RULES, "not relevant" last
        current = excluded.get(firing.fact["iid"])
        if current is None or FILTER_RULES.index(firing.rule) < FILTER_RULES.index(current.rule):
            excluded[firing.fact["iid"]] = firing

    ev = Evaluation(profile, kb, suggested, warnings, first_steps, chosen, in_use, found, [], excluded, facts, similar)
    to_score = [f for iid, f in facts.items() if iid not in excluded or iid in also_score]
    for firing in engine.evaluate(_SCORES, to_score):
        ev.scored.setdefault(firing.fact["iid"], []).append((firing, _weight(firing)))
    wanted = set(profile.doelgroepen)
    wanted_systems = wanted & set(SYSTEM_GROUPS)
    groups = similar.target_groups  # per intervention, as a set
    for fact in to_score:
        iid = fact["iid"]
        if iid not in excluded:
            ev.candidates.append(Candidate(kb.interventions[iid], ev.score(iid), found[iid].direct,
                                           target_match=not groups[iid].isdisjoint(wanted),
                                           target_mismatch=fact["target_mismatch"],
                                           system_match=not groups[iid].isdisjoint(wanted_systems)))

    relevant = [iid for iid, f in excluded.items() if f.rule.id != "F-AANSLUITING"]
    empties = (profile.voorkeuren.min_trede is not None and not ev.candidates
               and any(excluded[i].rule.id == "F-MIN-TREDE" for i in relevant))
    summary = profile_fact(profile, kb, chosen, empties)
    for firing in engine.evaluate(_PROFILE, [summary]):
        ev.warnings.append(Notice(rule=firing.rule.id, text=filled(firing.rule.template, summary)))
    return ev


def _answers(profile: Profile, kb: KnowledgeBase):
    """Suggested factors (report order), warnings and first steps from the answers."""
    suggested: dict[str, list[SuggestionReason]] = {}
    warnings, steps = [], []
    for firing in sorted(engine.evaluate(_ANSWERS, answer_facts(profile, kb)),
                         key=lambda f: (f.rule.id, f.fact["value"])):
        text = filled(firing.rule.template, firing.fact)
        if firing.rule.kind == WARNING:
            warnings.append(Notice(rule=firing.rule.id, text=text))
        elif firing.rule.kind == FIRST_STEP:
            steps.append(Notice(rule=firing.rule.id, text=text))
        for fid in firing.rule.factors:
            reason = SuggestionReason(rule=firing.rule.id, text=text)
            if reason not in suggested.setdefault(fid, []):
                suggested[fid].append(reason)
    order = {fid: n for n, fid in enumerate(kb.factors)}
    step_order = {r.id: n for n, r in enumerate(FIRST_STEP_RULES)}
    return ([SuggestedFactor(factor=fid, reasons=r) for fid, r in
             sorted(suggested.items(), key=lambda item: order.get(item[0], len(order)))],
            warnings, sorted(steps, key=lambda s: step_order[s.rule]))


def suggest(profile: Profile, kb: KnowledgeBase) -> dict[str, list[dict]]:
    """The suggested factors with their reasons (JSON form), for the questionnaire."""
    return {s.factor: [r.to_json() for r in s.reasons] for s in _answers(profile, kb)[0]}


def _request(profile: Profile, ev: Evaluation) -> Request:
    prefs = profile.voorkeuren
    return Request(ev.chosen, profile.high_priority_ids, ev.in_use, package_size(profile), prefs.indirect_meenemen,
                   "families" in profile.doelgroepen, "ouders-opvoeders" in profile.doelgroepen,
                   targeted_wanted=not desired_prevention_levels(profile).isdisjoint(TARGETED))


def advise(profile: Profile, kb: KnowledgeBase) -> Advice:
    ev = evaluate(profile, kb)
    request = _request(profile, ev)
    return _assemble(ev, compose(ev.candidates, kb, request, ev.similar), request, frozenset())


def review(profile: Profile, kb: KnowledgeBase, package_ids: list[str], added_by_hand: set[str],
           removed_by_hand: set[str] = frozenset()) -> Advice:
    """The advice for a package edited by hand: the same reasons, caveats, gaps and package-rule
    verdicts as `advise`, for exactly the interventions in `package_ids`."""
    ev = evaluate(profile, kb, also_score=frozenset(package_ids))
    by_id = {c.intervention.id: c for c in ev.candidates}
    composition = Composition(keep_order=True)
    for iid in package_ids:
        composition.chosen.append(by_id.get(iid) or Candidate(
            kb.interventions[iid], ev.score(iid), [f for f in ev.chosen if f in kb.interventions[iid].factor_ids]))
        if iid in added_by_hand:
            composition.reasons[iid] = [("HANDMATIG", {})]
    ev.excluded = {iid: f for iid, f in ev.excluded.items() if iid not in package_ids}
    return _assemble(ev, composition, _request(profile, ev), frozenset(removed_by_hand) - set(package_ids))


def _assemble(ev: Evaluation, composition: Composition, req: Request, removed: frozenset[str]) -> Advice:
    kb = ev.kb
    package = _package_items(ev, composition)
    chosen, judged = composition.ids(), _Package(ev, composition, req, removed)
    causes = {c.intervention.id: judged.cause(c) for c in ev.candidates if c.intervention.id not in chosen}
    alternatives = _alternatives(ev, composition, causes)
    alternative_ids = {a.intervention for a in alternatives}
    excluded = [Exclusion(intervention=iid, rule=f.rule.id, text=ev.text(f)) for iid, f in ev.excluded.items()]
    excluded += [Exclusion(intervention=iid, rule=rule, text=fill(rule, fields))
                 for iid, (rule, fields) in causes.items() if iid not in alternative_ids]
    verdicts, warnings = _package_rules(ev, composition, req)
    return Advice(
        municipality=ev.profile.gemeente, kb_version=kb.version, chosen_factors=ev.chosen,
        suggested_factors=ev.suggested, package=package, alternatives=alternatives,
        excluded=sorted(excluded, key=lambda e: e.intervention), in_use=sorted(i.id for i in ev.in_use),
        gaps=_gaps(ev, composition, causes, req, alternative_ids), package_rules=verdicts,
        warnings=ev.warnings + warnings, first_steps=ev.first_steps)


def _package_items(ev: Evaluation, composition: Composition) -> list[PackageItem]:
    kb = ev.kb
    items = composition.chosen if composition.keep_order else sorted(composition.chosen, key=RANK)
    caveats = ev.caveats([c.intervention.id for c in items])
    result = []
    for rank, c in enumerate(items, start=1):
        i = c.intervention
        placed = [Reason(rule=rule, text=fill(rule, fields)) for rule, fields in composition.reasons.get(i.id, [])]
        result.append(PackageItem(
            rank=rank, intervention=i.id, name=i.name, score=c.score, bouwsteen=kb.bouwsteen_of(i, c.direct),
            level=i.level, level_source=i.level_source, covers=c.direct,
            reasons=ev.reasons(i.id) + placed, caveats=caveats[i.id],
            level_reason=i.level_reason, offered=i.offered, type_guidance=type_guidance(i, kb),
            indicators=indicators(i, c.direct, kb)))
    return result


class _Package:
    """The final package as the causes of what is left out are judged against it, gathered once
    (an advice judges every candidate that is not in it)."""

    def __init__(self, ev: Evaluation, composition: Composition, req: Request, removed):
        self.ev, self.composition, self.removed = ev, composition, removed
        self.items = [x.intervention for x in composition.chosen]
        self.placed = self.items + ev.in_use
        self.full = len(self.items) >= req.max_size
        self.size = {"size": len(self.items), "max_size": req.max_size}  # shared: do not change it
        self.covered = {f for x in self.placed for f in x.factor_ids}
        # a twin shares a type: most candidates share none with most of the package, and this
        # test without a call per pair is a tenth of an advice's time
        self.placed_types = [(x, ev.similar.types[x.id]) for x in self.placed]
        self.tracks = [(rule, predicate, [x for x in self.placed if predicate(x)])
                       for rule, predicate in tracks(ev.kb, req)]
        self.running = {x.id for x in ev.in_use}

    def open_beside(self, c: Candidate, open_factors: list[str], others) -> dict | None:
        """The fields of the -LACUNE sentence: the open factors `c` fits through a type none of
        `others` (the twin, or what fills the track) has. Where they share that type, what is
        placed already fits the factor as weakly, and a swap adds nothing there (ESS review N1)."""
        if not c.offered:
            return None
        kb, types = self.ev.kb, self.ev.similar.types
        own = types[c.intervention.id]
        theirs = set().union(*(types[x.id] for x in others))
        beside = [f for f in open_factors if not (own & set(kb.factors[f].types)) <= theirs]
        return {"open_names": self.ev.matches[c.intervention.id].factor_names(beside)} if beside else None

    def where(self, filled) -> str:
        """'staat X al in het pakket', 'lopen X en Y al', or both: what fills a track, and where."""
        chosen = [x.name for x in filled if x.id not in self.running]
        running = [x.name for x in filled if x.id in self.running]
        parts = []
        if chosen:
            parts.append(f"{'staan' if len(chosen) > 1 else 'staat'} {names(chosen)} al in het pakket")
        if running:
            parts.append(f"{'lopen' if len(running) > 1 else 'loopt'} {names(running)} al")
        return " en ".join(parts)

    def cause(self, c: Candidate) -> tuple[str, dict]:
        """The true reason candidate `c` is not in the package."""
        ev, composition, i = self.ev, self.composition, c.intervention
        if i.id in self.removed:
            return "UIT-HANDMATIG", {}
        match = ev.matches[i.id]
        # the chosen factors she fits only through her type and nothing placed covers: there she is
        # the weaker candidate the gap names, so an overlap or a filled track is not all there is to say
        open_factors = [f for f in match.via_type if f not in self.covered]
        types = ev.similar.types[i.id]
        twin = next((x for x, placed in self.placed_types if not placed.isdisjoint(types) and ev.similar(x, i)), None)
        if twin is not None:
            open_fields = self.open_beside(c, open_factors, [twin])
            if open_fields:
                return "UIT-DUPLICAAT-LACUNE", {"twin_name": twin.name, "twin_id": twin.id, **open_fields}
            return "UIT-DUPLICAAT", {"twin_name": twin.name, "twin_id": twin.id}
        if i.id in composition.dropped:
            return composition.dropped[i.id], {}
        if c.direct:
            if not c.offered and set(c.direct) <= self.covered:
                return "UIT-NIET-AANGEBODEN", {"factor_names": names(ev.kb.factors[f].name for f in c.direct)}
            return self.full_or_room(c)
        for rule, predicate, filled in self.tracks:
            if predicate(i):
                track = TRACK_NAMES[rule]
                if filled:
                    fields = {"track_name": track, "track_filled": self.where(filled)}
                    open_fields = self.open_beside(c, open_factors, filled)
                    if open_fields:
                        return "UIT-SPOOR-LACUNE", {**fields, **open_fields}
                    return "UIT-SPOOR", fields
                if not c.offered:
                    return "UIT-SPOOR-NIET-AANGEBODEN", {"track_name": track}
                if not fits(c, rule):
                    return "UIT-SPOOR-ONGEKOZEN", {"track_name": track}
                return self.full_or_room(c)
        if match.via_type:
            # UIT-TYPE says the package fills her factors with interventions the report names there:
            # only when it does; else she is the weaker candidate for the factor the gap names,
            # unless she is no longer offered (then at most inspiration, as the gap filters her out)
            if not open_factors:
                return "UIT-TYPE", {}
            rule = "UIT-TYPE-NIET-AANGEBODEN" if not c.offered else "UIT-TYPE-VOL" if self.full else "UIT-TYPE-RUIMTE"
            return rule, {**self.size, "type_factor_names": match.factor_names(match.via_type),
                          "open_names": match.factor_names(open_factors)}
        return "UIT-GEEN-KOPPELING", {}

    def full_or_room(self, c: Candidate) -> tuple[str, dict]:
        composition, full, size = self.composition, self.full, self.size
        if not full and not composition.keep_order and not keeps_balance(composition, c):
            return "UIT-BALANS", {}
        if not full and not c.offered:
            return "UIT-RUIMTE-NIET-AANGEBODEN", {}
        if not full:
            return "UIT-RUIMTE", size
        lowest = min(x.score for x in composition.chosen)
        if c.score < lowest:
            return "UIT-VOL", {**size, "score": score_text(c.score), "lowest_score": score_text(lowest)}
        return "UIT-VOL-PLAATSEN", size


def _alternatives(ev: Evaluation, composition: Composition, causes: dict) -> list[Alternative]:
    remaining = [(c, set(c.direct)) for c in ev.ranked() if c.intervention.id in causes]
    taken: set[str] = set()
    result = []
    for item in sorted(composition.chosen, key=RANK):
        count = 0
        for c, direct in remaining:
            iid = c.intervention.id
            rule, fields = causes[iid]
            # one that overlaps (UIT-DUPLICAAT) stands by the very intervention it overlaps, so that
            # its sentence and the swap are about that one; the others by one sharing a chosen factor
            belongs = (fields["twin_id"] == item.intervention.id if "twin_id" in fields
                       else not direct.isdisjoint(item.direct))
            if iid in taken or not belongs:
                continue
            result.append(Alternative(intervention=iid, name=c.intervention.name, instead_of=item.intervention.id,
                                      score=c.score, reasons=[Reason(rule=rule, text=fill(rule, fields))]
                                      + ev.reasons(iid)))
            taken.add(iid)
            count += 1
            if count == ALTERNATIVES_PER_ITEM:
                break
    return result


def _gaps(ev: Evaluation, composition: Composition, causes: dict, req: Request, alternative_ids: set[str]) -> list[Gap]:
    """A gap per chosen factor nothing covers. `alternative_ids`: the interventions the advice
    shows as alternatives (only there 'zie de alternatieven' finds them)."""
    kb = ev.kb
    covered = {f for c in composition.chosen for f in c.direct} | {f for i in ev.in_use for f in i.factor_ids}
    full = len(composition.chosen) >= req.max_size
    # the types the package (and what already runs) has, and the candidates for a chosen target
    # group first: the same for every gap
    present = {t for c in composition.chosen for t in c.intervention.types} | {t for i in ev.in_use for t in i.types}
    by_target = sorted(ev.ranked(), key=attrgetter("target_mismatch"))
    gaps = []
    for fid in ev.chosen:
        if fid in covered:
            continue
        factor = kb.factors[fid]
        fitting = [c.intervention for c in ev.ranked() if fid in c.direct and c.intervention.id in causes][:3]
        # those the report's tables name at the factor (LACUNE-FILTER says so), not the links from Bijlage 2
        filtered = [kb.interventions[iid].name for iid in sorted(ev.excluded) if iid in factor.intervention_ids
                    and fid not in kb.interventions[iid].appendix_factor_ids]
        parts = [fill("LACUNE", {"factor_name": factor.name})]
        if fitting and full:
            # an alternative stands by an item sharing a factor with it: for a factor nothing covers, often none
            shown = any(i.id in alternative_ids for i in fitting)
            parts.append(fill("LACUNE-VOL" if shown else "LACUNE-VOL-GEEN-ALTERNATIEF",
                              {"fitting_names": names(i.name for i in fitting), "size": len(composition.chosen),
                               "max_size": req.max_size}))
        elif fitting:
            parts.append(fill("LACUNE-ANDERS", {"fitting_names": names(i.name for i in fitting)}))
        elif filtered:
            parts.append(fill("LACUNE-FILTER", {"filtered_names": names(filtered[:3])}))
        else:
            parts.append(fill("LACUNE-GEEN", {}))
        hints, named = _type_hints(factor.types, kb)
        parts += hints
        # what fits only through its type: the weaker candidates (UIT-TYPE-RUIMTE, UIT-TYPE-VOL),
        # less those the hints already name as examples of the type (by id: the report spells
        # 'Bondgenotenaanpak'); those for a chosen target group first
        # and less those whose linking type an item in the package (or one already running) has too:
        # that item links the factor just as weakly, so she adds nothing there (as UIT-DUPLICAAT says)
        by_type = [c.intervention.name for c in by_target
                   if c.intervention.id in causes and c.offered and fid in ev.matches[c.intervention.id].via_type
                   and c.intervention.id not in named and not set(c.intervention.types) & set(factor.types) <= present]
        if by_type:
            # three names at most; more 'waarom niet' answers may send the reader here, so a cut list says so
            rule = ("LACUNE-TYPE-KANDIDATEN-ONDER-MEER" if len(by_type) > 3 else "LACUNE-TYPE-KANDIDATEN"
                    if len(by_type) > 1 else "LACUNE-TYPE-KANDIDAAT")
            parts.append(fill(rule, {"type_candidate_names": names(by_type[:3])}))
            if not full:
                parts.append(fill("LACUNE-RUIMTE", {"size": len(composition.chosen), "max_size": req.max_size}))
        gaps.append(Gap(factor=fid, name=factor.name, types=list(factor.types), text=" ".join(parts)))
    return gaps


def _type_hints(types: tuple[str, ...], kb: KnowledgeBase) -> tuple[list[str], set[str]]:
    """The gap's sentences on the factor's types, and the ids of the interventions they name as examples."""
    if not types:
        return [fill("LACUNE-GEEN-TYPE", {})], set()
    known = [t for t in types if t in kb.types]
    guided = [t for t in known if kb.types[t].working_elements]
    unguided = [t for t in known if not kb.types[t].working_elements]
    hints, named = [], set()
    if guided:
        hints.append(fill("LACUNE-TYPE-ELEMENTEN", {"guided_type_names": type_names(kb, guided)}))
    if unguided:
        examples = [e for t in unguided for e in kb.types[t].examples][:4]
        hints.append(fill("LACUNE-TYPE-VOORBEELDEN", {"unguided_type_names": type_names(kb, unguided),
                                                      "example_names": names(examples)}))
        index = static_of(kb).name_index
        named = {index[slugify(e)] for e in examples if slugify(e) in index}
    if not known:
        hints.append(fill("LACUNE-TYPEN", {"type_names": type_names(kb, types)}))
    return hints, named


def package_fact(ev: Evaluation, composition: Composition, req: Request) -> dict:
    """The one fact the package rules test, with the phrases their verdicts are filled with."""
    kb = ev.kb
    items = [c.intervention for c in composition.chosen]
    both = items + ev.in_use
    covered = {f for c in composition.chosen for f in c.direct} | {f for i in ev.in_use for f in i.factor_ids}
    uncovered = [kb.factors[f].name for f in ev.chosen if f not in covered]
    system = static_of(kb).system
    indirect = [i.name for i in both if i.id in system]
    explicit = [i.name for i in items if i.explicit]
    available = [c.intervention.name for c in ev.ranked() if c.intervention.explicit]
    missing = [label for wanted, label in ((BROAD, "brede preventie"), (TARGETED, "gerichte preventie"))
               if not any(set(i.prevention_levels) & wanted for i in items)]
    substantiated_count = sum(1 for i in items if substantiated(i))
    unsubstantiated = [i.name for i in items if not substantiated(i)]
    pairs = [names([a.name, b.name]) for n, a in enumerate(items) for b in items[n + 1:]
             if ev.similar(a, b) or ev.similar(b, a)]
    families = [i.name for i in both if is_family_support(i)]
    parents = [i.name for i in both if is_parent_support(i)]
    one_group = [i.name for i in items if i.id in ONE_GROUP_INTERVENTIONS]
    return {
        "kind": "package", "size": len(items), "max_size": req.max_size, "size_ok": len(items) <= req.max_size,
        "chosen_count": len(ev.chosen), "uncovered_count": len(uncovered), "uncovered_names": names(uncovered),
        "indirect_count": len(indirect), "indirect_names": names(indirect), "indirect_wanted": req.indirect_wanted,
        "explicit_count": len(explicit), "explicit_names": names(explicit),
        "explicit_available_count": len(available), "explicit_available_names": names(available[:3]),
        "levels_missing_count": len(missing), "levels_missing": names(missing),
        "broad_missing": "brede preventie" in missing, "targeted_wanted": req.targeted_wanted,
        "broad_names": names(i.name for i in items if set(i.prevention_levels) & BROAD),
        "targeted_names": names(i.name for i in items if set(i.prevention_levels) & TARGETED),
        "families_wanted": req.families_wanted, "families_count": len(families), "families_names": names(families),
        "parents_wanted": req.parents_wanted, "parents_count": len(parents), "parents_names": names(parents),
        "duplicates_count": len(pairs), "duplicate_pairs": "; ".join(pairs),
        "substantiation_ok": len(unsubstantiated) <= substantiated_count,
        "substantiated_count": substantiated_count, "unsubstantiated_count": len(unsubstantiated),
        "unsubstantiated_names": names(unsubstantiated),
        "one_group_count": len(one_group), "one_group_names": names(one_group),
    }


def _package_rules(ev: Evaluation, composition: Composition, req: Request):
    """Every package rule's verdict (the first outcome that holds) and the package warnings."""
    fact = package_fact(ev, composition, req)
    outcome: dict[str, tuple[int, engine.Firing]] = {}
    warnings = []
    for firing in engine.evaluate(_PACKAGE, [fact]):
        if firing.rule.kind == WARNING:
            warnings.append(Notice(rule=firing.rule.id, text=filled(firing.rule.template, fact)))
            continue
        rule_id, n = firing.rule.id.split("/")
        if rule_id not in outcome or int(n) < outcome[rule_id][0]:
            outcome[rule_id] = (int(n), firing)
    verdicts = []
    for rule in PACKAGE_RULES:
        n, firing = outcome[rule.id]
        verdicts.append(PackageRuleVerdict(rule=rule.id, title=rule.title, met=rule.verdicts[n].met,
                                           text=filled(firing.rule.template, fact)))
    return verdicts, warnings
