"""How the advice page and the B&W document present an advice (issue 14): the summary table in card
order, advisor details behind a toggle, plain words, a B&W document in the third person that is
honest on page 1, numbered bijlagen, chosen notes only, the version line and the budget."""

import html
import re

import pytest

from tests.wizard.test_advice import make_advice
from tests.wizard.test_questionnaire import STEP1
from wizard.advice.view import rationale

FACTORS = ("mediawijsheid", "positieve-opvoedstijl", "group-efficacy", "gezonde-mentale-gezondheid",
           "politieke-tevredenheid", "meldpunt-voor-professionals")


def make(client, **step1) -> str:
    return make_advice(client, factors=FACTORS, **{"gemeente": STEP1["gemeente"], **step1})


def text_of(page: str) -> str:
    """The visible text: tags dropped, entities decoded, whitespace collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def between(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end, page.index(start))]


def advice_json(client, advice_id) -> dict:
    return client.get(f"/advies/{advice_id}.json").get_json()["advies"]


def test_the_summary_table_lists_the_cards_in_the_order_they_appear(client):
    advice_id = make(client)
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    table = between(page, 'id="overzicht"', "</table>")
    cards = page[page.index('id="pakket"'):]
    in_table = re.findall(r'href="#item-([^"]+)"', table)
    in_cards = re.findall(r'<article class="package-item" id="item-([^"]+)"', cards)
    assert len(in_cards) == len(advice_json(client, advice_id)["pakket"]) > 3
    assert in_table == in_cards
    # the cards are numbered 1, 2, 3, ... in the order they are shown
    assert [int(n) for n in re.findall(r'<span class="rank">(\d+)\.', cards)] == list(range(1, len(in_cards) + 1))
    for header in ("Bouwsteen", "Onderbouwing", "Aangeboden", "Dekt", "Eigen doelgroep"):
        assert f'scope="col">{header}</th>' in table


def test_a_card_shows_its_own_target_group_and_hides_rule_ids_behind_details(client, real_kb):
    advice_id = make(client)
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    item = advice_json(client, advice_id)["pakket"][0]
    card = between(page, f'id="item-{item["interventie"]}"', "</article>")
    own = real_kb.interventions[item["interventie"]]
    expected = own.target_group_text or real_kb.label("doelgroepen", own.target_groups[0]).lower()
    assert "Eigen doelgroep" in card and html.escape(expected, quote=False)[:40] in card
    shown, hidden = card.split("<summary>Details voor de adviseur</summary>")
    # rule ids appear only inside the advisor's details, next to the weights
    for reason in item["redenen"]:
        assert f'#{reason["regel"]}">' not in shown and f'#{reason["regel"]}">{reason["regel"]}</a>' in hidden
    assert "Score " in hidden and "Werkzame elementen en randvoorwaarden van haar type" in card


def test_plain_words_on_the_advice_page(client):
    advice_id = make(client)
    text = text_of(client.get(f"/advies/{advice_id}").get_data(as_text=True))
    for engine_word in ("RANG", "trechtermodel", "op basis van de score", "interventie(s)", "factor(en)",
                        "een doelgroep die u koos", "wordt uitgevoerd in", "ethnische", "Group efficacy",
                        "Gezonde mentale gezondheid", "Settings"):
        assert engine_word not in text, engine_word
    # the scoring sentences name a type with its name from the knowledge base, not as a bare number
    examples = re.findall(r"voorbeeld van type [\d.]+(.{2})", text)
    assert examples and all(after.startswith(" (") for after in examples), examples


def test_the_council_document_speaks_of_the_municipality_not_to_the_reader(client):
    advice_id = make(client, aanleiding="Wat vindt u ervan? Uw mening telt.")
    page = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    # the user's own words (the Aanleiding) are quoted as typed; the document's own text is third person
    text = text_of(page).replace("Wat vindt u ervan? Uw mening telt.", "")
    assert "Wat vindt u ervan?" in text_of(page)
    assert not re.search(r"\b[Uu]w?\b", text), re.findall(r".{40}\b[Uu]w?\b.{20}", text)
    for trace in ("Gekozen op basis van de score", "zwakkere koppeling", "op basis van de score"):
        assert trace not in text


def test_page_one_names_unmet_rules_and_uncovered_factors(client):
    advice_id = make(client)
    advice = advice_json(client, advice_id)
    unmet = [r["titel"] for r in advice["pakketregels"] if not r["voldaan"]]
    gaps = [g["naam"] for g in advice["lacunes"]]
    assert unmet and gaps  # this profile leaves both, or the test proves nothing
    page = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    summary = text_of(between(page, 'class="summary"', "</section>"))
    for title in unmet:
        assert html.unescape(title) in summary
    for name in gaps:
        assert name.lower() in summary
    effect = text_of(between(page, 'id="effect"', "</section>"))
    assert "Niet gedekt" in effect and all(name in effect for name in gaps)
    covered = effect.split("Niet gedekt")[0]
    assert not any(name in covered for name in gaps)
    # the proposed decision comes right after the summary, in full
    assert page.index('id="besluit"') < page.index('id="onderwerp"')
    assert "Het college besluit:" in page


def test_each_intervention_has_a_rationale_and_a_numbered_bijlage(client, real_kb):
    advice_id = make(client)
    page = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    advice = advice_json(client, advice_id)
    arguments = text_of(between(page, 'id="argumenten"', "</section>"))
    bijlagen = re.findall(r"Bijlage (\d+)\. ([^<]+)</h3>", page)
    assert [int(n) for n, _ in bijlagen] == list(range(1, len(advice["pakket"]) + 1))
    assert {html.unescape(name) for _, name in bijlagen} == {p["naam"] for p in advice["pakket"]}
    for item in advice["pakket"]:
        aim = real_kb.interventions[item["interventie"]].aim
        assert aim.rstrip(".")[:50] in arguments
        for reason in item["redenen"]:
            assert reason["tekst"] not in arguments


def test_only_chosen_notes_go_into_the_document(client):
    advice_id = make(client)
    first, second = [p["interventie"] for p in advice_json(client, advice_id)["pakket"][:2]]
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": first, "notitie": "Intern: eerst bellen"})
    client.post(f"/advies/{advice_id}/notitie", data={"interventie": second, "notitie": "Voor het college",
                                                         "in_document": "ja"})
    text = text_of(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True))
    assert "Voor het college" in text and "Intern: eerst bellen" not in text


def test_the_document_states_its_version_and_the_budget(client):
    advice_id = make(client, budget_euro="25.000", budget_fte="1,5")
    advice = advice_json(client, advice_id)
    page = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    header = text_of(between(page, '<header class="doc-header">', "</header>"))
    assert f"kennisbank versie {advice['kennisbank_versie']}" in header and "samengesteld op" in header
    finances = text_of(between(page, 'id="financien"', "</section>"))
    assert "€ 25.000" in finances and "1,5 fte" in finances


def test_finances_without_budget_answers_say_so(client):
    advice_id = make(client)
    finances = text_of(between(client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True),
                               'id="financien"', "</section>"))
    assert "geen bedrag opgegeven" in finances and "formatie: niet opgegeven" in finances


def test_running_interventions_show_the_chosen_factors_they_cover(client, real_kb):
    running = next(i for i in real_kb.interventions.values() if "mediawijsheid" in i.factor_ids and not i.withdrawn)
    advice_id = make(client, huidige_interventies=[running.id])
    assert running.id in advice_json(client, advice_id)["al_ingezet"]
    section = text_of(between(client.get(f"/advies/{advice_id}").get_data(as_text=True), 'id="al-ingezet"', "</section>"))
    assert f"{running.name}: dekt" in section and real_kb.factors["mediawijsheid"].name in section


def test_a_name_typed_with_gemeente_gets_the_word_once(client):
    advice_id = make_advice(client, gemeente="Gemeente Zeewolde")
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    document = client.get(f"/advies/{advice_id}/b-en-w").get_data(as_text=True)
    assert "Advies voor gemeente Zeewolde" in page
    assert "Gemeente Zeewolde ·" in document and "in de gemeente Zeewolde," in document
    for html in (page, document):
        assert "emeente Gemeente" not in html and "emeente gemeente" not in html


def test_scores_are_written_with_a_decimal_comma(app, client):
    advice_id = make_advice(client)
    page = client.get(f"/advies/{advice_id}").get_data(as_text=True)
    assert re.search(r"Score \d+,\d\. Regels en gewichten", page)
    assert not re.search(r"Score \d+\.\d", page) and not re.search(r": [+-]\d+\.\d</li>", page)


@pytest.mark.parametrize("text, shown", [("BOUNCE trainingen", "BOUNCE trainingen"), ("in overleg met NJi", "In overleg met NJi"),
                                         ("", "")])
def test_capitalize_in_a_template_keeps_the_rest_of_the_text(app, text, shown):
    # Jinja's own filter lower-cases the rest ('Bounce trainingen', 'In overleg met nji')
    with app.app_context():
        assert app.jinja_env.from_string("{{ text | capitalize }}").render(text=text) == shown


def test_the_rationale_says_support_of_the_whole_only_for_an_indirect_element(real_kb):
    # the fourth ESS check: a lesson programme in the package through its type was said to
    # 'support the package as a whole'; data: bondgenoten-aanpak is type 9, mij-en-mij-jr type 1.3
    type_reason = {"regel": "S-FACTOR-TYPE", "tekst": "Haar type (type 1.3) past bij Mediawijsheid.", "gewicht": 1.0}
    placed = {"regel": "PL-RANG", "tekst": "Toegevoegd omdat er plaats was.", "gewicht": 0.0}
    network = rationale({"interventie": "bondgenoten-aanpak", "dekt_factoren": [], "redenen": [], "trede": None}, real_kb)
    lesson = rationale({"interventie": "mij-en-mij-jr", "dekt_factoren": [], "redenen": [type_reason, placed],
                        "trede": None}, real_kb)
    assert "ondersteunt het pakket als geheel" in network
    assert "ondersteunt het pakket als geheel" not in lesson
    assert "Zij versterkt geen gekozen factor direct. Haar type (type 1.3) past bij Mediawijsheid. Toegevoegd omdat " \
           "er plaats was." in lesson
