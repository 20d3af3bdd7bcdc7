"""The one entry point of the domain: profile + knowledge base -> advice (the JSON contract).

    advice = advise(parse_profile(data, kb), kb)

Every line of the advice carries the rule that put it there and a Dutch sentence saying why."""

from collections import defaultdict
from dataclasses import dataclass

from rules import engine
from rules.advice import Advice
from rules.compose import BROAD, TARGETED, Candidate, Composition, compose, substantiated
from rules.definitions import (CAVEAT, CAVEAT_RULES, FILTER_RULES, PACKAGE_RULES, SCORE, SCORE_RULES,
                               SUGGESTION_RULES, Rule)
from rules.facts import answer_facts, candidate_fact, is_family, names, similar_interventions
from rules.facts import family_wanted as wants_family
from rules.model import Intervention, KnowledgeBase
from rules.profile import Profile

_SUGGESTIONS = engine.compile_rules("suggestions", SUGGESTION_RULES)
# two passes: filters over every intervention, then scores and caveats only over what is left
# (about a third), which halves the rule firings per advice
_FILTERS = engine.compile_rules("filters", FILTER_RULES)
_SCORES = engine.compile_rules("scores", SCORE_RULES + CAVEAT_RULES)
_PACKAGE = engine.compile_rules("package", PACKAGE_RULES)
# a rule evaluates per fact; the package rules also need their negation to report "not met"
_PACKAGE_UNMET = engine.compile_rules("package_unmet", tuple(
    Rule(r.id, r.kind, r.title, r.when[:-1] + ((r.when[-1][0], "!=", r.when[-1][2]),),
         r.unmet_template or r.template, r.source) for r in PACKAGE_RULES))

ALTERNATIVES_PER_ITEM = 2


def check_rules_against(kb: KnowledgeBase) -> list[str]:
    """Dutch messages for every factor a rule names that the knowledge base lacks (start-up check)."""
    return [f"Regel {r.id} noemt onbekende factor {f!r}" for r in SUGGESTION_RULES for f in r.factors
            if f not in kb.factors]


@dataclass
class Evaluation:
    """Everything the rules decided about each intervention, before a package is chosen."""
    suggested: dict[str, list[dict]]
    chosen: list[str]
    in_use: list[Intervention]
    candidates: list[Candidate]
    excluded: dict[str, engine.Firing]
    reasons: dict[str, list[dict]]
    caveats: dict[str, list[str]]


def evaluate(profile: Profile, kb: KnowledgeBase, also_score: frozenset[str] = frozenset()) -> Evaluation:
    """Filter every intervention, then score the ones that pass (and those in `also_score`,
    e.g. excluded ones a user put in the package by hand, which still need their caveats)."""
    suggested = suggest(profile, kb)
    chosen = profile.chosen_factor_ids or list(suggested)
    in_use = [kb.interventions[i] for i in profile.context.huidige_interventies]
    in_use_ids = {i.id for i in in_use}
    facts = [candidate_fact(i, profile, kb, chosen, in_use) for i in kb.interventions.values()
             if i.id not in in_use_ids]

    result = Evaluation(suggested, chosen, in_use, [], {}, {}, {})
    for firing in engine.evaluate(_FILTERS, facts):
        # the most specific reason wins: the order of FILTER_RULES, "not relevant" last
        current = result.excluded.get(firing.fact["iid"])
        if current is None or FILTER_RULES.index(firing.rule) < FILTER_RULES.index(current.rule):
            result.excluded[firing.fact["iid"]] = firing

    firings = defaultdict(list)
    to_score = [f for f in facts if f["iid"] not in result.excluded or f["iid"] in also_score]
    for firing in engine.evaluate(_SCORES, to_score):
        firings[firing.fact["iid"]].append(firing)
    for fact in to_score:
        iid = fact["iid"]
        fired = sorted(firings[iid], key=lambda f: f.rule.id)
        result.caveats[iid] = [_text(f) for f in fired if f.rule.kind == CAVEAT]
        scores = [f for f in fired if f.rule.kind == SCORE]
        result.reasons[iid] = sorted(({"regel": f.rule.id, "tekst": _text(f), "gewicht": _weight(f)} for f in scores),
                                     key=lambda r: (-r["gewicht"], r["regel"]))
        if iid not in result.excluded:
            direct = [f for f in chosen if f in kb.interventions[iid].factor_ids]
            result.candidates.append(Candidate(kb.interventions[iid], round(sum(_weight(f) for f in scores), 2), direct))
    return result


