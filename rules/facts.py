"""Translate a profile and the knowledge base into the flat facts the rules test.

Lists are matched here, in Python, and handed to the rules as counts and flags: durable-rules
compares scalars well and lists poorly. The Dutch phrases the sentences are filled with are made
separately (`Match.phrases`), and only for what the advice shows."""

import re
import weakref
from dataclasses import dataclass, field

from rules.definitions import (CAPACITY_SIZES, CHARACTERISTICS, DEFAULT_MAX_SIZE, FAMILY_TYPE, MIRRORED,
                               PARENT_TYPE, SYSTEM_GROUPS, SYSTEM_TYPE)
from rules.model import Intervention, KnowledgeBase
from rules.profile import Profile
from rules.slug import slugify

OFFERED_TEXT = {"ja": "wel het geval", "nee": "niet het geval", "onbekend": "onbekend"}
APPROACH_TEXT = {"persoonsgericht": "persoonsgericht", "collectief": "collectief", "beide": "persoonsgericht en collectief"}


def type_names(kb, numbers) -> str:
    """Intervention types for a sentence, each with its name from the knowledge base: 'type 7 (...)'."""
    return names(f"type {t} ({kb.types[t].name[:1].lower() + kb.types[t].name[1:]})" if t in kb.types else f"type {t}"
                 for t in numbers)


_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def filled(template: str, fields) -> str:
    """`template` filled with `fields` (str.format_map). A name that ends in a full stop ('MIJ en
    MIJ Jr.') at the end of a sentence gets one full stop, not two; an ellipsis stays."""
    text = template.format_map(fields)
    return _DOUBLED_STOP.sub(".", text) if ".." in text else text


def names(items) -> str:
    """'a', 'a en b', 'a, b en c' — for the sentences of the advice."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def score_text(value: float) -> str:
    """A score as Dutch writes it: one decimal, with a comma (35,5); the card headers use it too."""
    return f"{value:.1f}".replace(".", ",")


def package_size(profile: Profile) -> int:
    """The maximum package size: the one chosen, else the upper bound of the capacity."""
    if profile.voorkeuren.max_interventies is not None:
        return profile.voorkeuren.max_interventies
    capacity = profile.context.capaciteit
    return CAPACITY_SIZES[capacity][1] if capacity in CAPACITY_SIZES else DEFAULT_MAX_SIZE


def answer_facts(profile: Profile, kb: KnowledgeBase) -> list[dict]:
    ctx = profile.context
    base = {"kind": "answer", "mirrored": False, "characteristic": False}
    facts = [{**base, "question": "verschijningsvorm", "value": v,
              "label": kb.label("verschijningsvormen", v).lower()} for v in ctx.verschijningsvormen]
    facts += [{**base, "question": "doelgroep", "value": v, "label": kb.label("doelgroepen", v).lower()}
              for v in profile.doelgroepen]
    facts += [{**base, "question": "setting", "value": v, "label": kb.label("settings", v).lower()}
              for v in profile.settings]
    if ctx.online:
        facts.append({**base, "question": "online", "value": "ja", "label": "er een online dimensie is"})
    if ctx.fase:
        facts.append({**base, "question": "fase", "value": ctx.fase, "label": kb.label("fase", ctx.fase).lower()})
    for rid in profile.risico_indicaties:
        facts.append({**base, "question": "risico", "value": rid, "label": kb.risk_factors[rid].name,
                      "mirrored": rid in MIRRORED, "characteristic": rid in CHARACTERISTICS})
    return facts


def desired_prevention_levels(profile: Profile) -> set[str]:
    """Universal prevention always fits; risk indications point to groups with raised
    vulnerability (selective); families of radicalising persons to indicated prevention."""
    levels = {"universeel"}
    if profile.risico_indicaties:
        levels.add("selectief")
    if "families" in profile.doelgroepen:
        levels.add("geindiceerd")
    return levels


def is_system(i: Intervention, kb: KnowledgeBase) -> bool:
    """A real indirect element: a type-9 intervention, or one linked to a bouwsteen-6 factor that
    serves the municipality and its professionals rather than young people."""
    if SYSTEM_TYPE in i.types:
        return True
    linked = any(kb.factors[f].indirect for f in i.factor_ids if f in kb.factors)
    return linked and bool(i.target_groups) and set(i.target_groups) <= set(SYSTEM_GROUPS)


def is_family_support(i: Intervention) -> bool:
    return FAMILY_TYPE in i.types


def is_parent_support(i: Intervention) -> bool:
    return PARENT_TYPE in i.types


def name_index(kb: KnowledgeBase) -> dict[str, str]:
    """slugify(name or alias) -> intervention id: how a name the report spells otherwise (the
    examples of Bijlage 2: 'Bondgenotenaanpak') is found."""
    index = {}
    for i in kb.interventions.values():
        for name in (i.name, *i.aliases):
            index.setdefault(slugify(name), i.id)
    return index


def bijlage2_examples(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Intervention id -> the types whose Bijlage 2 description names it as an example."""
    index = name_index(kb)
    found: dict[str, list[str]] = {}
    for number, itype in kb.types.items():
        for example in itype.examples:
            iid = index.get(slugify(example))
            if iid is not None and number in kb.interventions[iid].types:
                found.setdefault(iid, []).append(number)
    return found


