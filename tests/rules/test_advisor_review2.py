"""The defects of the second ESS-advisor review (D1, D3, D4, D5, D7, D9), each on the real
knowledge base with the profile the reviewer used."""

from rules.advise import review
from rules.profile import parse_profile
from tests.rules.test_advisor_review import LINDEHOVEN, VEENWOLDE
from tests.rules.test_scenarios import advice_for, verdict

# Wolderkamp: families of radicalising persons, parents and safety/care professionals
WOLDERKAMP = dict(gemeente="Wolderkamp", context={"inwoners": "middel", "fase": "in-ontwikkeling", "online": False,
                                                  "capaciteit": "gemiddeld"},
                  doelgroepen=["families", "ouders-opvoeders", "professionals-veiligheid-zorg"],
                  settings=["gezin", "wijk", "gemeente-netwerk"],
                  risico_indicaties=["geradicaliseerde-partner-of-familieleden", "gezinsproblemen"],
                  factoren=[{"id": "goede-band-met-familie-opvoedondersteuners", "prioriteit": "hoog"},
                            {"id": "stabiele-thuissituatie"}, {"id": "positieve-opvoedstijl"},
                            {"id": "steun-van-belangrijke-volwassenen"},
                            {"id": "casuistiek-overleggen-tussen-wijkprofessionals-over-gezinnen-met-verhoogd-risico"}],
                  voorkeuren={"alleen_aangeboden": True, "max_interventies": 4, "indirect_meenemen": True})

# Terpstede: residents, young adults and the municipality; one intervention already running
TERPSTEDE = dict(gemeente="Terpstede", context={"inwoners": "klein", "fase": "start", "online": True, "capaciteit": "beperkt",
                                                "huidige_interventies": ["verbindend-omgaan-met-ongenoegen"]},
                 doelgroepen=["bewoners", "jongvolwassenen", "gemeente"], settings=["wijk", "online", "gemeente-netwerk", "werk"],
                 risico_indicaties=["laag-vertrouwen-in-de-overheid-en-of-traditionele-media"],
                 factoren=[{"id": "vertrouwen-in-democratische-instituties-en-rechtsstaat", "prioriteit": "hoog"},
                           {"id": "politieke-tevredenheid"}, {"id": "algeheel-vertrouwen"},
                           {"id": "erkennen-van-rechtmatigheid-van-het-recht-en-de-wet"}, {"id": "mediawijsheid"}],
                 voorkeuren={"alleen_aangeboden": False, "indirect_meenemen": False, "aanpak": "collectief"})

# Heidebroek: residents, key figures and the municipality; the package is full (3 of 3)
HEIDEBROEK = dict(gemeente="Heidebroek", context={"inwoners": "klein", "fase": "start", "online": False, "capaciteit": "beperkt"},
                  doelgroepen=["bewoners", "sleutelfiguren", "gemeente"], settings=["wijk", "gemeente-netwerk"],
                  factoren=[{"id": "positief-contact-tussen-diverse-groepen", "prioriteit": "hoog"},
                            {"id": "participatie-in-besluitvorming-en-politieke-inspraak", "prioriteit": "hoog"},
                            {"id": "gemeenschappelijke-betrokkenheid-en-netwerkopbouw-in-de-buurt"},
                            {"id": "vertrouwen-in-democratische-instituties-en-rechtsstaat"}],
                  voorkeuren={"alleen_aangeboden": False, "indirect_meenemen": True, "aanpak": "collectief"})


def _causes(advice):
    """Intervention id -> the sentence saying why she is not in the package (alternatives: their first reason)."""
    found = {e.intervention: e for e in advice.excluded}
    found.update({a.intervention: a.reasons[0] for a in advice.alternatives})
    return found


def _card(advice, iid):
    return next(p for p in advice.package + advice.alternatives if p.intervention == iid)


def test_the_bijlage2_link_says_what_bijlage2_does_and_does_not_repeat_the_example_sentence(real_kb):
    # D3: Bijlage 2 directs type 3 at all four family factors (report r. 2668-2676); which of them
    # became full links is the data team's choice (AFWIJKINGEN 5.11), not Bijlage 2's
    advice = advice_for(real_kb, **WOLDERKAMP)
    for iid in ("familieondersteuning", "hulplijn-extremisme-van-lse"):
        texts = {r.rule: r.text for r in _card(advice, iid).reasons}
        appendix = texts["S-FACTOR-BIJLAGE2"]
        assert appendix.startswith("De tabellen van Bijlage 3 noemen haar niet bij Goede band met familie")
        assert "koppelt dat type aan" not in appendix and "Bijlage 2 beschrijft haar" not in appendix
        assert "de kennisbank koppelt haar daar toch aan" in appendix and "haar beschrijving daarbij past" in appendix
        assert texts["S-VOORBEELD"].startswith("Bijlage 2 beschrijft haar als voorbeeld van type 3")
        # the type's other factors: weaker because her description is not about them, which the
        # other card's full link of the same type does not contradict
        weak = texts["S-FACTOR-TYPE"]
        assert "Steun van belangrijke volwassenen" in weak
        assert "haar beschrijving gaat daar niet over, dus dit is een zwakkere koppeling" in weak
    # a type-2 intervention has no Bijlage-2 links: its weaker link keeps the plain reason
    madonna = {r.rule: r.text for r in _card(advice, "het-madonna-project").reasons}
    assert "noemt haar daar niet als voorbeeld, dus dit is een zwakkere koppeling" in madonna["S-FACTOR-TYPE"]