def advise(profile: Profile, kb: KnowledgeBase) -> Advice:
    ev = evaluate(profile, kb)
    prefs = profile.voorkeuren
    composition = compose(ev.candidates, kb, ev.chosen, profile.high_priority_ids, ev.in_use,
                          prefs.max_interventies, prefs.indirect_meenemen, wants_family(profile))
    return _assemble(profile, kb, ev, composition)


def review(profile: Profile, kb: KnowledgeBase, package_ids: list[str], added_by_hand: set[str]) -> Advice:
    """The advice for a package edited by hand: the same reasons, caveats, gaps and package-rule
    verdicts as `advise`, for exactly the interventions in `package_ids`."""
    ev = evaluate(profile, kb, also_score=frozenset(package_ids))
    by_id = {c.intervention.id: c for c in ev.candidates}
    composition = Composition(keep_order=True)
    for iid in package_ids:
        intervention = kb.interventions[iid]
        composition.chosen.append(by_id.get(iid) or Candidate(
            intervention, round(sum(r["gewicht"] for r in ev.reasons.get(iid, [])), 2),
            [f for f in ev.chosen if f in intervention.factor_ids]))
        if iid in added_by_hand:
            composition.reasons[iid] = [("HANDMATIG", "Met de hand aan het pakket toegevoegd.")]
    ev.excluded = {iid: f for iid, f in ev.excluded.items() if iid not in package_ids}
    return _assemble(profile, kb, ev, composition)


def _assemble(profile: Profile, kb: KnowledgeBase, ev: Evaluation, composition: Composition) -> Advice:
    prefs = profile.voorkeuren
    in_use_ids = {i.id for i in ev.in_use}
    package = _package_items(composition, kb, ev.chosen, ev.reasons, ev.caveats)
    alternatives = _alternatives(composition, ev.candidates, ev.reasons)
    placed = {p["interventie"] for p in package} | {a["interventie"] for a in alternatives} | in_use_ids
    return Advice.from_json({
        "gemeente": profile.gemeente,
        "kennisbank_versie": kb.version,
        "gekozen_factoren": ev.chosen,
        "voorgestelde_factoren": [{"factor": fid, "redenen": r} for fid, r in ev.suggested.items()],
        "pakket": package,
        "alternatieven": alternatives,
        "uitgesloten": _excluded(ev.excluded, composition, ev.candidates, placed, prefs.max_interventies),
        "al_ingezet": sorted(in_use_ids),
        "lacunes": _gaps(ev.chosen, composition, ev.in_use, ev.candidates, ev.excluded, kb),
        "pakketregels": _package_rules(profile, kb, ev.chosen, composition, ev.candidates, ev.in_use,
                                       wants_family(profile)),
    })


def _text(firing: engine.Firing) -> str:
    return firing.rule.template.format(**firing.fact)


def _weight(firing: engine.Firing) -> float:
    count = firing.fact[firing.rule.per] if firing.rule.per else 1
    return round(firing.rule.weight * count, 2)


def suggest(profile: Profile, kb: KnowledgeBase) -> dict[str, list[dict]]:
    suggested: dict[str, list[dict]] = {}
    for firing in sorted(engine.evaluate(_SUGGESTIONS, answer_facts(profile, kb)),
                         key=lambda f: (f.rule.id, f.fact["value"])):
        for fid in firing.rule.factors:
            reason = {"regel": firing.rule.id, "tekst": _text(firing)}
            if reason not in suggested.setdefault(fid, []):
                suggested[fid].append(reason)
    # report order: bouwsteen, then the model's own order of factors
    order = {fid: n for n, fid in enumerate(kb.factors)}
    return dict(sorted(suggested.items(), key=lambda item: order.get(item[0], len(order))))


