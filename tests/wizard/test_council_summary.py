"""The opening sentences of the B&W document and the advice page count the chosen factors the
package covers, not the factors chosen (review 2026-12-01, A3), and refer to its bijlagen in good
Dutch (A7); the B&W document names only the chosen target groups the package's items serve, says
which items serve none of them, also under Kanttekeningen (second review, D2), and says what the
package strengthens in a sentence of its own, not in a clause hanging on the last group (B8)."""

import pytest

from rules.facts import is_system
from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, between, text_of
from wizard.advice.summary import appendix_range, opening, outside_sentence, package_phrase, reach, target_group_caveat

FACTORS = ("mediawijsheid", "positieve-opvoedstijl", "group-efficacy")


@pytest.mark.parametrize("size,covered,chosen,expected", [
    (6, 5, 5, "een samenhangend pakket van 6 interventies dat alle 5 gekozen beschermende factoren versterkt"),
    (4, 2, 2, "een samenhangend pakket van 4 interventies dat beide gekozen beschermende factoren versterkt"),
    (3, 0, 2, "een samenhangend pakket van 3 interventies dat geen van de gekozen factoren direct versterkt"),
    (1, 0, 1, "één interventie die de gekozen beschermende factor niet direct versterkt"),
    (1, 1, 1, "één interventie die de gekozen beschermende factor versterkt"),
    (2, 1, 3, "een samenhangend pakket van 2 interventies dat 1 van de 3 gekozen beschermende factoren versterkt"),
    (2, 0, 0, "een samenhangend pakket van 2 interventies"),
    (0, 0, 2, "een pakket zonder interventies"),
])
def test_the_package_phrase_counts_covered_factors(size, covered, chosen, expected):
    assert package_phrase(size, covered, chosen) == expected


@pytest.mark.parametrize("size,covered,chosen,groups,expected", [
    (5, 3, 4, ["ouders en opvoeders", "professionals in het onderwijs"],
     "Voorgesteld wordt een samenhangend pakket van 5 interventies voor ouders en opvoeders en professionals in het "
     "onderwijs. Het pakket versterkt 3 van de 4 gekozen beschermende factoren."),
    (3, 0, 2, ["bewoners"], "Voorgesteld wordt een samenhangend pakket van 3 interventies voor bewoners. "
                            "Het pakket versterkt geen van de gekozen factoren direct."),
    (1, 0, 1, ["bewoners"], "Voorgesteld wordt één interventie voor bewoners. Zij versterkt de gekozen beschermende "
                            "factor niet direct."),
    (4, 2, 2, ["bewoners"], "Voorgesteld wordt een samenhangend pakket van 4 interventies voor bewoners. "
                            "Het pakket versterkt beide gekozen beschermende factoren."),
    (2, 0, 0, ["bewoners"], "Voorgesteld wordt een samenhangend pakket van 2 interventies voor bewoners."),
    # no chosen group served: the package is for nobody in particular, one sentence as on the advice page
    (3, 3, 5, [], "Voorgesteld wordt een samenhangend pakket van 3 interventies dat 3 van de 5 gekozen beschermende "
                  "factoren versterkt."),
    (0, 0, 2, ["bewoners"], "Voorgesteld wordt een pakket zonder interventies."),
])
def test_the_opening_says_what_the_package_strengthens_in_its_own_sentence(size, covered, chosen, groups, expected):
    assert opening(size, covered, chosen, groups) == expected


def items(*iids):
    return [{"interventie": iid, "naam": iid} for iid in iids]


def test_the_reach_names_only_chosen_groups_that_an_item_serves(real_kb):
    # Terpstede (review 2, P7): residents, young adults and the municipality chosen; two of the
    # three interventions are school lessons for children and young people
    for iid, groups in (("dreamocracy", ("kinderen", "jongeren")), ("gastles-kinderrechtbank-prodemos", ("kinderen", "jongeren")),
                        ("under-pressure", ("jongeren", "jongvolwassenen"))):
        assert real_kb.interventions[iid].target_groups == groups
    package = [{"interventie": "dreamocracy", "naam": "Dreamocracy"}, {"interventie": "under-pressure", "naam": "Under Pressure"},
               {"interventie": "gastles-kinderrechtbank-prodemos", "naam": "Gastles Kinderrechtbank (ProDemos)"}]
    r = reach(package, ["bewoners", "jongvolwassenen", "gemeente"], real_kb)
    assert r.reached == ["jongvolwassenen (18-27 jaar)"]
    assert r.unreached == ["bewoners", "gemeente (ambtenaren en bestuur)"]
    assert r.outside == ["Dreamocracy", "Gastles Kinderrechtbank (ProDemos)"]
    assert outside_sentence(r) == ("Dreamocracy en Gastles Kinderrechtbank (ProDemos) richten zich niet op de doelgroepen "
                                   "die de gemeente koos, maar op kinderen (4-12 jaar) en jongeren (12-18 jaar).")
    assert target_group_caveat(r) == (outside_sentence(r) + " Voor de gekozen doelgroepen bewoners en gemeente (ambtenaren "
                                      "en bestuur) bevat het pakket geen interventie. Ga na of het pakket zo past bij de aanleiding.")