def test_an_intervention_no_longer_offered_is_not_invited_into_the_package(real_kb):
    # D4: Reageren op discriminatie and Theaterstuk 'Count me in' are 'aangeboden: nee'; the
    # package of Veenwolde has room (1 of 3) for the open factor Sociaal vertrouwen
    advice = advice_for(real_kb, **VEENWOLDE)
    causes = _causes(advice)
    for iid in ("reageren-op-discriminatie", "theaterstuk-count-me-in"):
        assert real_kb.interventions[iid].offered == "nee"
        cause = causes[iid]
        assert cause.rule == "UIT-TYPE-NIET-AANGEBODEN"
        assert "voeg haar toe" not in cause.text and "Er is plaats" not in cause.text
        assert "niet meer aangeboden; gebruik haar hooguit als inspiratie" in cause.text
    # an offered one with the same type link still gets the room
    assert any(c.rule == "UIT-TYPE-RUIMTE" and "voeg haar toe" in c.text for c in causes.values())
    for iid, c in causes.items():
        if "voeg haar toe" in c.text or "Er is plaats" in c.text:
            assert real_kb.interventions[iid].offered != "nee", iid


def test_a_hand_edited_package_does_not_invite_a_discontinued_intervention(real_kb):
    # D4 in a package edited by hand (one item of 3, not covering the factor): BroederSport is
    # linked to the factor, 'aangeboden: nee'
    profile = parse_profile({"gemeente": "X", "doelgroepen": ["jongeren"], "voorkeuren": {"max_interventies": 3},
                             "factoren": [{"id": "positieve-stabiele-identiteitsontwikkeling"}]}, real_kb)
    advice = review(profile, real_kb, ["bondgenoten-aanpak"], set())
    causes = _causes(advice)
    assert real_kb.interventions["broedersport-gemeente-amsterdam"].offered == "nee"
    cause = causes["broedersport-gemeente-amsterdam"]
    assert cause.rule == "UIT-RUIMTE-NIET-AANGEBODEN" and "hooguit als inspiratie" in cause.text
    for iid, c in causes.items():
        if real_kb.interventions[iid].offered == "nee":
            assert "voeg haar toe" not in c.text and "Er is plaats" not in c.text, iid
    # an offered one linked to the factor is still invited
    assert any(c.rule == "UIT-RUIMTE" for iid, c in causes.items() if real_kb.interventions[iid].offered != "nee")


def test_the_type_candidates_of_a_gap_are_named_once_and_in_the_singular_when_one(real_kb):
    # D5: one type candidate, singular. Algeheel vertrouwen (type 8) for residents, room for one,
    # minimum trede 2: the one place goes to Bondgenoten (type 9), and of the type-8 interventions
    # only Dreamocracy meets the minimum trede
    gap = next(g for g in advice_for(real_kb, gemeente="Zoekstad", doelgroepen=["bewoners"],
                                     factoren=[{"id": "algeheel-vertrouwen"}],
                                     voorkeuren={"max_interventies": 1, "min_trede": 2}).gaps)
    assert "Via haar type past Dreamocracy bij deze factor" in gap.text
    assert "noemt haar daar niet als voorbeeld, dus voor deze factor is zij zwakker onderbouwd" in gap.text
    assert "Via hun type" not in gap.text
    # Terpstede: Dreamocracy and the Gastles in the package link Algeheel vertrouwen through type 8
    # already, so the gap offers no other type-8 intervention (fourth check)
    gap = next(g for g in advice_for(real_kb, **TERPSTEDE).gaps if g.factor == "algeheel-vertrouwen")
    assert "Stedelijke Kinderraad" not in gap.text and "Via haar type" not in gap.text
    # D5, Wolderkamp: the examples of type 9 ('Bondgenotenaanpak', 'Utrecht zijn We Samen') are
    # the interventions 'Bondgenoten aanpak' and 'Utrecht zijn we samen': named once
    gap = next(g for g in advice_for(real_kb, **WOLDERKAMP).gaps if g.factor.startswith("casuistiek-overleggen"))
    assert "Bondgenotenaanpak" in gap.text and "Utrecht zijn We Samen" in gap.text
    assert "Bondgenoten aanpak" not in gap.text and "Utrecht zijn we samen" not in gap.text