def _package_items(composition, kb, chosen, reasons, caveats) -> list[dict]:
    items = composition.chosen if composition.keep_order else sorted(composition.chosen, key=lambda c: c.sort_key)
    result = []
    for rank, c in enumerate(items, start=1):
        i = c.intervention
        package_reasons = [{"regel": rule, "tekst": text, "gewicht": 0.0}
                           for rule, text in composition.reasons.get(i.id, [])]
        bouwsteen = kb.factors[c.direct[0]].bouwsteen if c.direct else kb.bouwsteen_of(i)
        result.append({
            "rang": rank, "interventie": i.id, "naam": i.name, "score": c.score, "bouwsteen": bouwsteen,
            "trede": i.level, "trede_bron": i.level_source,
            "dekt_factoren": c.direct, "redenen": reasons.get(i.id, []) + package_reasons,
            "kanttekeningen": caveats[i.id],
        })
    return result


def _alternatives(composition, candidates, reasons) -> list[dict]:
    chosen_ids = composition.ids()
    remaining = sorted((c for c in candidates if c.intervention.id not in chosen_ids), key=lambda c: c.sort_key)
    taken: set[str] = set()
    result = []
    for item in sorted(composition.chosen, key=lambda c: c.sort_key):
        count = 0
        for c in remaining:
            iid = c.intervention.id
            twin = composition.duplicates.get(iid) == item.intervention.id
            if iid in taken or not (twin or set(c.direct) & set(item.direct)):
                continue
            why = ([{"regel": "P-DUPLICAAT", "tekst": f"Overlapt met {item.intervention.name}: zelfde type en "
                     "dezelfde gekozen factoren. Kies een van beide.", "gewicht": 0.0}] if twin else [])
            result.append({"interventie": iid, "naam": c.intervention.name, "in_plaats_van": item.intervention.id,
                           "score": c.score, "redenen": why + reasons[iid]})
            taken.add(iid)
            count += 1
            if count == ALTERNATIVES_PER_ITEM:
                break
    return result


def _excluded(excluded, composition, candidates, placed, max_size) -> list[dict]:
    result = [{"interventie": iid, "regel": f.rule.id, "tekst": _text(f)} for iid, f in excluded.items()]
    for c in candidates:
        iid = c.intervention.id
        if iid in placed:
            continue
        if iid in composition.dropped:
            rule, text = composition.dropped[iid]
        elif iid in composition.duplicates:
            rule, text = "P-DUPLICAAT", "Overlapt met een interventie die al in het pakket staat of al loopt."
        elif not c.direct:
            rule, text = "RANG", ("Alleen via haar interventietype gekoppeld aan uw factoren; het pakket "
                                  "kiest eerst interventies die het rapport bij die factoren noemt.")
        else:
            rule, text = "P-MAXIMUM", (f"Past bij uw factoren, maar scoort ({c.score}) lager dan de interventies "
                                       f"in het pakket, dat maximaal {max_size} interventies telt.")
        result.append({"interventie": iid, "regel": rule, "tekst": text})
    return sorted(result, key=lambda e: e["interventie"])


def _gaps(chosen, composition, in_use, candidates, excluded, kb) -> list[dict]:
    covered = {f for c in composition.chosen for f in c.direct} | {f for i in in_use for f in i.factor_ids}
    gaps = []
    for fid in chosen:
        if fid in covered:
            continue
        factor = kb.factors[fid]
        types = list(factor.types)
        fitting = [c.intervention.name for c in sorted(candidates, key=lambda c: c.sort_key) if fid in c.direct]
        filtered = [kb.interventions[iid].name for iid in sorted(excluded) if iid in factor.intervention_ids]
        if fitting:
            why = (f"Er zijn wel passende interventies ({names(fitting[:3])}), maar het pakket is vol; "
                   "zie de alternatieven of verhoog het maximum.")
        elif filtered:
            why = f"De interventies die het rapport hierbij noemt ({names(filtered[:3])}) vallen af door uw voorkeuren."
        else:
            why = "Het rapport noemt bij deze factor geen interventie die hier past."
        hint = (f" De werkzame elementen en randvoorwaarden van {names(f'type {t}' for t in types)} kunnen "
                "richting geven aan een eigen, lokale interventie." if types
                else " Het rapport noemt geen interventietype voor deze factor.")
        gaps.append({"factor": fid, "naam": factor.name, "interventietypes": types,
                     "tekst": f"Geen interventie in het pakket voor '{factor.name}'. {why}{hint}"})
    return gaps