def local_programme(i: Intervention) -> bool:
    """A programme made for one city: its name or provider names the municipality it runs in."""
    where = f"{i.name} {i.provider or ''}".lower()
    return len(i.municipalities) == 1 and i.municipalities[0].lower() in where


def similar_interventions(a: Intervention, b: Intervention, chosen: list[str]) -> bool:
    """Whether `b` duplicates `a` (see `_duplicates`), for one pair."""
    return a.id != b.id and _duplicates(set(a.types), set(b.types), set(a.target_groups), set(b.target_groups),
                                        {f for f in chosen if f in a.factor_ids}, {f for f in chosen if f in b.factor_ids})


def _duplicates(types_a, types_b, groups_a, groups_b, covered_a, covered_b) -> bool:
    """`b` duplicates `a` when they share an intervention type and a target group, and `b`
    covers no chosen factor that `a` does not: next to `a`, `b` adds nothing. An intervention
    that covers no chosen factor only duplicates one that covers none either. Sets in: their
    types, target groups (empty: any) and the chosen factors each covers."""
    if types_a.isdisjoint(types_b):
        return False
    if groups_a and groups_b and groups_a.isdisjoint(groups_b):
        return False
    return covered_b <= covered_a and (bool(covered_b) or not covered_a)


# "(B3.7 r. 5665-5702 en B3.3 r. 4535)": where in our text of the report a value was read, for the
# maintainers (data files, catalogue); to a municipality or the college these line numbers say nothing
_LINE_REFERENCE = re.compile(r"\s*\([^()]*\br\.\s*\d[^()]*\)")


def without_line_references(text: str) -> str:
    return _LINE_REFERENCE.sub("", text)


def evaluation_phrase(evaluation: str) -> str:
    """'de evaluatie X.' for the sentence 'op basis van …', without 'de evaluatie Evaluatie X'."""
    text = evaluation.strip().rstrip(".")
    if re.match(r"(?i)evaluatie\b", text):
        return "de e" + text[1:] + "."
    return f"de evaluatie {text}."


def intervention_fields(i: Intervention) -> dict:
    """The condition fields that depend on the intervention alone (caveats, offered, trede)."""
    return {
        "kind": "candidate", "iid": i.id,
        "explicit": i.explicit is True, "explicit_no": i.explicit is False, "explicit_unknown": i.explicit is None,
        "level": -1 if i.level is None else i.level, "offered": i.offered,
        "own_estimate": i.own_estimate, "has_evaluation": bool(i.evaluation),
        "has_level_reason": bool(i.level_reason), "source_unknown": i.level is not None and not i.level_source,
        "collected_via_municipalities": i.collected_via_municipalities is True,
        "has_municipalities": bool(i.municipalities), "local_programme": local_programme(i),
        "has_factors": bool(i.factor_ids),
    }


def intervention_phrases(i: Intervention) -> dict:
    """The phrases of the sentences that depend on the intervention alone."""
    return {
        "name": i.name, "level": -1 if i.level is None else i.level, "level_source": i.level_source or "bron onbekend",
        "level_text": "geen trede bekend" if i.level is None else f"trede {i.level}",
        "offered_text": OFFERED_TEXT[i.offered],
        "evaluation": evaluation_phrase(i.evaluation or ""), "level_reason": without_line_references(i.level_reason or ""),
        "municipality_names": names(i.municipalities), "status_reason": i.status_reason or "geen reden vermeld",
    }


