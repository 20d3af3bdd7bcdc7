"""The knowledge base as JSON, in the shape that `kb export --format json` promises."""

from rules.model import KnowledgeBase


def knowledge_base_json(kb: KnowledgeBase) -> dict:
    return {
        "versie": kb.version,
        "bouwstenen": [{
            "nummer": b.number, "naam": b.name, "omschrijving": b.description,
            "themas": [{"naam": t.name, "factoren": [_factor(kb.factors[fid]) for fid in t.factor_ids]}
                       for t in b.themes],
        } for b in kb.bouwstenen],
        "risicofactoren": _risks(kb),
        "effectladder": [{"trede": l.level, "naam": l.name, "omschrijving": l.description} for l in kb.levels],
        "databanken": kb.extras.get("databanken", []),
        "interventietypes": [{
            "nummer": t.number, "naam": t.name, "hoofdtype": t.parent, "omschrijving": t.description,
            "doelgroepen_en_doelen": t.target_and_aims, "beschermende_factoren": list(t.factors_addressed),
            "werkzame_elementen": list(t.working_elements), "randvoorwaarden": list(t.preconditions),
            "voorbeelden": list(t.examples),
        } for t in kb.types.values()],
        "interventies": [_intervention(i) for i in sorted(kb.interventions.values(), key=lambda i: i.id)],
        "vocabulaires": {name: [{"id": t.id, "label": t.label, "uitleg": t.explanation} for t in terms]
                         for name, terms in sorted(kb.vocabularies.items())},
    }


def _factor(f) -> dict:
    return {"id": f.id, "naam": f.name, "toelichting": f.explanation, "subfactoren": list(f.subfactors),
            "referenties": list(f.references), "types": list(f.types),
            "interventies": list(f.intervention_ids)}


def _risks(kb: KnowledgeBase) -> dict:
    risks: dict[str, list[str]] = {}
    for r in kb.risk_factors.values():
        risks.setdefault(str(r.bouwsteen), []).append(r.name)
    return risks


def _intervention(i) -> dict:
    return {
        "id": i.id, "naam": i.name, "aliassen": list(i.aliases), "types": list(i.types),
        "type_omschrijving": i.type_description, "aangeboden": i.offered, "expliciet": i.explicit,
        "trede": i.level, "trede_bron": i.level_source, "trede_reden": i.level_reason,
        "evaluatie": i.evaluation, "omschrijving": i.description, "doel": i.aim,
        "doelgroep_tekst": i.target_group_text, "uitvoerder": i.provider, "weblinks": list(i.weblinks),
        "verzameld_via_gemeenten": i.collected_via_municipalities, "gemeenten": list(i.municipalities),
        "factoren": list(i.factor_ids), "doelgroepen": list(i.target_groups), "settings": list(i.settings),
        "preventieniveau": list(i.prevention_levels), "aanpak": i.approach, "online": i.online,
        "breed_inzetbaar": i.broadly_applicable, "opmerking": i.remark,
    }
