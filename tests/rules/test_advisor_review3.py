"""The defects of the third ESS-advisor review (N1-N4), each on the real knowledge base with the
profile the reviewer used."""

import re

from rules.explain import advice_text
from tests.rules.test_advisor_review import LINDEHOVEN, VEENWOLDE
from tests.rules.test_advisor_review2 import TERPSTEDE, WOLDERKAMP, _causes  # noqa: F401
from tests.rules.test_scenarios import advice_for

# Dijkhoven: tensions between groups after a stabbing with an extremist motive
DIJKHOVEN = dict(gemeente="Dijkhoven", context={"inwoners": "middel", "fase": "in-ontwikkeling", "online": True,
                                                "capaciteit": "gemiddeld"},
                 doelgroepen=["jongeren", "families", "sleutelfiguren", "professionals-veiligheid-zorg"],
                 settings=["wijk", "religieuze-organisatie", "gezin", "gemeente-netwerk"],
                 risico_indicaties=["identiteitscrises", "eerste-generatie-migratieachtergrond", "geslacht-man"],
                 factoren=[{"id": "ideologische-weerbaarheid", "prioriteit": "hoog"},
                           {"id": "versterken-van-ondersteunende-netwerken", "prioriteit": "hoog"},
                           {"id": "positieve-stabiele-identiteitsontwikkeling"}, {"id": "sociaal-vertrouwen"},
                           {"id": "lokaal-netwerk-van-gemeente-en-maatschappelijke-organisaties-die-samenwerken-bij-"
                                  "preventie-en-signalering-van-radicalisering"}],
                 voorkeuren={"alleen_aangeboden": False, "indirect_meenemen": True, "aanpak": "beide"})

# Akkerwoude: a nitrogen protest that turned into intimidation of an alderman; person-centred, max 3
AKKERWOUDE = dict(gemeente="Akkerwoude", context={"inwoners": "klein", "fase": "start", "online": False,
                                                  "capaciteit": "beperkt"},
                  doelgroepen=["jongeren", "ouders-opvoeders", "professionals-jeugd"],
                  settings=["jongerenwerk", "sport", "gezin"],
                  risico_indicaties=["politieke-grieven", "gevoelens-van-onzekerheid",
                                     "negatieve-ervaringen-met-autoriteiten-of-politie", "financiele-kwetsbaarheid"],
                  factoren=[{"id": "participatie-in-besluitvorming-en-politieke-inspraak", "prioriteit": "hoog"},
                            {"id": "gevoel-van-basiszekerheid", "prioriteit": "hoog"},
                            {"id": "positieve-rolmodellen"}, {"id": "steun-van-belangrijke-volwassenen"}],
                  voorkeuren={"alleen_aangeboden": False, "max_interventies": 3, "indirect_meenemen": False,
                              "aanpak": "persoonsgericht"})


def test_a_twin_with_a_type_link_the_package_item_lacks_is_the_weaker_candidate_for_the_gap(real_kb):
    # N1, Dijkhoven (right before, and still): 2DO School (types 1.2, 1.3, 6) overlaps MIJ (type 1.3
    # only) and fits the open factor Sociaal vertrouwen through type 6, which MIJ lacks
    assert "6" in real_kb.interventions["2do-school"].types
    assert "6" not in real_kb.interventions["mij-en-mij-jr"].types
    cause = _causes(advice_for(real_kb, **DIJKHOVEN))["2do-school"]
    assert cause.rule == "UIT-DUPLICAAT-LACUNE"
    assert "via haar type past zij bij Sociaal vertrouwen, waarvoor het pakket niets heeft" in cause.text


def test_a_track_candidate_with_the_same_type_link_as_the_track_filler_adds_nothing_to_the_gap(real_kb):
    # N1, Akkerwoude: the type-2 parent supports link Steun van belangrijke volwassenen through
    # type 2, as JIM in the package does; Wolderkamp: the type-9 ones through type 9, as OMEI does
    akkerwoude = _causes(advice_for(real_kb, **AKKERWOUDE))
    for iid in ("coach-je-kind", "ouders-in-positie", "weerbaar-opvoeden", "het-madonna-project"):
        assert akkerwoude[iid].rule == "UIT-SPOOR", iid
        assert "daarvoor staat JIM-aanpak (Jouw Ingebrachte Mentor) al in het pakket." in akkerwoude[iid].text
    wolderkamp = _causes(advice_for(real_kb, **WOLDERKAMP))
    for iid in ("intervisie-voor-professionals", "niet-pluis-instrument-intervisie-tool-voor-vo-en-mbo",
                "omgaan-met-complotten-in-de-klas", "training-dialoog-onder-druk"):
        assert wolderkamp[iid].rule == "UIT-SPOOR", iid
        assert "waarvoor het pakket niets heeft" not in wolderkamp[iid].text
    for cause in [*akkerwoude.values(), *wolderkamp.values()]:
        assert "of loopt al" not in cause.text


def test_a_filled_track_says_whether_its_filler_is_in_the_package_or_already_runs(real_kb):
    # N1, the hedge 'al in het pakket of loopt al': with JIM running, the track is filled by what runs
    running = dict(AKKERWOUDE, context={**AKKERWOUDE["context"],
                                        "huidige_interventies": ["jim-aanpak-jouw-ingebrachte-mentor"]})
    cause = _causes(advice_for(real_kb, **running))["coach-je-kind"]
    assert cause.rule == "UIT-SPOOR"
    assert "daarvoor loopt JIM-aanpak (Jouw Ingebrachte Mentor) al." in cause.text
    assert "in het pakket" not in cause.text


