"""Indicators that fit the intervention (reviews 2026-12-01, A8 and D6/B11), decided on its data:
the online-reach line only for an intervention delivered online to groups (not a helpline's chat),
recognising extremist content only where the intervention refers to polarisation or
radicalisation, a residents' survey in the wijk only for a neighbourhood intervention with
residents, the reach line naming the target groups by their labels instead of pasting the sentence
of `doelgroep_tekst` and counting completion only where there is a programme to complete, the
practice of professionals instead of a change in them, and experienced say only where the
intervention is about having a say."""

import pytest

from rules.guidance import indicators


def lines_of(kb, iid, covered=()):
    intervention = kb.interventions[iid]
    return indicators(intervention, list(covered or intervention.factor_ids), kb)


def test_a_parent_training_about_social_media_gets_no_online_reach_line(real_kb):
    parents = real_kb.interventions["ouders-in-positie"]
    # the data: it addresses the online world (the role of social media) but meets parents at home
    assert parents.online and parents.settings == ("gezin",) and parents.target_groups == ("ouders-opvoeders",)
    lines = lines_of(real_kb, "ouders-in-positie")
    assert not any(line.startswith("Online bereik") for line in lines)
    assert not any("jongeren" in line for line in lines)


def test_online_reach_exactly_for_interventions_delivered_online_to_groups(real_kb):
    for intervention in real_kb.interventions.values():
        lines = lines_of(real_kb, intervention.id)
        delivered_to_groups = "online" in intervention.settings and intervention.approach != "persoonsgericht"
        assert any(line.startswith("Online bereik") for line in lines) == delivered_to_groups, intervention.id


def test_a_confidential_helpline_counts_no_platform_reach(real_kb):
    helpline = real_kb.interventions["hulplijn-extremisme-van-lse"]
    # the data: phone, chat and mail (setting 'online'), one person at a time
    assert "online" in helpline.settings and helpline.approach == "persoonsgericht"
    lines = lines_of(real_kb, "hulplijn-extremisme-van-lse")
    assert not any("platforms" in line or "reacties" in line for line in lines)
    # a lesson programme given in class and online keeps it
    assert any(line.startswith("Online bereik") for line in lines_of(real_kb, "under-pressure"))


def test_a_training_for_professionals_measures_their_practice_not_a_change_in_them(real_kb):
    omei = real_kb.interventions["omei-training-expertise-unit-sociale-stabiliteit"]
    support = "steun-van-belangrijke-volwassenen"
    assert support in omei.factor_ids and not real_kb.factors[support].indirect
    assert set(omei.target_groups) == {"professionals-jeugd", "professionals-veiligheid-zorg", "gemeente"}
    lines = lines_of(real_kb, omei.id, [support])
    assert not any("bij deelnemers, gemeten voor en na" in line for line in lines)
    # third review, B6: not 'bijdragen aan steun van belangrijke volwassenen': the participants are those adults
    assert ("Verandering in hoe vaak en hoe de deelnemers de beschermende factor 'steun van belangrijke volwassenen' "
            "versterken bij de mensen met wie zij werken of die zij bereiken, bijvoorbeeld door zorgen te bespreken "
            "(voor en na).") in lines
    # participants who are young people or parents are measured themselves
    assert "Verandering in de beschermende factor 'positieve opvoedstijl' bij deelnemers, gemeten voor en na." in lines_of(
        real_kb, "ouders-in-positie", ["positieve-opvoedstijl"])


def test_only_an_intervention_about_having_a_say_measures_experienced_say(real_kb):
    court_lesson = lines_of(real_kb, "gastles-kinderrechtbank-prodemos")
    assert real_kb.interventions["gastles-kinderrechtbank-prodemos"].types == ("8",)
    assert "Verandering in het vertrouwen van de deelnemers in de overheid en de democratische instituties (korte vragenlijst voor en na)." in court_lesson
    assert not any("inspraak" in line for line in court_lesson)
    assert not any("inspraak" in line for line in lines_of(real_kb, "dreamocracy"))
    council = real_kb.interventions["stedelijke-kinderraad-utrecht-wijkkinderraden"]
    assert "participatie-in-besluitvorming-en-politieke-inspraak" in council.factor_ids
    assert any("vertrouwen van de deelnemers in de overheid" in line and "ervaren inspraak" in line
               for line in lines_of(real_kb, council.id))


