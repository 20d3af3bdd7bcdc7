"""Third ESS review of the B&W document: the decision list holds decisions only, the first steps
(imperatives) stand under 7 and a decision refers to them (N5); the summary calls for local
maatwerk only where the gap names nothing that fits (N6)."""

import pytest

from rules.advise import fill
from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, between, text_of
from tests.wizard.test_council_summary import FACTORS, remove, summary_of
from wizard.advice.summary import uncovered_sentence


def test_the_decision_list_holds_infinitives_and_refers_to_the_first_steps(client):
    advice_id = make_advice(client)  # fase 'start': both first steps
    advice = advice_json(client, advice_id)
    assert [s["regel"] for s in advice["eerste_stappen"]] == ["E-LOKALE-ANALYSE", "E-ESS-GESPREK"]
    document = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    decision = text_of(between(document, 'id="besluit"', "</section>"))
    assert "Begin met" not in decision and "Plan een" not in decision and "?" not in decision
    assert ("Opdracht te geven eerst de stappen onder 7. Uitvoering en evaluatie te zetten en de uitwerking van de "
            "interventies daarop af te stemmen.") in decision
    execution = text_of(between(document, 'id="uitvoering"', "</section>"))
    for step in advice["eerste_stappen"]:
        assert step["tekst"] in execution


def test_an_established_approach_has_no_first_step_decision(client):
    advice_id = make_advice(client, fase="gevestigd")
    assert not advice_json(client, advice_id)["eerste_stappen"]
    decision = text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True), 'id="besluit"', "</section>"))
    assert "Opdracht te geven eerst" not in decision


NOTHING = " ".join([fill("LACUNE", {"factor_name": "Sociaal vertrouwen"}), fill("LACUNE-GEEN", {}),
                    fill("LACUNE-TYPEN", {"type_names": "type 6"})])
FULL = " ".join([fill("LACUNE", {"factor_name": "Steun van belangrijke volwassenen"}),
                 fill("LACUNE-VOL-GEEN-ALTERNATIEF", {"fitting_names": "OMEI-Training", "size": 3, "max_size": 3})])
BY_TYPE = " ".join([fill("LACUNE", {"factor_name": "Mediawijsheid"}), fill("LACUNE-GEEN", {}),
                    fill("LACUNE-TYPE-KANDIDAAT", {"type_candidate_names": "HackShield"}),
                    fill("LACUNE-RUIMTE", {"size": 1, "max_size": 3})])
MANY_BY_TYPE = " ".join([fill("LACUNE", {"factor_name": "Casuïstiek overleggen"}), fill("LACUNE-GEEN", {}),
                         fill("LACUNE-TYPE-KANDIDATEN-ONDER-MEER", {"type_candidate_names": "Meldpunt, SOMS en DOCK"})])
OTHER = " ".join([fill("LACUNE", {"factor_name": "Mediawijsheid"}),
                  fill("LACUNE-ANDERS", {"fitting_names": "HackShield en Mediamatties"})])


@pytest.mark.parametrize("gaps,expected", [
    ([("Sociaal vertrouwen", NOTHING)],
     "voor de gekozen factor sociaal vertrouwen bevat het pakket geen interventie; daar is lokaal maatwerk nodig."),
    ([("Steun van belangrijke volwassenen", FULL)],
     "voor de gekozen factor steun van belangrijke volwassenen bevat het pakket geen interventie; zie de lacunes "
     "voor wat daar wel past."),
    ([("Mediawijsheid", BY_TYPE)],
     "voor de gekozen factor mediawijsheid bevat het pakket geen interventie; zie de lacunes voor wat daar wel past."),
    ([("Casuïstiek overleggen", MANY_BY_TYPE)],  # more type candidates than the gap names
     "voor de gekozen factor casuïstiek overleggen bevat het pakket geen interventie; zie de lacunes voor wat daar "
     "wel past."),
    ([("Mediawijsheid", OTHER), ("Sociaal vertrouwen", NOTHING)],
     "voor de gekozen factoren mediawijsheid en sociaal vertrouwen bevat het pakket geen interventie: voor sociaal "
     "vertrouwen is lokaal maatwerk nodig, voor mediawijsheid staat in de lacunes wat daar wel past."),
    ([], ""),
])
def test_local_maatwerk_is_called_for_only_where_the_gap_names_nothing(gaps, expected):
    assert uncovered_sentence([{"naam": n, "tekst": t} for n, t in gaps]) == expected


def test_the_document_points_to_the_gap_that_names_fitting_interventions(client):
    advice_id = make_advice(client, factors=FACTORS)
    for item in advice_json(client, advice_id)["pakket"]:
        if "mediawijsheid" in item["dekt_factoren"]:
            remove(client, advice_id, item["interventie"])
    gap = next(g for g in advice_json(client, advice_id)["lacunes"] if g["factor"] == "mediawijsheid")
    assert "Wel passend" in gap["tekst"]  # what was removed still fits, and the gap says so
    summary = summary_of(client, advice_id)
    assert ("Niet gedekt: voor de gekozen factor mediawijsheid bevat het pakket geen interventie; zie de lacunes "
            "voor wat daar wel past.") in summary
    assert "lokaal maatwerk" not in summary
    # and the decision asks first whether one of those fits, before a local intervention is developed
    council = text_of(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True))
    assert ("die het pakket niet dekt te onderzoeken of een van de interventies past die de lacunes daarvoor "
            "noemen, en anders welke lokale interventie") in council
