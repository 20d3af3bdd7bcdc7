"""The B&W document has bijlagen of its own, so every citation of the report's appendices that it
takes from the rules or the data names the report: 'Bijlage 2 van het rapport' (ESS review 2, B7)."""

import re

from markupsafe import Markup

from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, text_of
from wizard.advice.report_refs import of_the_report


def test_a_citation_of_the_report_names_the_report():
    assert of_the_report("toets haar aan de werkzame elementen van type 2 (Bijlage 2).") == \
        "toets haar aan de werkzame elementen van type 2 (Bijlage 2 van het rapport)."
    assert of_the_report("effectladder, Bijlage 1; zie Bijlage 2, type 3") == \
        "effectladder, Bijlage 1 van het rapport; zie Bijlage 2 van het rapport, type 3"
    # once only, and nothing else changes
    assert of_the_report("Bijlage 2 van het rapport geeft geen elementen.") == "Bijlage 2 van het rapport geeft geen elementen."
    assert of_the_report("tabel B3.7 en Bijlage 3.7") == "tabel B3.7 en Bijlage 3.7"
    assert of_the_report(None) is None and of_the_report("") == ""


def test_markup_stays_markup_and_text_stays_text_to_be_escaped():
    marked = of_the_report(Markup("<em>Bijlage 2</em>"))
    assert isinstance(marked, Markup) and marked == Markup("<em>Bijlage 2 van het rapport</em>")
    plain = of_the_report("<script>Bijlage 1</script>")
    assert not isinstance(plain, Markup) and plain == "<script>Bijlage 1 van het rapport</script>"


def test_the_document_cites_the_report_and_keeps_its_own_bijlagen(client, real_kb):
    advice_id = make_advice(client)
    advice = advice_json(client, advice_id)
    stored = " ".join(k for item in advice["pakket"] for k in item["kanttekeningen"] + item["indicatoren"])
    stored += " ".join(g["tekst"] for g in advice["lacunes"])
    assert re.search(r"\bBijlage \d(?! van het rapport)", stored)  # the rules cite the report's appendices
    document = text_of(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True))
    # every capitalised 'Bijlage N' is of the report, or heads one of the document's own bijlagen
    names = [item["naam"] for item in advice["pakket"]]
    headings = 0
    for found in re.finditer(r"\bBijlage (\d+)(?! van het rapport)", document):
        after = document[found.end():found.end() + 200]
        assert any(after.startswith(f". {name}") for name in names), document[found.start():found.start() + 80]
        headings += 1
    assert headings == len(names)
    assert "(effectladder, Bijlage 1 van het rapport)" in document
    assert "Zie bijlage 1." in document  # the document's own bijlage, as the template writes it
