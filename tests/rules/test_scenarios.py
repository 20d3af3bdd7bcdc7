"""Realistic municipalities on the real knowledge base. Each asserts what an ESS advisor checks
for that municipality, and every one passes the general checks of `assert_advisor_checks`: the
right type for the target group, offered before discontinued, reasons true to the knowledge base,
capacity respected, and a stigma warning where a characteristic was given."""

import pytest

from rules.advise import advise, review
from rules.definitions import CAPACITY_SIZES, CHARACTERISTICS
from rules.facts import is_system, package_size
from rules.profile import parse_profile
from rules.why import why_not

FILLERS = {"PL-RANG", "PL-BREED", "PL-GERICHT", "PL-FAMILIES", "PL-OUDERS", "PL-ONDERBOUWD"}


def advice_for(kb, **data):
    data.setdefault("gemeente", "Scenariostad")
    profile = parse_profile(data, kb)
    advice = advise(profile, kb)
    assert_advisor_checks(advice, profile, kb)
    return advice


def verdict(advice, rule_id):
    return advice.verdict(rule_id)


def ids(advice):
    return [p.intervention for p in advice.package]


def rules_of(item):
    return {r.rule for r in item.reasons}


def assert_advisor_checks(advice, profile, kb):
    chosen = set(advice.chosen_factors)
    wanted = set(profile.doelgroepen)
    excluded_by_filter = {e.intervention for e in advice.excluded if e.rule.startswith("F-")}
    for item in advice.package:
        i = kb.interventions[item.intervention]
        assert item.reasons, item
        assert set(item.covers) <= chosen and set(item.covers) <= set(i.factor_ids)
        # under the bouwsteen of a factor it covers here, which its paragraph names (a system
        # intervention under 6, where P-INDIRECT counts it)
        if "9" in i.types:
            assert item.bouwsteen == 6, item
        elif item.covers:
            assert item.bouwsteen in {kb.factors[f].bouwsteen for f in item.covers}, item
        else:
            assert item.bouwsteen == kb.bouwsteen_of(i), "an item is shown under its own bouwsteen"
        assert item.indicators and item.type_guidance == [g for g in item.type_guidance if g.type in i.types]
        placed = rules_of(item)
        # offered first: a discontinued item only as inspiration for a factor nothing offered covers
        if i.offered == "nee":
            assert placed & {"PL-INSPIRATIE", "HANDMATIG"}, item.name
            for reason in item.reasons:
                if reason.rule == "PL-INSPIRATIE":
                    fid = next(f for f in item.covers if f"'{kb.factors[f].name}'" in reason.text)
                    offered = [x for x in kb.factors[fid].intervention_ids if kb.interventions[x].offered != "nee"
                               and x not in excluded_by_filter and x not in advice.in_use]
                    assert not offered, f"{item.name} is inspiration while {offered} is offered"
        # fillers only with a direct link or a matching target group
        if placed & FILLERS and not item.covers:
            assert set(i.target_groups) & wanted, f"{item.name} added without link or target group"
        if "PL-INDIRECT" in placed:
            assert is_system(i, kb), f"{item.name} is no real indirect element"
        # reasons true to the knowledge base
        if "S-AANGEBODEN" in placed:
            assert i.offered == "ja"
        assert any("Verzameld via" in k for k in item.caveats) == bool(i.collected_via_municipalities and i.municipalities)
        if any("eigen, niet-officiële inschatting" in k for k in item.caveats):
            assert i.level_source == "eigen inschatting"
            assert any("op basis van de evaluatie" in k for k in item.caveats) == bool(i.evaluation)
        for r in item.reasons:
            # the report's tables name her at these factors; Bijlage 2 links her type to the others
            if r.rule == "S-FACTOR-DIRECT":
                assert all(kb.factors[f].name in r.text for f in item.covers if f not in i.appendix_factor_ids)
            if r.rule == "S-FACTOR-BIJLAGE2":
                assert all(kb.factors[f].name in r.text for f in item.covers if f in i.appendix_factor_ids)
    # 'the package fills her factors with interventions the report names there' only when it does
    placed = {f for p in advice.package for f in p.covers} | {f for i in advice.in_use for f in kb.interventions[i].factor_ids}
    for rule, iid in [(e.rule, e.intervention) for e in advice.excluded] + \
            [(a.reasons[0].rule, a.intervention) for a in advice.alternatives]:
        if rule == "UIT-TYPE":
            i = kb.interventions[iid]
            by_type = {f for f in chosen if f not in i.factor_ids and set(kb.factors[f].types) & set(i.types)}
            assert by_type and by_type <= placed, iid
    # an alternative that overlaps stands by the intervention it overlaps (its swap replaces that one)
    for alt in advice.alternatives:
        if alt.reasons[0].rule == "UIT-DUPLICAAT":
            assert alt.reasons[0].text.startswith(f"Overlapt met {kb.interventions[alt.instead_of].name}:"), alt
    covered = {f for p in advice.package for f in p.covers} | {f for i in advice.in_use for f in kb.interventions[i].factor_ids}
    gaps = {g.factor for g in advice.gaps}
    assert chosen <= covered | gaps, "every chosen factor is covered or named as a gap"
    assert verdict(advice, "P-DEKKING").met == (not gaps and bool(chosen))
    # capacity respected
    assert len(advice.package) <= package_size(profile)
    if profile.voorkeuren.max_interventies is None and profile.context.capaciteit:
        assert len(advice.package) <= CAPACITY_SIZES[profile.context.capaciteit][1]
    # stigma: a characteristic suggests nothing and always gets the warning
    characteristics = set(profile.risico_indicaties) & set(CHARACTERISTICS)
    if characteristics:
        assert "W-KENMERK" in {w.rule for w in advice.warnings}
    suggested_from = {r.text for s in advice.suggested_factors for r in s.reasons}
    for rid in characteristics:
        assert not any(kb.risk_factors[rid].name in t for t in suggested_from)
    # the right type for the target group
    if "families" in wanted and verdict(advice, "P-FAMILIES").met:
        assert any("3" in kb.interventions[i].types for i in ids(advice) + advice.in_use)
    if "ouders-opvoeders" in wanted and verdict(advice, "P-OUDERS").met:
        assert any("2" in kb.interventions[i].types for i in ids(advice) + advice.in_use)
    # exclusion sentences consistent with the package
    scores = [p.score for p in advice.package]
    for entry in advice.excluded + [a for a in advice.alternatives]:
        rule = entry.rule if hasattr(entry, "rule") else entry.reasons[0].rule
        if rule in ("UIT-VOL", "UIT-VOL-PLAATSEN", "LACUNE-VOL"):
            assert len(advice.package) == package_size(profile)
        assert rule != "UIT-RUIMTE", "room left in a composed package is never a reason"
    assert all(not ("pakket is vol" in g.text) or len(advice.package) == package_size(profile) for g in advice.gaps)


