"""The opening sentence of the B&W document and the advice page counts the chosen factors the package
covers, not the factors chosen (review 2026-12-01, A3), and refers to its bijlagen in good Dutch (A7)."""

import pytest

from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, between, text_of
from wizard.advice.summary import appendix_range, package_phrase

FACTORS = ("mediawijsheid", "positieve-opvoedstijl", "group-efficacy")


@pytest.mark.parametrize("size,covered,chosen,groups,expected", [
    (3, 3, 4, ["bewoners", "sleutelfiguren"],
     "een samenhangend pakket van 3 interventies voor bewoners en sleutelfiguren, dat 3 van de 4 gekozen beschermende factoren versterkt"),
    (6, 5, 5, [], "een samenhangend pakket van 6 interventies dat alle 5 gekozen beschermende factoren versterkt"),
    (4, 2, 2, [], "een samenhangend pakket van 4 interventies dat beide gekozen beschermende factoren versterkt"),
    (3, 0, 2, ["bewoners"], "een samenhangend pakket van 3 interventies voor bewoners, dat geen van de gekozen factoren direct versterkt"),
    (1, 0, 1, ["bewoners"], "één interventie voor bewoners, die de gekozen beschermende factor niet direct versterkt"),
    (1, 1, 1, [], "één interventie die de gekozen beschermende factor versterkt"),
    (2, 1, 3, [], "een samenhangend pakket van 2 interventies dat 1 van de 3 gekozen beschermende factoren versterkt"),
    (2, 0, 0, ["bewoners"], "een samenhangend pakket van 2 interventies voor bewoners"),
    (0, 0, 2, [], "een pakket zonder interventies"),
])
def test_the_package_phrase_counts_covered_factors(size, covered, chosen, groups, expected):
    assert package_phrase(size, covered, chosen, groups) == expected


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
    assert "dat alle 3 gekozen beschermende factoren versterkt" in summary_of(client, advice_id)
    # take out every item that covers mediawijsheid: one of the three chosen factors is left uncovered
    for item in advice["pakket"]:
        if "mediawijsheid" in item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    assert "mediawijsheid" not in covered_in(advice_json(client, advice_id))
    summary = summary_of(client, advice_id)
    assert "dat 2 van de 3 gekozen beschermende factoren versterkt" in summary
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


def test_a_package_that_covers_no_chosen_factor_says_so(client):
    advice_id = make_advice(client, factors=("mediawijsheid", "positieve-opvoedstijl"))
    for item in advice_json(client, advice_id)["pakket"]:
        if item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    advice = advice_json(client, advice_id)
    assert advice["pakket"] and not covered_in(advice)  # items are left, none covers a chosen factor
    size = len(advice["pakket"])
    head = "één interventie voor" if size == 1 else f"een samenhangend pakket van {size} interventies voor"
    summary = summary_of(client, advice_id)
    assert f"Voorgesteld wordt {head} jongeren (12-18 jaar) en ouders en opvoeders, " in summary
    assert "geen van de gekozen factoren direct versterkt." in summary
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
    assert f"dat {covered} van de 3 gekozen beschermende factoren versterkt." in summary
    assert f"Wat de gemeente al inzet, dekt de gekozen factor {real_kb.factors['group-efficacy'].name.lower()}." in summary