def test_a_package_whose_items_all_serve_chosen_groups_gets_no_target_group_caveat(real_kb):
    r = reach(items("under-pressure", "ouders-in-positie"), ["jongeren", "ouders-opvoeders"], real_kb)
    assert r.reached == ["jongeren (12-18 jaar)", "ouders en opvoeders"] and not r.outside and not r.unreached
    assert outside_sentence(r) == "" and target_group_caveat(r) == ""
    # and without chosen target groups nothing is said about them
    r = reach(items("hackshield"), [], real_kb)
    assert outside_sentence(r) == "" and target_group_caveat(r) == ""


def test_an_indirect_element_for_the_municipality_is_not_outside_the_chosen_groups(real_kb):
    bondgenoten = real_kb.interventions["bondgenoten-aanpak"]
    assert is_system(bondgenoten, real_kb) and "jongeren" not in bondgenoten.target_groups
    r = reach(items("under-pressure", "bondgenoten-aanpak"), ["jongeren"], real_kb)
    assert r.outside == [] and target_group_caveat(r) == ""


def test_one_item_outside_one_chosen_group_is_in_the_singular(real_kb):
    r = reach(items("hackshield", "under-pressure"), ["jongeren"], real_kb)
    assert outside_sentence(r) == "hackshield richt zich niet op de doelgroep die de gemeente koos, maar op kinderen (4-12 jaar)."
    r = reach(items("under-pressure"), ["jongeren", "bewoners"], real_kb)
    assert target_group_caveat(r) == ("Voor de gekozen doelgroep bewoners bevat het pakket geen interventie. "
                                      "Ga na of het pakket zo past bij de aanleiding.")


@pytest.mark.parametrize("count,expected", [(0, ""), (1, "bijlage 1"), (2, "bijlagen 1 en 2"), (5, "bijlagen 1 tot en met 5")])
def test_the_decision_names_its_bijlagen(count, expected):
    assert appendix_range(count) == expected


def covered_in(advice: dict) -> set[str]:
    return {f for item in advice["pakket"] for f in item["dekt_factoren"]}


def summary_of(client, advice_id) -> str:
    return text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True), 'class="summary"', "<table"))


def remove(client, advice_id, iid):
    response = client.post(f"/advies/{advice_id}/pakket", data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie",
                                                                "interventie": iid})
    assert response.status_code == 303


def test_the_summary_counts_what_the_package_covers_after_removals(client):
    advice_id = make_advice(client, factors=FACTORS)
    advice = advice_json(client, advice_id)
    assert covered_in(advice) == set(FACTORS)  # the starting point: every chosen factor covered
    assert "Het pakket versterkt alle 3 gekozen beschermende factoren." in summary_of(client, advice_id)
    # take out every item that covers mediawijsheid: one of the three chosen factors is left uncovered
    for item in advice["pakket"]:
        if "mediawijsheid" in item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    assert "mediawijsheid" not in covered_in(advice_json(client, advice_id))
    summary = summary_of(client, advice_id)
    assert "Het pakket versterkt 2 van de 3 gekozen beschermende factoren." in summary
    assert "Niet gedekt: voor de gekozen factor mediawijsheid" in summary
    decision = text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True), 'id="besluit"', "</section>"))
    assert "Voor de factor die het pakket niet dekt te onderzoeken" in decision
    page = text_of(client.get(f"/advies/{advice_id}").get_data(as_text=True))
    assert "dat 2 van de 3 gekozen beschermende factoren versterkt." in page
    assert "dat de gekozen beschermende factoren versterkt" not in page
    # and the list under 'Beoogd effect' holds the two covered factors only
    document = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    covered_list = text_of(between(document, 'id="effect"', "Niet gedekt"))
    assert "Mediawijsheid" not in covered_list and "Positieve opvoedstijl" in covered_list