def test_small_town_starting_out_with_online_concerns(real_kb):
    advice = advice_for(real_kb, context={"inwoners": "klein", "fase": "start", "online": True, "capaciteit": "beperkt"},
                        doelgroepen=["jongeren"])
    suggested = {s.factor for s in advice.suggested_factors}
    assert {"mediawijsheid", "weerbaarheid-tegen-online-groepsdruk"} <= suggested
    assert any(real_kb.factors[f].bouwsteen == 6 for f in suggested)  # network and expertise first
    assert [s.rule for s in advice.first_steps] == ["E-LOKALE-ANALYSE", "E-ESS-GESPREK"]
    assert 2 <= len(advice.package) <= 3  # capacity 'beperkt' sets the size
    assert "W-CAPACITEIT" not in {w.rule for w in advice.warnings}


def test_limited_capacity_with_a_large_chosen_maximum_gets_a_warning(real_kb):
    advice = advice_for(real_kb, context={"capaciteit": "beperkt"}, doelgroepen=["jongeren"],
                        voorkeuren={"max_interventies": 8})
    warning = next(w for w in advice.warnings if w.rule == "W-CAPACITEIT")
    assert "hoogstens 8" in warning.text and "2 tot 3" in warning.text


def test_capacity_sets_the_default_size(real_kb):
    for capacity, (low, high) in CAPACITY_SIZES.items():
        advice = advice_for(real_kb, context={"capaciteit": capacity, "verschijningsvormen": ["jihadistisch"]},
                            doelgroepen=["jongeren", "ouders-opvoeders"], settings=["school"])
        assert low <= len(advice.package) <= high, capacity