def guided_types(i: Intervention, kb: KnowledgeBase, guided: bool) -> list[str]:
    """The types of `i` known to `kb` that have (guided) or lack working elements."""
    return [t for t in i.types if t in kb.types and bool(kb.types[t].working_elements) == guided]


class _Static:
    """What the facts take from the knowledge base alone: per intervention the condition fields
    that no profile changes, and the Bijlage 2 examples. Built once per knowledge base (see
    `static_of`) instead of once per advice: an advice builds a fact for every intervention."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = weakref.ref(kb)
        self.examples = bijlage2_examples(kb)
        self.name_index = name_index(kb)
        self.fields: dict[str, dict] = {}
        for i in kb.interventions.values():
            self.fields[i.id] = {
                **intervention_fields(i),
                "indirect_only": bool(i.factor_ids) and all(kb.factors[f].indirect for f in i.factor_ids),
                "guided_type_count": len(guided_types(i, kb, True)),
                "unguided_type_count": len(guided_types(i, kb, False)),
            }
        self.family = {i.id for i in kb.interventions.values() if is_family_support(i)}
        self.parent = {i.id for i in kb.interventions.values() if is_parent_support(i)}
        self.system = {i.id for i in kb.interventions.values() if is_system(i, kb)}
        # what similar_interventions compares, as sets (Similarity)
        self.types = {i.id: frozenset(i.types) for i in kb.interventions.values()}
        self.factor_types = {fid: frozenset(f.types) for fid, f in kb.factors.items()}
        self.target_groups = {i.id: frozenset(i.target_groups) for i in kb.interventions.values()}
        # the phrases of the sentences that no profile changes (see Match.phrases)
        self.phrases = {i.id: {
            **intervention_phrases(i),
            # the labels, not doelgroep_tekst: that is the report's own phrase or sentence, which
            # does not read inside "Ze richt zich op ..., niet op ..."
            "own_target_names": names(kb.label("doelgroepen", t).lower() for t in i.target_groups),
            "guided_type_names": type_names(kb, guided_types(i, kb, True)),
            "unguided_type_names": type_names(kb, guided_types(i, kb, False)),
        } for i in kb.interventions.values()}


# id(kb) -> its _Static, removed when that knowledge base is garbage (weakref.finalize).
# Keyed by identity: a KnowledgeBase holds dicts, so it cannot be hashed, and the version
# string alone does not identify one (tests build several with the same version).
_static: dict[int, _Static] = {}


def static_of(kb: KnowledgeBase) -> _Static:
    """The `_Static` of `kb`, built on first use. Two threads may both build it; either result
    is the same, and the last one stays."""
    key = id(kb)
    found = _static.get(key)
    if found is None or found.kb() is not kb:
        found = _Static(kb)
        _static[key] = found
        weakref.finalize(kb, _static.pop, key, None)
    return found


class Similarity:
    """`similar_interventions` for the interventions of one knowledge base and one list of chosen
    factors (those of one advice), comparing sets made once: an advice asks it for every
    candidate against every package item. Gives what similar_interventions gives."""

    def __init__(self, known: "_Static", chosen: list[str]):
        self.types, self.target_groups, self.chosen = known.types, known.target_groups, chosen
        self._covered: dict[str, frozenset] = {}

    def covered(self, i: Intervention) -> frozenset:
        found = self._covered.get(i.id)
        if found is None:
            found = self._covered[i.id] = frozenset(f for f in self.chosen if f in i.factor_ids)
        return found

    def __call__(self, a: Intervention, b: Intervention) -> bool:
        """Whether `b` duplicates `a` (similar_interventions(a, b, chosen))."""
        types, groups = self.types, self.target_groups
        return a.id != b.id and _duplicates(types[a.id], types[b.id], groups[a.id], groups[b.id],
                                            self.covered(a), self.covered(b))


@dataclass
class Match:
    """How one intervention relates to one profile: the lists behind its fact. They are computed
    when the Match is made (every advice builds a fact, which uses them all, for every
    intervention), not as cached properties: those cost more than the lists themselves."""
    intervention: Intervention
    profile: Profile
    kb: KnowledgeBase
    chosen: list[str]
    in_use: list[Intervention]
    example_types: list[str]
    known: _Static  # static_of(kb)
    similar: Similarity  # for `chosen`, the same for every Match
    desired_levels: set[str]  # desired_prevention_levels(profile), the same for every Match
    high_priority: set[str]  # profile.high_priority_ids, the same for every Match
    direct: list[str] = field(init=False)
    # of `direct`, the links the data team added from Bijlage 2 (Intervention.appendix_factor_ids),
    # and the others, those of the report's tables B3.1-B3.6
    appendix: list[str] = field(init=False)
    table: list[str] = field(init=False)
    via_type: list[str] = field(init=False)
    targets: list[str] = field(init=False)
    similar_in_use: list[str] = field(init=False)

    def __post_init__(self):
        i, known = self.intervention, self.known
        self.direct = [f for f in self.chosen if f in i.factor_ids]
        self.appendix = [f for f in self.direct if f in i.appendix_factor_ids] if i.appendix_factor_ids else []
        self.table = [f for f in self.direct if f not in self.appendix] if self.appendix else self.direct
        types = known.types[i.id]
        self.via_type = [f for f in self.chosen if f not in self.direct and not known.factor_types[f].isdisjoint(types)]
        self.targets = [t for t in i.target_groups if t in self.profile.doelgroepen]
        self.similar_in_use = [u.name for u in self.in_use if self.similar(u, i)]

    def fact(self) -> dict:
        """Only the fields the conditions test (and the counts weights multiply)."""
        i, profile, prefs = self.intervention, self.profile, self.profile.voorkeuren
        known, wanted = self.known, profile.doelgroepen
        static = known.fields[i.id]
        track = (("families" in wanted and i.id in known.family) or ("ouders-opvoeders" in wanted and i.id in known.parent)
                 or (prefs.indirect_meenemen and i.id in known.system))
        return {
            **static,
            "relevant": bool(self.direct or self.via_type or (static["indirect_only"] and prefs.indirect_meenemen)
                             or track),
            "direct_count": len(self.table), "appendix_count": len(self.appendix),
            # support for families of radicalising persons, while the municipality chose neither
            # them nor another group it serves: only a chosen target group makes it fit (Bijlage 2, type 3)
            "families_unchosen": (i.id in known.family and "families" in i.target_groups and "families" not in wanted
                                  and not self.targets),
            "priority_count": sum(1 for f in self.direct if f in self.high_priority) if self.direct else 0,
            "type_count": len(self.via_type), "example_count": len(self.example_types),
            "target_count": min(len(self.targets), 2),
            "target_mismatch": bool(wanted and i.target_groups and not self.targets),
            "setting_count": min(sum(1 for s in i.settings if s in profile.settings), 2),
            "level_match": not self.desired_levels.isdisjoint(i.prevention_levels),
            "below_min_level": prefs.min_trede is not None and (i.level is None or i.level < prefs.min_trede),
            "only_offered": prefs.alleen_aangeboden, "withdrawn": i.withdrawn,
            "indirect_wanted": prefs.indirect_meenemen,
            "approach_match": prefs.aanpak != "beide" and i.approach in (prefs.aanpak, "beide"),
            "online_match": profile.context.online and i.online,
            "similar_in_use_count": len(self.similar_in_use),
        }

    def phrases(self) -> dict:
        """The Dutch phrases the templates are filled with (a sentence needs a few: Sentence)."""
        return {**self.known.phrases[self.intervention.id], **{key: make(self) for key, make in _PHRASES.items()}}

    def factor_names(self, fids) -> str:
        return names(self.kb.factors[f].name for f in fids)


def _matched_type_names(m: Match) -> str:
    types = set(m.intervention.types)
    return type_names(m.kb, sorted({t for f in m.via_type for t in set(m.kb.factors[f].types) & types}))


def _type_weak_reason(m: Match) -> str:
    """Why a type link is weaker. Where the data team linked her to some factors of a type because
    her description fits (koppelingen_uit_bijlage2, AFWIJKINGEN 5.11), the type's other factors are
    the ones her description does not fit: saying only 'the report does not name her there' would
    leave the two links of one type on one card unexplained."""
    i = m.intervention
    if i.appendix_factor_ids:
        appendix_types = {t for f in i.appendix_factor_ids if f in m.kb.factors for t in m.kb.factors[f].types}
        own = set(i.types) & appendix_types
        if own and all(not own.isdisjoint(m.kb.factors[f].types) for f in m.via_type):
            return "het rapport noemt haar daar niet als voorbeeld en haar beschrijving gaat daar niet over"
    return "het rapport noemt haar daar niet als voorbeeld"


def _appendix_type_names(m: Match) -> str:
    """The intervention's types that link it to its Bijlage 2 factors (each shares one: kb check)."""
    factor_types = {t for f in m.appendix for t in m.kb.factors[f].types}
    return type_names(m.kb, [t for t in m.intervention.types if t in factor_types])