@pytest.mark.parametrize("iid", ["hulplijn-extremisme-van-lse", "bondgenoten-aanpak", "utrecht-zijn-we-samen",
                                 "familieondersteuning"])
def test_a_helpline_a_network_or_family_support_has_no_programme_to_complete(real_kb, iid):
    assert set(real_kb.interventions[iid].types) <= {"3", "9"}
    reach = lines_of(real_kb, iid)[0]
    assert reach.startswith("Aantal bereikte deelnemers per doelgroep – ") and reach.endswith(".")
    assert "afrondt" not in reach


@pytest.mark.parametrize("iid", ["under-pressure", "ouders-in-positie", "vechten-voor-vrede-spior"])
def test_a_programme_counts_who_completes_it(real_kb, iid):
    # vechten-voor-vrede is of types 5 and 9: its type-5 part is a programme with participants
    assert lines_of(real_kb, iid)[0].endswith("– en het aandeel dat het programma afrondt.")


def test_only_interventions_about_radicalisation_measure_recognising_extremist_content(real_kb):
    hackshield = real_kb.interventions["hackshield"]
    # a game about phishing, hacking and cybercrime, without explicit reference to radicalisation (B3.7)
    assert hackshield.types == ("1.1",) and hackshield.explicit is False and "phishing" in hackshield.description
    lines = lines_of(real_kb, "hackshield")
    assert not any("extremistische" in line for line in lines)
    assert any("misleiding en andere risico's online herkent" in line for line in lines)
    under_pressure = real_kb.interventions["under-pressure"]
    assert "1.1" in under_pressure.types and under_pressure.explicit is True
    assert any("extremistische online inhoud herkent" in line for line in lines_of(real_kb, "under-pressure"))


def test_a_school_programme_gets_no_residents_survey_in_the_wijk(real_kb):
    school = real_kb.interventions["vreedzame-school"]
    assert "5" in school.types and "school" in school.settings
    lines = lines_of(real_kb, "vreedzame-school")
    assert not any("bewonerspeiling" in line or "in de wijk" in line for line in lines)
    assert any(line.startswith("Verandering in onderling contact tussen groepen") for line in lines)
    # a neighbourhood method with residents keeps the survey among residents
    abcd = real_kb.interventions["abcd-methode"]
    assert abcd.types == ("5",) and abcd.settings == ("wijk",) and "bewoners" in abcd.target_groups
    assert any("bewonerspeiling" in line for line in lines_of(real_kb, "abcd-methode"))


def test_type_8_measures_participants_or_officials_not_residents_in_general(real_kb):
    children = lines_of(real_kb, "stedelijke-kinderraad-utrecht-wijkkinderraden")
    assert not any("inwoners" in line for line in children)
    assert any("vertrouwen van de deelnemers in de overheid" in line for line in children)
    officials = real_kb.interventions["dilemmalogica"]
    assert officials.types == ("8",) and officials.target_groups == ("gemeente",)
    lines = lines_of(real_kb, "dilemmalogica")
    assert any(line.startswith("Aantal deelnemende ambtenaren, bestuurders en professionals") for line in lines)
    assert not any("vertrouwen van de deelnemers in de overheid" in line for line in lines)


def test_children_are_not_called_young_people(real_kb):
    amigos = real_kb.interventions["amigos"]
    assert "4" in amigos.types and "jongeren" not in amigos.target_groups
    assert not any("jongeren" in line for line in lines_of(real_kb, "amigos"))


@pytest.mark.parametrize("iid", ["vreedzame-school", "under-pressure", "dare-to-be-grey", "bondgenoten-aanpak"])
def test_the_reach_line_names_the_target_groups_by_label(real_kb, iid):
    intervention = real_kb.interventions[iid]
    assert intervention.target_group_text  # a sentence the old line pasted between brackets
    reach = lines_of(real_kb, iid)[0]
    assert reach.startswith("Aantal bereikte deelnemers per doelgroep – ")
    assert intervention.target_group_text not in reach
    for group in intervention.target_groups:
        assert real_kb.label("doelgroepen", group).lower() in reach