def test_big_city_with_vertical_polarisation(real_kb):
    advice = advice_for(real_kb, context={"inwoners": "groot", "fase": "gevestigd",
                                          "verschijningsvormen": ["verticale-polarisatie", "anti-institutioneel"]},
                        doelgroepen=["jongvolwassenen", "bewoners"])
    suggestion = next(s for s in advice.suggested_factors
                      if s.factor == "vertrouwen-in-democratische-instituties-en-rechtsstaat")
    assert {r.rule for r in suggestion.reasons} == {"V-VERTICAAL"}
    texts = " ".join(r.text for r in suggestion.reasons)
    assert "verticale polarisatie" in texts and "anti-institutioneel extremisme" in texts
    assert any("8" in real_kb.interventions[i].types for i in ids(advice))
    assert not advice.first_steps  # an established approach needs no start-up steps
    # type 8 has no werkzame elementen in Bijlage 2: no gap or item promises them
    for g in advice.gaps:
        if g.types == ["8"]:
            assert "geeft Bijlage 2 geen algemene werkzame elementen" in g.text


def test_parents_and_schools(real_kb):
    advice = advice_for(real_kb, doelgroepen=["ouders-opvoeders", "kinderen"], settings=["school", "gezin"],
                        factoren=[{"id": "positieve-opvoedstijl", "prioriteit": "hoog"},
                                  {"id": "goede-en-positieve-band-met-school-werk"}])
    first = advice.package[0]
    assert "positieve-opvoedstijl" in first.covers
    parents = verdict(advice, "P-OUDERS")
    assert parents.met
    assert "Amigo" not in parents.text  # a programme for children 8-13 is no parents' track
    assert not advice.gaps


def test_a_municipality_that_already_runs_several_interventions(real_kb):
    running = ["under-pressure", "vreedzame-school", "diamant"]
    advice = advice_for(real_kb, context={"huidige_interventies": running},
                        factoren=[{"id": "mediawijsheid"}, {"id": "ideologische-weerbaarheid"}])
    assert sorted(advice.in_use) == sorted(running)
    assert not set(running) & set(ids(advice))
    assert "mediawijsheid" not in {g.factor for g in advice.gaps}  # Under Pressure covers it


def test_strict_evidence_preferences_leave_gaps_and_say_why(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "algeheel-vertrouwen"}, {"id": "mediawijsheid"}],
                        voorkeuren={"min_trede": 3, "alleen_aangeboden": True})
    for item in advice.package:
        intervention = real_kb.interventions[item.intervention]
        assert intervention.level is not None and intervention.level >= 3 and intervention.offered == "ja"
    assert {"F-MIN-TREDE", "F-AANGEBODEN"} <= {e.rule for e in advice.excluded}
    gap = next(g for g in advice.gaps if g.factor == "algeheel-vertrouwen")
    assert gap.types == ["8"] and "geeft Bijlage 2 geen algemene werkzame elementen" in gap.text
    assert "kunnen richting geven" not in gap.text


