"""Translate a profile and the knowledge base into the flat facts the rules test.

Lists are matched here, in Python, and handed to the rules as counts and ready-made Dutch
phrases: durable-rules compares scalars well and lists poorly."""

from rules.model import Intervention, KnowledgeBase
from rules.profile import Profile

LEVEL_SOURCE_TEXT = {None: "bron onbekend"}
OFFERED_TEXT = {"ja": "wel het geval", "nee": "niet het geval", "onbekend": "onbekend"}
APPROACH_TEXT = {"persoonsgericht": "persoonsgericht", "collectief": "collectief", "beide": "persoonsgericht en collectief"}


def names(items) -> str:
    """'a', 'a en b', 'a, b en c' — for the sentences of the advice."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def answer_facts(profile: Profile, kb: KnowledgeBase) -> list[dict]:
    ctx = profile.context
    facts = [{"kind": "answer", "question": "verschijningsvorm", "value": v,
              "label": kb.label("verschijningsvormen", v).lower()} for v in ctx.verschijningsvormen]
    facts += [{"kind": "answer", "question": "doelgroep", "value": v, "label": kb.label("doelgroepen", v).lower()}
              for v in profile.doelgroepen]
    facts += [{"kind": "answer", "question": "setting", "value": v, "label": kb.label("settings", v).lower()}
              for v in profile.settings]
    if ctx.online:
        facts.append({"kind": "answer", "question": "online", "value": "ja",
                      "label": "er een online dimensie is"})
    if ctx.fase:
        facts.append({"kind": "answer", "question": "fase", "value": ctx.fase,
                      "label": kb.label("fase", ctx.fase).lower()})
    for rid in profile.risico_indicaties:
        risk = kb.risk_factors[rid]
        facts.append({"kind": "answer", "question": "risico", "value": rid, "label": risk.name,
                      "bouwsteen": risk.bouwsteen})
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


def candidate_fact(i: Intervention, profile: Profile, kb: KnowledgeBase, chosen: list[str],
                   in_use: list[Intervention]) -> dict:
    prefs = profile.voorkeuren
    direct = [f for f in chosen if f in i.factor_ids]
    via_type = [f for f in chosen if f not in direct and set(kb.factors[f].types) & set(i.types)]
    matched_types = sorted({t for f in via_type for t in set(kb.factors[f].types) & set(i.types)})
    targets = [t for t in i.target_groups if t in profile.doelgroepen]
    settings = [s for s in i.settings if s in profile.settings]
    levels = [p for p in i.prevention_levels if p in desired_prevention_levels(profile)]
    indirect_only = bool(i.factor_ids) and all(kb.factors[f].indirect for f in i.factor_ids)
    similar = [u.name for u in in_use if u.id != i.id and similar_interventions(u, i, chosen)]
    return {
        "kind": "candidate", "iid": i.id, "name": i.name,
        # a family intervention may serve the family track even when no chosen factor names it
        "relevant": bool(direct or via_type or (indirect_only and prefs.indirect_meenemen)
                         or (family_wanted(profile) and is_family(i))),
        "direct_count": len(direct), "direct_names": names(kb.factors[f].name for f in direct),
        "priority_count": sum(1 for f in direct if f in profile.high_priority_ids),
        "priority_names": names(kb.factors[f].name for f in direct if f in profile.high_priority_ids),
        "type_count": len(via_type), "type_factor_names": names(kb.factors[f].name for f in via_type),
        "type_names": names(f"type {t}" for t in matched_types),
        "target_count": min(len(targets), 2), "target_names": names(kb.label("doelgroepen", t).lower() for t in targets),
        "setting_count": min(len(settings), 2), "setting_names": names(kb.label("settings", s).lower() for s in settings),
        "level_match": bool(levels), "prevention_names": names(kb.label("preventieniveau", p).lower() for p in levels),
        "explicit": i.explicit, "level": -1 if i.level is None else i.level,
        "level_source": i.level_source or "bron onbekend",
        "level_text": "geen trede bekend" if i.level is None else f"trede {i.level}",
        "below_min_level": prefs.min_trede is not None and (i.level is None or i.level < prefs.min_trede),
        "min_level": -1 if prefs.min_trede is None else prefs.min_trede,
        "offered": i.offered, "offered_text": OFFERED_TEXT[i.offered],
        "only_offered": prefs.alleen_aangeboden,
        "indirect_only": indirect_only, "indirect_wanted": prefs.indirect_meenemen,
        "approach_match": prefs.aanpak != "beide" and i.approach in (prefs.aanpak, "beide"),
        "approach_text": APPROACH_TEXT[i.approach],
        "online_match": profile.context.online and i.online,
        "has_municipalities": bool(i.municipalities), "municipality_names": names(i.municipalities),
        "similar_in_use_count": len(similar), "similar_in_use_names": names(similar),
    }


FAMILY_GROUPS = {"ouders-opvoeders", "families"}


def family_wanted(profile: Profile) -> bool:
    return bool(FAMILY_GROUPS & set(profile.doelgroepen))


def is_family(i: Intervention) -> bool:
    return bool(set(i.target_groups) & FAMILY_GROUPS) or "gezin" in i.settings


def similar_interventions(a: Intervention, b: Intervention, chosen: list[str]) -> bool:
    """Two interventions duplicate each other when they share an intervention type and serve
    exactly the same chosen factors: the second adds nothing the first does not."""
    covered_a = {f for f in chosen if f in a.factor_ids}
    covered_b = {f for f in chosen if f in b.factor_ids}
    return bool(set(a.types) & set(b.types)) and bool(covered_a) and covered_a == covered_b