def test_a_type_linked_twin_or_track_candidate_for_an_open_factor_is_not_said_to_add_nothing(real_kb):
    # D1, Lindehoven: the only gap is Goede band met familie. The Opvoeddebatten and JIM link that
    # factor through type 2, as Ouders in positie in the package does (third review N1): swapping
    # adds nothing there, so the plain overlap and track stand, and the gap does not offer them as
    # candidates either (fourth check)
    advice = advice_for(real_kb, **LINDEHOVEN)
    gap = next(g for g in advice.gaps if g.factor == "goede-band-met-familie-opvoedondersteuners")
    causes = _causes(advice)
    debates = causes["opvoeddebatten-met-migrantenvaders-trias-pedagogica"]
    assert real_kb.interventions["opvoeddebatten-met-migrantenvaders-trias-pedagogica"].name not in gap.text
    assert debates.rule == "UIT-DUPLICAAT"
    assert "waarvoor het pakket niets heeft" not in debates.text
    jim = causes["jim-aanpak-jouw-ingebrachte-mentor"]
    assert jim.rule == "UIT-SPOOR" and "JIM-aanpak" not in gap.text and "Via hun type" not in gap.text
    assert "daarvoor staat Ouders in positie al in het pakket." in jim.text
    assert "loopt" not in jim.text and "waarvoor het pakket niets heeft" not in jim.text
    # the overlapping one still stands by the intervention it overlaps
    alt = next(a for a in advice.alternatives if a.intervention == "opvoeddebatten-met-migrantenvaders-trias-pedagogica")
    assert alt.instead_of == "ouders-in-positie"
    # where every type-linked factor is covered, the plain overlap stays (Wolderkamp: Ouders in positie)
    wolderkamp = _causes(advice_for(real_kb, **WOLDERKAMP))
    assert wolderkamp["ouders-in-positie"].rule == "UIT-DUPLICAAT"


def test_a_twin_of_what_already_runs_with_the_same_type_link_is_a_plain_overlap(real_kb):
    # D1, Terpstede: Dilemmalogica (type 8) overlaps the running Verbindend Omgaan Met Ongenoegen,
    # also type 8, the type of the open factor Algeheel vertrouwen: what runs fits it as weakly (N1)
    advice = advice_for(real_kb, **TERPSTEDE)
    assert set(real_kb.interventions["dilemmalogica"].types) <= set(
        real_kb.interventions["verbindend-omgaan-met-ongenoegen"].types)
    cause = _causes(advice)["dilemmalogica"]
    assert cause.rule == "UIT-DUPLICAAT" and "Algeheel vertrouwen" not in cause.text


def test_a_full_package_gap_points_to_the_alternatives_only_when_they_are_there(real_kb):
    # D7, Heidebroek: Dreamocracy fits the open factor but stands on no card
    advice = advice_for(real_kb, **HEIDEBROEK)
    assert len(advice.package) == 3
    gap = next(g for g in advice.gaps if g.factor == "vertrouwen-in-democratische-instituties-en-rechtsstaat")
    assert "Dreamocracy" in gap.text
    assert "dreamocracy" not in {a.intervention for a in advice.alternatives}
    assert "zie de alternatieven" not in gap.text.lower()
    assert "verhoog het maximum of haal een interventie uit het pakket" in gap.text.lower()
    # every gap that says 'zie de alternatieven' names one that is there
    for data in (HEIDEBROEK, WOLDERKAMP, TERPSTEDE, LINDEHOVEN, VEENWOLDE):
        a = advice_for(real_kb, **data)
        shown = {x.name for x in a.alternatives}
        for g in a.gaps:
            if "zie de alternatieven" in g.text.lower():
                assert any(name in g.text for name in shown), g.text


def test_a_system_intervention_is_shown_under_the_indirect_bouwsteen_it_is_counted_for(real_kb):
    # D9: Bondgenoten (B3.5 first, type 9) and OMEI (B3.2 first, type 9) count as the indirect
    # element of P-INDIRECT; the page groups them under bouwsteen 6 too
    for data, iid in ((VEENWOLDE, "bondgenoten-aanpak"), (WOLDERKAMP, "omei-training-expertise-unit-sociale-stabiliteit")):
        advice = advice_for(real_kb, **data)
        item = next(p for p in advice.package if p.intervention == iid)
        assert item.name in verdict(advice, "P-INDIRECT").text
        assert item.bouwsteen == 6
    assert real_kb.bouwsteen_of(real_kb.interventions["vreedzame-school"]) != 6