def test_a_minimum_trede_that_leaves_nothing_says_what_to_do(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "mediawijsheid"}], voorkeuren={"min_trede": 5})
    assert not advice.package
    warning = next(w for w in advice.warnings if w.rule == "W-MIN-TREDE-LEEG")
    assert "Verlaag de minimale trede" in warning.text
    assert not verdict(advice, "P-NIVEAUS").met and "leeg" in verdict(advice, "P-NIVEAUS").text


def test_choosing_every_factor_and_a_maximum_of_twenty_get_warnings(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": f} for f in real_kb.factors], voorkeuren={"max_interventies": 20})
    rules = {w.rule for w in advice.warnings}
    assert {"W-ALLE-FACTOREN", "W-MAXIMUM"} <= rules


def test_families_of_travellers_to_syria_get_family_support(real_kb):
    advice = advice_for(real_kb, doelgroepen=["families", "jongvolwassenen"],
                        context={"verschijningsvormen": ["jihadistisch"], "fase": "gevestigd"},
                        risico_indicaties=["geradicaliseerde-partner-of-familieleden"])
    family = [real_kb.interventions[i] for i in ids(advice) if "3" in real_kb.interventions[i].types]
    assert family, "a type-3 intervention for the families"
    assert "familieondersteuning" in ids(advice)  # offered, trede 3, Bijlage 2's own example
    families = verdict(advice, "P-FAMILIES")
    assert families.met and all(i.name in families.text for i in family)
    suggestion = next(s for s in advice.suggested_factors if s.factor == "stabiele-thuissituatie")
    assert "V-SPIEGEL-THUISSITUATIE" in {r.rule for r in suggestion.reasons}


def test_a_childrens_programme_never_satisfies_the_family_rules(real_kb):
    profile = parse_profile({"gemeente": "X", "doelgroepen": ["families", "ouders-opvoeders"],
                             "factoren": [{"id": "positieve-opvoedstijl"}]}, real_kb)
    edited = review(profile, real_kb, ["amigos"], set())
    assert not edited.verdict("P-FAMILIES").met and not edited.verdict("P-OUDERS").met


def test_online_polarisation_with_parents(real_kb):
    advice = advice_for(real_kb, doelgroepen=["ouders-opvoeders", "jongeren"],
                        context={"online": True, "verschijningsvormen": ["horizontale-polarisatie"],
                                 "capaciteit": "gemiddeld"},
                        factoren=[{"id": "mediawijsheid", "prioriteit": "hoog"},
                                  {"id": "weerbaarheid-tegen-online-groepsdruk"}, {"id": "positieve-opvoedstijl"},
                                  {"id": "positief-contact-tussen-diverse-groepen"}])
    assert "mediawijsheid" in {f for p in advice.package for f in p.covers}
    assert verdict(advice, "P-OUDERS").met
    assert any(real_kb.interventions[i].online for i in ids(advice))
    assert len(advice.package) <= 5


def test_extreme_right_at_school_with_teachers_as_target_group(real_kb):
    advice = advice_for(real_kb, doelgroepen=["jongeren", "professionals-onderwijs"], settings=["school"],
                        context={"verschijningsvormen": ["rechts-extremisme"]},
                        factoren=[{"id": "ideologische-weerbaarheid", "prioriteit": "hoog"},
                                  {"id": "democratische-vorming-en-burgerschapscompetenties"}])
    indirect = [real_kb.interventions[p.intervention] for p in advice.package if "PL-INDIRECT" in rules_of(p)]
    assert indirect and all(is_system(i, real_kb) for i in indirect)
    assert all("professionals-onderwijs" in i.target_groups or "gemeente" in i.target_groups for i in indirect)
    for item in advice.package:  # nothing without a link to the chosen factors or groups
        i = real_kb.interventions[item.intervention]
        assert item.covers or set(i.target_groups) & {"jongeren", "professionals-onderwijs"} or "PL-INDIRECT" in rules_of(item)


def test_tensions_between_groups_in_a_neighbourhood(real_kb):
    advice = advice_for(real_kb, context={"verschijningsvormen": ["horizontale-polarisatie", "maatschappelijke-spanningen"]},
                        doelgroepen=["bewoners", "sleutelfiguren"], settings=["wijk"])
    assert "positief-contact-tussen-diverse-groepen" in {s.factor for s in advice.suggested_factors}
    assert any("5" in real_kb.interventions[i].types for i in ids(advice))


def test_without_the_indirect_bouwsteen_the_rule_is_not_met_and_says_why(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "mediawijsheid"}, {"id": "ideologische-weerbaarheid"}],
                        voorkeuren={"indirect_meenemen": False})
    assert not any(real_kb.factors[f].bouwsteen == 6 for p in advice.package for f in p.covers)
    rule = verdict(advice, "P-INDIRECT")
    assert not rule.met and rule.text.startswith("De gemeente koos ervoor de indirecte bouwsteen niet mee")
    assert "F-INDIRECT" in {e.rule for e in advice.excluded}


