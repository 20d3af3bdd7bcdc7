"""The B&W document names an intervention type without labelling its participants (review
2026-12-01, A2): type 4 is called 'Begeleiding en empowerment jongeren met een risico op of in de
beginfase van radicalisering' in Bijlage 2, which would present the pupils of a universal lesson
package or children of 8-13 as youth at risk of radicalisation. The document uses the type's
short name from data/interventietypes.yaml; the catalogue and the advice page keep the report's name."""

from pathlib import Path

from tests.conftest import make_app
from tests.wizard.test_advice import make_advice
from tests.wizard.test_advice_presentation import advice_json, between, text_of
from tests.wizard.test_kb_cli import invoke

REPORT_NAME = "Begeleiding en empowerment jongeren met een risico op of in de beginfase van radicalisering"
SHORT_NAME = "Begeleiding en empowerment van jongeren"


def add(client, advice_id, iid):
    response = client.post(f"/advies/{advice_id}/pakket", data={"actie": "voeg-toe", "reden": "Past bij de lokale situatie",
                                                                "interventie": iid})
    assert response.status_code == 303


def test_universal_type_4_interventions_are_not_presented_as_aimed_at_youth_at_risk(client, real_kb):
    # Radicalise: a lesson package for all pupils; Amigo's: children of 8-13 (both type 4 in the data)
    for iid in ("radicalise", "amigos"):
        assert "4" in real_kb.interventions[iid].types
    assert real_kb.interventions["radicalise"].prevention_levels == ("universeel",)
    assert real_kb.interventions["amigos"].target_groups[0] == "kinderen"
    advice_id = make_advice(client)
    for iid in ("radicalise", "amigos"):
        if iid not in {p["interventie"] for p in advice_json(client, advice_id)["pakket"]}:
            add(client, advice_id, iid)
    document = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    text = text_of(document)
    assert "met een risico op of in de beginfase van radicalisering" not in text
    appendix = text_of(between(document, 'id="logica-radicalise"', "</table>"))
    assert f"volgens de werkzame elementen van Type 4: {SHORT_NAME}." in appendix
    assert f"Werkzame elementen (Type 4: {SHORT_NAME})" in appendix
    assert f"Randvoorwaarden (Type 4: {SHORT_NAME})" in appendix
    amigos = text_of(between(document, 'id="logica-amigos"', "</table>"))
    assert f"Type 4: {SHORT_NAME}" in amigos and "Subtype 1.2: Versterken inlevingsvermogen/empathie" in amigos
    # the document says that it shortens a name of Bijlage 2
    assert "een enkel type staat hier met een kortere naam" in text
    # the advice page and the catalogue keep the report's own name of the type
    assert f"Type 4: {REPORT_NAME}" in text_of(client.get(f"/advies/{advice_id}").get_data(as_text=True))
    assert REPORT_NAME in text_of(client.get("/interventietypes/4").get_data(as_text=True))


def test_types_without_a_short_name_keep_their_name_in_the_document(real_kb):
    # only type 4 describes its target group in terms of risk; the others need no second name
    assert [t.number for t in real_kb.types.values() if t.short_name] == ["4"]
    assert real_kb.types["4"].short_label == f"Type 4: {SHORT_NAME}"
    assert real_kb.types["1.2"].short_label == real_kb.types["1.2"].label


def test_a_short_name_that_is_not_shorter_is_refused(data_copy):
    path = data_copy / "interventietypes.yaml"
    text = path.read_text()
    assert f"  korte_naam: {SHORT_NAME}\n" in text
    path.write_text(text.replace(f"  korte_naam: {SHORT_NAME}\n", f"  korte_naam: {REPORT_NAME} in de wijk\n"))
    result = invoke(make_app(Path(data_copy.parent), KB_DATA_DIR=data_copy), "kb", "check")
    assert result.exit_code == 1
    assert "data/interventietypes.yaml" in result.output and "korte_naam moet korter zijn dan naam" in result.output