def test_factors_of_the_indirect_bouwsteen_are_not_measured_as_change_in_participants(real_kb):
    iid = "intervisie-voor-professionals"
    indirect = [f for f in real_kb.interventions[iid].factor_ids if real_kb.factors[f].indirect]
    assert indirect
    lines = lines_of(real_kb, iid, indirect)
    assert not any(real_kb.factors[f].name.lower() in line.lower() for f in indirect for line in lines)
    assert any(line.startswith("Aantal aangesloten partners en professionals") for line in lines)


def test_one_indicator_per_measured_thing(real_kb):
    # third review, N8 (P7 Terpstede): Dreamocracy (type 8) had the type's trust line and the factor
    # line 'Verandering in vertrouwen in democratische instituties en rechtsstaat bij deelnemers'
    trust = "vertrouwen-in-democratische-instituties-en-rechtsstaat"
    assert "8" in real_kb.interventions["dreamocracy"].types
    lines = lines_of(real_kb, "dreamocracy", [trust])
    assert ("Verandering in het vertrouwen van de deelnemers in de overheid en de democratische instituties (korte "
            "vragenlijst voor en na).") in lines
    assert not any("'vertrouwen in democratische instituties" in line for line in lines)
    # another covered factor keeps its own line
    council = "stedelijke-kinderraad-utrecht-wijkkinderraden"
    other = next(f for f in real_kb.interventions["dreamocracy"].factor_ids
                 if f != trust and not real_kb.factors[f].indirect)
    assert (f"Verandering in de beschermende factor '{real_kb.factors[other].name.lower()}' bij deelnemers, gemeten voor en na."
            in lines_of(real_kb, "dreamocracy", [trust, other]))
    # the children's council's line measures trust and say: neither gets a second line
    say = "participatie-in-besluitvorming-en-politieke-inspraak"
    assert not any("'participatie in" in line or "'vertrouwen in" in line
                   for line in lines_of(real_kb, council, [say, trust]))
    # without a type-8 line the factor line stays (under-pressure: no type 8, for young people)
    assert "8" not in real_kb.interventions["under-pressure"].types
    assert ("Verandering in de beschermende factor 'vertrouwen in democratische instituties en rechtsstaat' bij deelnemers, "
            "gemeten voor en na.") \
        in lines_of(real_kb, "under-pressure", [trust])


def test_every_factor_name_reads_in_the_indicator_line(real_kb):
    # third review, B6: 'Verandering in versterken van ondersteunende netwerken bij deelnemers' (P3)
    # and '... gemeenschappelijke betrokkenheid en netwerkopbouw in de buurt bij deelnemers' (P8)
    assert real_kb.factors["versterken-van-ondersteunende-netwerken"].name == "Versterken van ondersteunende netwerken"
    iid = next(i.id for i in real_kb.interventions.values()
               if "versterken-van-ondersteunende-netwerken" in i.factor_ids and "mediawijsheid" not in i.factor_ids
               and not set(i.target_groups) <= {"gemeente", "professionals-onderwijs", "professionals-jeugd",
                                                "professionals-veiligheid-zorg", "sleutelfiguren"})
    lines = lines_of(real_kb, iid, ["versterken-van-ondersteunende-netwerken"])
    assert ("Verandering in de beschermende factor 'versterken van ondersteunende netwerken' bij deelnemers, gemeten "
            "voor en na.") in lines
    assert not any(line.startswith("Verandering in versterken") for line in lines)
    two = lines_of(real_kb, iid, ["versterken-van-ondersteunende-netwerken", "mediawijsheid"])
    assert ("Verandering in de beschermende factoren 'versterken van ondersteunende netwerken' en 'mediawijsheid' bij "
            "deelnemers, gemeten voor en na.") in two


def test_contact_between_groups_is_measured_once(real_kb):
    # ABCD (type 5, in the wijk with residents) in P2, P8 and P9: the residents' survey on contact
    # and 'Verandering in ... positief contact tussen diverse groepen bij deelnemers'
    contact = "positief-contact-tussen-diverse-groepen"
    abcd = next(i for i in real_kb.interventions.values() if i.name.startswith("ABCD"))
    assert "5" in abcd.types and contact in abcd.factor_ids
    lines = lines_of(real_kb, abcd.id, [contact])
    assert any("onderling contact" in line for line in lines)
    assert not any("'positief contact tussen diverse groepen'" in line for line in lines)
    assert "5" not in real_kb.interventions["under-pressure"].types
    assert any("'positief contact tussen diverse groepen'" in line for line in lines_of(real_kb, "under-pressure", [contact]))