def test_circumstances_suggest_their_mirror_and_characteristics_only_warn(real_kb):
    advice = advice_for(real_kb, risico_indicaties=["in-aanraking-komen-met-mis-en-desinformatie",
                                                    "laag-vertrouwen-in-de-overheid-en-of-traditionele-media",
                                                    "jongere-leeftijd", "eerste-generatie-migratieachtergrond"])
    suggested = {s.factor: {r.rule for r in s.reasons} for s in advice.suggested_factors}
    assert suggested == {"mediawijsheid": {"V-SPIEGEL-MEDIAWIJSHEID"},
                         "vertrouwen-in-democratische-instituties-en-rechtsstaat": {"V-SPIEGEL-INSTITUTIES"}}
    kenmerken = [w for w in advice.warnings if w.rule == "W-KENMERK"]
    assert len(kenmerken) == 2 and all("stigmatiserend" in w.text for w in kenmerken)
    assert all("nooit op personen" in r.text for s in advice.suggested_factors for r in s.reasons)


def test_an_intervention_for_one_religious_group_gets_the_framing_warning(real_kb):
    profile = parse_profile({"gemeente": "X", "doelgroepen": ["jongeren"],
                             "factoren": [{"id": "positieve-stabiele-identiteitsontwikkeling"}]}, real_kb)
    edited = review(profile, real_kb, ["diamant", "under-pressure"], {"diamant"})
    warning = next(w for w in edited.warnings if w.rule == "W-EEN-GROEP")
    assert "DIAMANT" in warning.text and "Under Pressure" not in warning.text


def test_programmes_of_one_city_are_translated_and_aarhus_is_not_offered(real_kb):
    profile = parse_profile({"gemeente": "Zwolle", "factoren": [
        {"id": "lokaal-netwerk-van-gemeente-en-maatschappelijke-organisaties-die-samenwerken-bij-preventie-en-signalering-van-radicalisering"}]},
        real_kb)
    edited = review(profile, real_kb, ["utrecht-zijn-we-samen", "aarhus-model"], {"aarhus-model"})
    utrecht, aarhus = edited.package
    assert any("vertalen, niet overnemen" in k for k in utrecht.caveats)
    assert "S-AANGEBODEN" not in rules_of(aarhus) and any("niet meer aangeboden" in k for k in aarhus.caveats)
    assert any("vertalen, niet overnemen" in k for k in aarhus.caveats)


def test_a_small_package_covers_high_priority_factors_before_reserved_slots(real_kb):
    advice = advice_for(real_kb, doelgroepen=["families", "ouders-opvoeders"],
                        factoren=[{"id": "mediawijsheid", "prioriteit": "hoog"},
                                  {"id": "ideologische-weerbaarheid", "prioriteit": "hoog"}],
                        voorkeuren={"max_interventies": 2})
    covered = {f for p in advice.package for f in p.covers}
    assert {"mediawijsheid", "ideologische-weerbaarheid"} <= covered