def test_a_package_that_covers_no_chosen_factor_says_so(client, real_kb):
    advice_id = make_advice(client, factors=("mediawijsheid", "positieve-opvoedstijl"))
    for item in advice_json(client, advice_id)["pakket"]:
        if item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    advice = advice_json(client, advice_id)
    assert advice["pakket"] and not covered_in(advice)  # items are left, none covers a chosen factor
    size = len(advice["pakket"])
    head = "één interventie" if size == 1 else f"een samenhangend pakket van {size} interventies"
    labels = {"jongeren": "jongeren (12-18 jaar)", "ouders-opvoeders": "ouders en opvoeders"}
    served = [label for g, label in labels.items()
              if any(g in real_kb.interventions[p["interventie"]].target_groups for p in advice["pakket"])]
    summary = summary_of(client, advice_id)
    if served:
        assert (f"Voorgesteld wordt {head} voor {' en '.join(served)}. {'Zij' if size == 1 else 'Het pakket'} "
                "versterkt geen van de gekozen factoren direct.") in summary
    else:
        assert f"Voorgesteld wordt {head} {'die' if size == 1 else 'dat'} geen van de gekozen factoren direct versterkt." in summary
    assert "beschermende factoren versterkt bij" not in summary  # the old sentence counted the chosen factors


def test_one_intervention_is_one_bijlage(client):
    advice_id = make_advice(client)
    advice = advice_json(client, advice_id)
    for item in advice["pakket"][1:]:
        remove(client, advice_id, item["interventie"])
    assert len(advice_json(client, advice_id)["pakket"]) == 1
    decision = text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True), 'id="besluit"', "</section>"))
    assert "Opdracht te geven de interventie uit het pakket lokaal uit te werken" in decision
    assert "over de interventielogica (bijlage 1) en de kosten" in decision
    assert "tot en met 1" not in decision
    summary = summary_of(client, advice_id)
    assert "Voorgesteld wordt één interventie voor" in summary and "pakket van 1 interventie" not in summary


def test_a_factor_covered_only_by_what_already_runs_is_named_as_such(client, real_kb):
    running = next(i for i in real_kb.interventions.values() if "group-efficacy" in i.factor_ids and not i.withdrawn)
    advice_id = make_advice(client, factors=FACTORS, huidige_interventies=[running.id])
    advice = advice_json(client, advice_id)
    assert running.id in advice["al_ingezet"]
    for item in advice["pakket"]:
        if "group-efficacy" in item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    advice = advice_json(client, advice_id)
    assert "group-efficacy" not in covered_in(advice) and "group-efficacy" not in {g["factor"] for g in advice["lacunes"]}
    covered = len(covered_in(advice) & set(FACTORS))
    summary = summary_of(client, advice_id)
    assert f"Het pakket versterkt {covered} van de 3 gekozen beschermende factoren." in summary
    assert f"Wat de gemeente al inzet, dekt de gekozen factor {real_kb.factors['group-efficacy'].name.lower()}." in summary


def kanttekeningen_of(client, advice_id) -> str:
    return text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True), 'id="kanttekeningen"', "<h3"))


def test_an_item_for_another_target_group_is_named_in_the_summary_and_the_kanttekeningen(client, real_kb):
    advice_id = make_advice(client)  # for young people and parents
    assert "kinderen" in real_kb.interventions["hackshield"].target_groups
    assert not {"jongeren", "ouders-opvoeders"} & set(real_kb.interventions["hackshield"].target_groups)
    assert "hackshield" not in {p["interventie"] for p in advice_json(client, advice_id)["pakket"]}
    assert "Doelgroepen." not in kanttekeningen_of(client, advice_id)
    response = client.post(f"/advies/{advice_id}/pakket", data={"actie": "voeg-toe", "interventie": "hackshield",
                                                                "reden": "Speelt in op wat kinderen online zien"})
    assert response.status_code == 303
    sentence = "HackShield richt zich niet op de doelgroepen die de gemeente koos, maar op kinderen (4-12 jaar)."
    summary = summary_of(client, advice_id)
    assert sentence in summary
    assert "voor jongeren (12-18 jaar) en ouders en opvoeders. Het pakket versterkt" in summary  # still both served
    assert f"Doelgroepen. {sentence} Ga na of het pakket zo past bij de aanleiding." in kanttekeningen_of(client, advice_id)


def test_a_chosen_group_no_item_serves_is_left_out_of_the_summary_and_named_in_the_kanttekeningen(client, real_kb):
    advice_id = make_advice(client)
    for item in advice_json(client, advice_id)["pakket"]:
        if "ouders-opvoeders" in real_kb.interventions[item["interventie"]].target_groups:
            remove(client, advice_id, item["interventie"])
    package = advice_json(client, advice_id)["pakket"]
    # what is left serves young people, or is the indirect element, which serves the municipality
    assert package and all("jongeren" in real_kb.interventions[p["interventie"]].target_groups
                           or is_system(real_kb.interventions[p["interventie"]], real_kb) for p in package)
    summary = summary_of(client, advice_id)
    assert "interventies voor jongeren (12-18 jaar). Het pakket versterkt" in summary
    assert "jongeren (12-18 jaar) en ouders en opvoeders" not in summary
    assert ("Doelgroepen. Voor de gekozen doelgroep ouders en opvoeders bevat het pakket geen interventie."
            in kanttekeningen_of(client, advice_id))
