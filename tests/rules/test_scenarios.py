"""Realistic municipalities on the real knowledge base, each asserting what matters for them."""

import pytest

from rules.advise import advise
from rules.profile import parse_profile


def advice_for(kb, **profile):
    profile.setdefault("gemeente", "Scenariostad")
    return advise(parse_profile(profile, kb), kb).to_json()


def rule(advice, rule_id):
    return next(r for r in advice["pakketregels"] if r["regel"] == rule_id)


def package_ids(advice):
    return [p["interventie"] for p in advice["pakket"]]


def assert_explained(advice, kb):
    """Properties every advice must have, whatever the scenario."""
    chosen = set(advice["gekozen_factoren"])
    for item in advice["pakket"]:
        assert item["redenen"], item
        assert set(item["dekt_factoren"]) <= chosen
        for fid in item["dekt_factoren"]:
            assert fid in kb.interventions[item["interventie"]].factor_ids
    covered = {f for p in advice["pakket"] for f in p["dekt_factoren"]} | \
              {f for i in advice["al_ingezet"] for f in kb.interventions[i].factor_ids}
    gaps = {g["factor"] for g in advice["lacunes"]}
    assert chosen <= covered | gaps, "every chosen factor is covered or named as a gap"
    assert rule(advice, "P-DEKKING")["voldaan"] == (not gaps)


def test_small_town_starting_out_with_online_concerns(real_kb):
    advice = advice_for(real_kb, context={"inwoners": "klein", "fase": "start", "online": True, "capaciteit": "beperkt"},
                        doelgroepen=["jongeren"], voorkeuren={"max_interventies": 5})
    suggested = {s["factor"] for s in advice["voorgestelde_factoren"]}
    assert {"mediawijsheid", "weerbaarheid-tegen-online-groepsdruk"} <= suggested
    assert any(real_kb.factors[f].bouwsteen == 6 for f in suggested)  # network and expertise first
    assert len(advice["pakket"]) <= 5
    assert any(real_kb.interventions[i].online for i in package_ids(advice))
    assert rule(advice, "P-INDIRECT")["voldaan"]
    assert_explained(advice, real_kb)


def test_big_city_with_vertical_polarisation(real_kb):
    advice = advice_for(real_kb, context={"inwoners": "groot", "fase": "gevestigd",
                                          "verschijningsvormen": ["verticale-polarisatie", "anti-institutioneel"]},
                        doelgroepen=["jongvolwassenen", "bewoners"])
    suggestion = next(s for s in advice["voorgestelde_factoren"]
                      if s["factor"] == "vertrouwen-in-democratische-instituties-en-rechtsstaat")
    assert {r["regel"] for r in suggestion["redenen"]} == {"V-VERTICAAL"}
    texts = " ".join(r["tekst"] for r in suggestion["redenen"])
    assert "verticale polarisatie" in texts and "anti-institutioneel extremisme" in texts
    assert any("8" in real_kb.interventions[i].types for i in package_ids(advice))
    assert_explained(advice, real_kb)


def test_parents_and_schools(real_kb):
    advice = advice_for(real_kb, doelgroepen=["ouders-opvoeders", "kinderen"], settings=["school", "gezin"],
                        factoren=[{"id": "positieve-opvoedstijl", "prioriteit": "hoog"},
                                  {"id": "goede-en-positieve-band-met-school-werk"}])
    first = advice["pakket"][0]
    assert "positieve-opvoedstijl" in first["dekt_factoren"]
    assert rule(advice, "P-GEZIN")["voldaan"]
    assert not advice["lacunes"]
    assert_explained(advice, real_kb)


def test_a_municipality_that_already_runs_several_interventions(real_kb):
    running = ["under-pressure", "vreedzame-school", "diamant"]
    advice = advice_for(real_kb, context={"huidige_interventies": running},
                        factoren=[{"id": "mediawijsheid"}, {"id": "ideologische-weerbaarheid"}])
    assert sorted(advice["al_ingezet"]) == sorted(running)
    assert not set(running) & set(package_ids(advice))
    assert "mediawijsheid" not in {g["factor"] for g in advice["lacunes"]}  # Under Pressure covers it
    assert_explained(advice, real_kb)