def test_a_small_package_with_many_factors_names_the_rest_as_gaps(real_kb):
    factors = ["mediawijsheid", "positieve-opvoedstijl", "ideologische-weerbaarheid",
               "positief-contact-tussen-diverse-groepen", "gevoel-van-basiszekerheid"]
    advice = advice_for(real_kb, factoren=[{"id": f} for f in factors], voorkeuren={"max_interventies": 2})
    assert len(advice.package) == 2
    assert len(advice.gaps) >= 2
    assert any("omdat het vol is (2 van 2)" in g.text for g in advice.gaps)


def test_a_person_oriented_preference_favours_person_oriented_interventions(real_kb):
    factors = [{"id": "ideologische-weerbaarheid"}, {"id": "positieve-stabiele-identiteitsontwikkeling"}]
    person = advice_for(real_kb, factoren=factors, voorkeuren={"aanpak": "persoonsgericht", "max_interventies": 4})
    approaches = [real_kb.interventions[i].approach for i in ids(person)]
    assert approaches.count("collectief") < len(approaches)
    assert any(r.rule == "S-AANPAK" for p in person.package for r in p.reasons)


def test_why_an_intervention_is_not_in_the_advice_is_always_answered_truly(real_kb):
    advice = advice_for(real_kb, factoren=[{"id": "positieve-opvoedstijl"}], voorkeuren={"max_interventies": 2})
    for iid, intervention in real_kb.interventions.items():
        answer = why_not(advice, real_kb, iid)
        assert answer["tekst"] and "niets over" not in answer["tekst"], iid
        if answer["regel"] == "UIT-VOL":
            assert len(advice.package) == 2


@pytest.mark.parametrize("iid", ["hulplijn-radicalisering", "lotgenotenondersteuning"])
def test_discontinued_family_support_is_inspiration_only(real_kb, iid):
    advice = advice_for(real_kb, doelgroepen=["families"], factoren=[{"id": "goede-band-met-familie-opvoedondersteuners"}])
    assert iid not in ids(advice)
    assert "familieondersteuning" in ids(advice) or "hulplijn-extremisme-van-lse" in ids(advice)


def test_duplicates_compare_target_groups(real_kb):
    from rules.facts import similar_interventions
    toolbox, pressure = real_kb.interventions["toolbox-mediaopvoeding"], real_kb.interventions["under-pressure"]
    assert not similar_interventions(pressure, toolbox, ["mediawijsheid"])  # parents' toolbox, youth programme
    profile = parse_profile({"gemeente": "X", "factoren": [{"id": "mediawijsheid"}]}, real_kb)
    signalling = ["soms-sociale-onrust-en-maatschappelijke-spanningen",
                  "samos-gestructureerde-signalering-en-aanpak-onrust-en-spanningen", "bondgenoten-aanpak"]
    side_by_side = review(profile, real_kb, signalling, set(signalling))
    rule = side_by_side.verdict("P-DUPLICAAT")
    assert not rule.met and rule.text.count(" en ") >= 3  # all three pairs named


def test_a_youth_training_linked_to_bouwsteen_6_is_no_indirect_element(real_kb):
    bounce = real_kb.interventions["bounce-trainingen"]
    assert any(real_kb.factors[f].indirect for f in bounce.factor_ids)  # the report lists it there too
    assert not is_system(bounce, real_kb)
    assert is_system(real_kb.interventions["samos-gestructureerde-signalering-en-aanpak-onrust-en-spanningen"], real_kb)
    advice = advice_for(real_kb, doelgroepen=["jongeren"], factoren=[{"id": "weerbaarheid-tegen-groepsdruk"}])
    indirect = verdict(advice, "P-INDIRECT")
    assert "BOUNCE" not in indirect.text