def test_a_gap_that_names_some_of_its_type_candidates_says_so(real_kb):
    # N2, Veenwolde: many offered type-6 interventions outside the package (Bondgenoten, type 9) fit
    # Sociaal vertrouwen through their type; the gap names three of them
    advice = advice_for(real_kb, **VEENWOLDE)
    gap = next(g for g in advice.gaps if g.factor == "sociaal-vertrouwen")
    factor_types = set(real_kb.factors[gap.factor].types)
    type_linked = [real_kb.interventions[iid].name for iid in _causes(advice)
                   if set(real_kb.interventions[iid].types) & factor_types and real_kb.interventions[iid].offered != "nee"]
    assert len(type_linked) > 3
    assert sum(name in gap.text for name in type_linked) < len(type_linked)
    assert "Via hun type passen onder meer " in gap.text
    # a gap that names all it has (three type-8 interventions for Algeheel vertrouwen, none of that
    # type in the package): no 'onder meer'
    gap = next(g for g in advice_for(real_kb, gemeente="Zoekstad", doelgroepen=["bewoners"],
                                     factoren=[{"id": "algeheel-vertrouwen"}], voorkeuren={"max_interventies": 1}).gaps)
    assert "Via hun type passen " in gap.text and "onder meer" not in gap.text


def test_a_score_in_a_sentence_has_a_decimal_comma(real_kb):
    # N3, Lindehoven: 2DO School is left out of the full package with a lower score
    cause = _causes(advice_for(real_kb, **LINDEHOVEN))["2do-school"]
    assert cause.rule == "UIT-VOL"
    assert "ze scoort (14,0) lager dan de laagste interventie in het pakket (16,0)." in cause.text


def test_an_intervention_with_both_approaches_matches_only_the_one_the_municipality_chose(real_kb):
    # N4, Akkerwoude chose person-centred; Brede aanpak bestaanszekerheid is both
    advice = advice_for(real_kb, **AKKERWOUDE)
    broad = next(p for p in advice.package if p.intervention == "brede-aanpak-bestaanszekerheid-gemeente-tilburg")
    assert real_kb.interventions[broad.intervention].approach == "beide"
    aanpak = next(r.text for r in broad.reasons if r.rule == "S-AANPAK")
    assert aanpak == "Ze is (ook) persoonsgericht, zoals u wilde."
    # one with the chosen approach alone says it plainly
    jim = next(p for p in advice.package if p.intervention == "jim-aanpak-jouw-ingebrachte-mentor")
    assert next(r.text for r in jim.reasons if r.rule == "S-AANPAK") == "Ze is persoonsgericht, zoals u wilde."

# Hogeborg: campus polarisation over the war in the Middle East; min trede 2, max 5, indirect element on
HOGEBORG = dict(gemeente="Hogeborg", context={"inwoners": "groot", "fase": "gevestigd", "online": True, "capaciteit": "ruim"},
                doelgroepen=["jongvolwassenen", "professionals-onderwijs", "sleutelfiguren"],
                settings=["school", "online", "religieuze-organisatie"],
                risico_indicaties=["ervaren-van-onrecht-in-de-wereld", "aanwezigheid-van-wij-zij-narratieven-in-samenleving",
                                   "in-een-bubbel-zitten"],
                factoren=[{"id": "multi-perspectiviteit", "prioriteit": "hoog"},
                          {"id": "positief-contact-tussen-diverse-groepen", "prioriteit": "hoog"},
                          {"id": "ideologische-weerbaarheid"}, {"id": "weerbaarheid-tegen-online-groepsdruk"},
                          {"id": "trainingen-voor-professionals-in-herkennen-duiden-en-omgaan-met-signalen-van-"
                                 "polarisatie-en-radicalisering"}],
                voorkeuren={"min_trede": 2, "alleen_aangeboden": False, "max_interventies": 5, "indirect_meenemen": True,
                            "aanpak": "beide"})


def test_a_package_item_stands_under_the_bouwsteen_of_the_factors_it_covers_there(real_kb):
    # N7, Hogeborg: ABCD's first factor (Diversiteit in het sociaal netwerk) is in bouwsteen 4, but in
    # this package it covers Positief contact tussen diverse groepen, bouwsteen 5
    abcd = next(p for p in advice_for(real_kb, **HOGEBORG).package if p.intervention == "abcd-methode")
    assert abcd.covers == ["positief-contact-tussen-diverse-groepen"]
    assert real_kb.factors[real_kb.interventions["abcd-methode"].factor_ids[0]].bouwsteen == 4
    assert real_kb.factors["positief-contact-tussen-diverse-groepen"].bouwsteen == 5
    assert abcd.bouwsteen == 5
    # Wolderkamp: Het Madonna Project covers two bouwsteen-2 factors; a type-9 one stays under 6
    package = advice_for(real_kb, **WOLDERKAMP).package
    madonna = next(p for p in package if p.intervention == "het-madonna-project")
    assert {real_kb.factors[f].bouwsteen for f in madonna.covers} == {2} and madonna.bouwsteen == 2
    omei = next(p for p in package if p.intervention == "omei-training-expertise-unit-sociale-stabiliteit")
    assert omei.bouwsteen == 6


def test_the_text_format_writes_scores_and_weights_with_a_decimal_comma(real_kb):
    # N3, the other place that prints a score: 'bouwstenenwijzer advies --format tekst'
    text = advice_text(advice_for(real_kb, **LINDEHOVEN), real_kb)
    assert re.search(r"score \d+,\d\n", text) and re.search(r"\[S-[A-Z-]+, \+\d+,\d\]", text)
    # type numbers ('type 1.2') keep their point: they are the report's numbering
    assert not re.search(r"score \d+\.\d|, [+-]\d+\.\d\]|scoort \(\d+\.", text)