def test_strict_evidence_preferences_leave_gaps_and_say_why(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "algeheel-vertrouwen"}, {"id": "mediawijsheid"}],
                        voorkeuren={"min_trede": 3, "alleen_aangeboden": True})
    for item in advice["pakket"]:
        intervention = real_kb.interventions[item["interventie"]]
        assert intervention.level is not None and intervention.level >= 3 and intervention.offered == "ja"
    reasons = {e["regel"] for e in advice["uitgesloten"]}
    assert {"F-MIN-TREDE", "F-AANGEBODEN"} <= reasons
    gap = next(g for g in advice["lacunes"] if g["factor"] == "algeheel-vertrouwen")
    assert gap["interventietypes"] and "type" in gap["tekst"]
    assert_explained(advice, real_kb)


def test_families_of_radicalising_young_people(real_kb):
    advice = advice_for(real_kb, doelgroepen=["families"], factoren=[{"id": "goede-band-met-familie-opvoedondersteuners"}])
    assert any("3" in real_kb.interventions[i].types or "2" in real_kb.interventions[i].types
               for i in package_ids(advice))
    assert rule(advice, "P-GEZIN")["voldaan"]
    assert_explained(advice, real_kb)


def test_tensions_between_groups_in_a_neighbourhood(real_kb):
    advice = advice_for(real_kb, context={"verschijningsvormen": ["horizontale-polarisatie", "maatschappelijke-spanningen"]},
                        doelgroepen=["bewoners", "sleutelfiguren"], settings=["wijk"])
    suggested = {s["factor"] for s in advice["voorgestelde_factoren"]}
    assert "positief-contact-tussen-diverse-groepen" in suggested
    assert any("5" in real_kb.interventions[i].types for i in package_ids(advice))
    assert_explained(advice, real_kb)


def test_without_the_indirect_bouwsteen_a_warning_is_given(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "mediawijsheid"}, {"id": "ideologische-weerbaarheid"}],
                        voorkeuren={"indirect_meenemen": False})
    assert not any(real_kb.factors[f].bouwsteen == 6 for p in advice["pakket"] for f in p["dekt_factoren"])
    assert rule(advice, "P-INDIRECT")["tekst"].startswith("Waarschuwing")
    assert {e["regel"] for e in advice["uitgesloten"]} >= {"F-INDIRECT"}
    assert_explained(advice, real_kb)


def test_risk_indications_point_to_factors_and_never_to_individuals(real_kb):
    risk = next(r for r in real_kb.risk_factors.values() if r.bouwsteen == 3)
    advice = advice_for(real_kb, risico_indicaties=[risk.id])
    reasons = [r for s in advice["voorgestelde_factoren"] for r in s["redenen"] if r["regel"] == "V-RISICO-3"]
    assert reasons and all("nooit op individuele personen" in r["tekst"] for r in reasons)
    assert_explained(advice, real_kb)


def test_a_small_package_with_many_factors_names_the_rest_as_gaps(real_kb):
    factors = ["mediawijsheid", "positieve-opvoedstijl", "ideologische-weerbaarheid",
               "positief-contact-tussen-diverse-groepen", "gevoel-van-basiszekerheid"]
    advice = advice_for(real_kb, factoren=[{"id": f} for f in factors], voorkeuren={"max_interventies": 2})
    assert len(advice["pakket"]) <= 2
    assert len(advice["lacunes"]) >= 2
    assert any("pakket is vol" in g["tekst"] for g in advice["lacunes"])
    assert_explained(advice, real_kb)


def test_a_person_oriented_preference_favours_person_oriented_interventions(real_kb):
    factors = [{"id": "ideologische-weerbaarheid"}, {"id": "positieve-stabiele-identiteitsontwikkeling"}]
    person = advice_for(real_kb, factoren=factors, voorkeuren={"aanpak": "persoonsgericht", "max_interventies": 4})
    approaches = [real_kb.interventions[i].approach for i in package_ids(person)]
    assert approaches.count("collectief") < len(approaches)
    assert any(r["regel"] == "S-AANPAK" for p in person["pakket"] for r in p["redenen"])
    assert_explained(person, real_kb)


@pytest.mark.parametrize("iid", ["diamant", "under-pressure"])
def test_why_an_intervention_is_not_in_the_advice_is_always_answered(real_kb, iid):
    advice = advice_for(real_kb, factoren=[{"id": "positieve-opvoedstijl"}], voorkeuren={"max_interventies": 2})
    placed = {p["interventie"] for p in advice["pakket"]} | {a["interventie"] for a in advice["alternatieven"]}
    if iid not in placed:
        entry = next(e for e in advice["uitgesloten"] if e["interventie"] == iid)
        assert entry["regel"] and entry["tekst"]