def _approach_text(m: Match) -> str:
    """Her approach as S-AANPAK says it matches: of one that is both, only the one the municipality
    chose ('(ook) persoonsgericht'), not both as if it had wanted both (ESS review N4)."""
    approach, wanted = m.intervention.approach, m.profile.voorkeuren.aanpak
    if approach == "beide" and wanted in APPROACH_TEXT and wanted != "beide":
        return f"(ook) {APPROACH_TEXT[wanted]}"
    return APPROACH_TEXT[approach]


def _labels(m: Match, vocabulary: str, ids) -> str:
    return names(m.kb.label(vocabulary, t).lower() for t in ids)


# The phrases that depend on the profile, by name; those of the intervention alone are made once
# per knowledge base (_Static.phrases).
_PHRASES = {
    "direct_names": lambda m: m.factor_names(m.table),
    "appendix_names": lambda m: m.factor_names(m.appendix),
    "appendix_type_names": _appendix_type_names,
    "priority_names": lambda m: m.factor_names(f for f in m.direct if f in m.high_priority),
    "type_factor_names": lambda m: m.factor_names(m.via_type),
    "type_names": _matched_type_names,
    "type_weak_reason": _type_weak_reason,
    "approach_text": _approach_text,
    "example_type_names": lambda m: type_names(m.kb, m.example_types),
    "target_names": lambda m: _labels(m, "doelgroepen", m.targets),
    "setting_names": lambda m: _labels(m, "settings", (s for s in m.intervention.settings if s in m.profile.settings)),
    "prevention_names": lambda m: _labels(m, "preventieniveau", (p for p in m.intervention.prevention_levels
                                                                 if p in m.desired_levels)),
    "min_level": lambda m: -1 if m.profile.voorkeuren.min_trede is None else m.profile.voorkeuren.min_trede,
    "similar_in_use_names": lambda m: names(m.similar_in_use),
}


