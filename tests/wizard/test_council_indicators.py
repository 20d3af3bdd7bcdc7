"""The B&W document's interventielogica shows the indicators fitted to each intervention
(tests/rules/test_indicators.py), also for a parent training the default advice holds."""

from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, between, text_of


def test_the_appendix_of_a_parent_training_has_no_online_reach_and_names_its_groups(client, real_kb):
    advice_id = make_advice(client)
    advice = advice_json(client, advice_id)
    assert "ouders-in-positie" in {p["interventie"] for p in advice["pakket"]}  # else the test proves nothing
    document = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    appendix = text_of(between(document, 'id="logica-ouders-in-positie"', "</table>"))
    indicators = appendix.split("Prestatie-indicatoren")[1].split("Werkzame elementen (")[0]
    assert "Online bereik" not in indicators and "jongeren" not in indicators
    assert "Aantal bereikte deelnemers per doelgroep – ouders en opvoeders – en het aandeel" in indicators
    # the advice page's card shows the same indicators, stored with the advice
    item = next(p for p in advice["pakket"] if p["interventie"] == "ouders-in-positie")
    assert not any(line.startswith("Online bereik") for line in item["indicatoren"])
    for line in item["indicatoren"]:
        assert line in indicators