def _package_rules(profile, kb, chosen, composition, candidates, in_use, family_wanted) -> list[dict]:
    items = [c.intervention for c in composition.chosen]
    covered = {f for c in composition.chosen for f in c.direct} | {f for i in in_use for f in i.factor_ids}
    uncovered = [kb.factors[f].name for f in chosen if f not in covered]
    indirect = [i.name for i in items + in_use if kb.is_indirect(i)]
    prefs = profile.voorkeuren
    if not prefs.indirect_meenemen:
        indirect_ok, indirect_text = True, ("Waarschuwing: u koos de indirecte bouwsteen niet mee te nemen. Zonder "
                                            "samenwerking, deskundigheid en signalering mist de aanpak een fundament.")
    elif indirect:
        indirect_ok, indirect_text = True, f"Het pakket bevat een indirect element: {names(indirect)}."
    else:
        indirect_ok, indirect_text = False, "Het pakket bevat geen indirect element (bouwsteen 6): samenwerking, deskundigheid of signalering."
    explicit_available = any(c.intervention.explicit for c in candidates)
    levels = {p for i in items for p in i.prevention_levels}
    missing = [label for wanted, label in ((BROAD, "brede preventie"), (TARGETED, "gerichte preventie"))
               if not levels & wanted]
    substantiated_count = sum(1 for i in items if substantiated(i))
    unsubstantiated = [i.name for i in items if not substantiated(i)]
    duplicates = [names([a, b]) for a, b in _duplicate_pairs(items, chosen)]
    family = [i.name for i in items if is_family(i)]
    summary = {
        "kind": "package", "size": len(items), "max_size": prefs.max_interventies,
        "size_ok": len(items) <= prefs.max_interventies,
        "uncovered_count": len(uncovered), "uncovered_names": names(uncovered),
        "indirect_ok": indirect_ok, "indirect_text": indirect_text,
        "explicit_count": sum(1 for i in items if i.explicit),
        "explicit_ok": not explicit_available or any(i.explicit for i in items),
        "levels_ok": not missing or not items, "levels_missing": names(missing),
        "family_ok": not family_wanted or bool(family),
        "family_text": (f"Spoor voor ouders en families: {names(family)}." if family
                        else "U koos ouders of families niet als doelgroep; een gezinsspoor is niet nodig."),
        "duplicates_count": len(duplicates),
        "duplicates_text": ("Geen interventies in het pakket overlappen elkaar; overlappende staan bij de alternatieven."
                            if not duplicates else f"Deze interventies overlappen elkaar: {'; '.join(duplicates)}."),
        "substantiation_ok": len(unsubstantiated) <= substantiated_count,
        "substantiation_text": (
            f"{substantiated_count} interventie(s) met een bekende onderbouwing (trede 1 of hoger) en "
            f"{len(unsubstantiated)} zonder" + (f" ({names(unsubstantiated)}): lokale initiatieven staan naast onderbouwde."
                                                 if unsubstantiated else ".")),
    }
    met = {f.rule.id: _text(f) for f in engine.evaluate(_PACKAGE, [summary])}
    unmet = {f.rule.id: _text(f) for f in engine.evaluate(_PACKAGE_UNMET, [summary])}
    return [{"regel": r.id, "titel": r.title, "voldaan": r.id in met, "tekst": met.get(r.id) or unmet[r.id]}
            for r in PACKAGE_RULES]


def _duplicate_pairs(items, chosen):
    return [(a.name, b.name) for n, a in enumerate(items) for b in items[n + 1:]
            if similar_interventions(a, b, chosen)]
