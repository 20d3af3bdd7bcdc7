"""The defects an ESS advisor found reviewing the advice of five invented municipalities
(review of 2026-12-01, findings A1, A4, A5 and A6), each on the real knowledge base."""

from rules.advise import advise
from rules.profile import parse_profile
from tests.rules.test_scenarios import advice_for, ids, verdict

# Veenwolde: residents, one factor, nothing else filled in (no risk indications, no families)
VEENWOLDE = dict(gemeente="Veenwolde", context={"inwoners": "klein", "fase": "start", "online": True, "capaciteit": "beperkt"},
                 doelgroepen=["bewoners"], factoren=[{"id": "sociaal-vertrouwen"}],
                 voorkeuren={"max_interventies": 3, "indirect_meenemen": True})


def test_without_risk_indications_or_families_targeted_prevention_is_not_required(real_kb):
    # S-PREVENTIENIVEAU: selective prevention fits when risk indications are given, indicated when
    # families are a target group; with neither, P-NIVEAUS does not fail for its absence (A5)
    advice = advice_for(real_kb, **VEENWOLDE)
    levels = verdict(advice, "P-NIVEAUS")
    assert levels.met and "niet nodig" in levels.text and "ontbreekt" not in levels.text
    assert not any(r.rule == "PL-GERICHT" for item in advice.package for r in item.reasons)


def test_with_risk_indications_targeted_prevention_is_still_required(real_kb):
    data = {**VEENWOLDE, "risico_indicaties": ["laag-vertrouwen-in-andersdenkenden"]}
    advice = advice_for(real_kb, **data)
    levels = verdict(advice, "P-NIVEAUS")
    targeted = [p.name for p in advice.package
                if {"selectief", "geindiceerd"} & set(real_kb.interventions[p.intervention].prevention_levels)]
    assert levels.met == bool(targeted)
    assert "niet nodig" not in levels.text