class Sentence(dict):
    """What the sentences of one intervention are filled with (str.format_map): its fact with
    its phrases over it, as {**fact, **match.phrases()}, but each phrase made when a sentence
    first names it: a sentence names one or two of the two dozen."""

    def __init__(self, match: Match, fact: dict):
        super().__init__()
        self.match, self.fact = match, fact

    def __missing__(self, key: str):
        static = self.match.known.phrases[self.match.intervention.id]
        if key in static:
            value = static[key]
        elif key in _PHRASES:
            value = _PHRASES[key](self.match)
        else:
            value = self.fact[key]
        self[key] = value
        return value


def matches(profile: Profile, kb: KnowledgeBase, chosen: list[str], in_use: list[Intervention],
            similar: Similarity | None = None) -> dict[str, Match]:
    """A Match for every intervention not already in use. `similar`: Similarity(static_of(kb), chosen)."""
    known = static_of(kb)
    desired = desired_prevention_levels(profile)
    high = profile.high_priority_ids
    in_use_ids = {i.id for i in in_use}
    similar = similar or Similarity(known, chosen)
    return {i.id: Match(i, profile, kb, chosen, in_use, known.examples.get(i.id, []), known, similar, desired, high)
            for i in kb.interventions.values() if i.id not in in_use_ids}


def profile_fact(profile: Profile, kb: KnowledgeBase, chosen: list[str], min_level_empties: bool) -> dict:
    """The one fact the profile warnings test, with the phrases they are filled with."""
    capacity = profile.context.capaciteit
    low, high = CAPACITY_SIZES.get(capacity, (0, 0))
    size = package_size(profile)
    return {
        "kind": "profile", "max_size": size, "over_capacity": capacity in CAPACITY_SIZES and size > high,
        "capacity_label": kb.label("capaciteit", capacity).lower() if capacity else "",
        "capacity_min": low, "capacity_max": high,
        "all_factors_chosen": bool(kb.factors) and len(profile.chosen_factor_ids) >= len(kb.factors),
        "chosen_count": len(chosen), "min_level_empties": min_level_empties,
        "min_level": -1 if profile.voorkeuren.min_trede is None else profile.voorkeuren.min_trede,
    }
