"""What a policy officer sees in the questionnaire: history and caching, step aids, resuming."""

import pytest

from tests.wizard.test_questionnaire import STEP1, STEP4, new_session, stored
from wizard.questionnaire import sessions

HTMX = {"HX-Request": "true"}


def test_questionnaire_pages_are_never_stored_by_the_browser(client):
    sid = new_session(client)
    for url in ("/wizard/", f"/wizard/{sid}/stap/1", f"/wizard/{sid}/overzicht"):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store", url
        assert "HX-Request" in response.headers["Vary"], url


def test_a_history_restore_after_back_gets_the_whole_page_with_the_saved_answers(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    html = client.get(f"/wizard/{sid}/stap/1", headers={**HTMX, "HX-History-Restore-Request": "true"}).get_data(as_text=True)
    assert "<html" in html and 'value="Voorbeeldstad"' in html
    partial = client.get(f"/wizard/{sid}/stap/1", headers=HTMX).get_data(as_text=True)
    assert "<html" not in partial and 'value="Voorbeeldstad"' in partial


def test_the_step_form_opts_out_of_the_browsers_form_restore(client):
    sid = new_session(client)
    assert 'autocomplete="off"' in client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)


def test_the_browser_remembers_only_the_session_token_safely(client):
    sid = new_session(client)
    response = client.get(f"/wizard/{sid}/stap/1")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("vragenlijst="))
    assert cookie.startswith(f"vragenlijst={sid};") and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_home_and_menu_offer_to_continue_the_last_questionnaire(client):
    home = client.get("/").get_data(as_text=True)
    assert "Ga verder met" not in home and 'action="/wizard/nieuw"' in home  # starts without a page in between
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)
    client.get(f"/wizard/{sid}/stap/2")
    home = client.get("/").get_data(as_text=True)
    assert home.count(f'href="/wizard/{sid}">Ga verder met Voorbeeldstad</a>') == 2  # menu and call to action
    assert "Start een nieuwe vragenlijst" in home
    client.set_cookie("vragenlijst", "bestaat-niet")
    assert "Ga verder met" not in client.get("/").get_data(as_text=True)


def test_budget_and_fte_are_read_as_dutch_numbers_and_stored_in_the_profile(app, client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "budget_euro": "€ 25.000", "budget_fte": "1,5"})
    assert stored(app, sid).answers["context"]["budget_euro"] == 25000
    assert stored(app, sid).answers["context"]["budget_fte"] == 1.5
    html = client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
    assert 'value="25.000"' in html and 'value="1,5"' in html
    overview = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "€ 25.000" in overview and "1,5 fte" in overview
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)  # both optional
    assert stored(app, sid).answers["context"]["budget_euro"] is None


@pytest.mark.parametrize("field, value, message", [
    ("budget_euro", "veel", "Vul een getal in, bijvoorbeeld 25.000."),
    ("budget_fte", "-1", "De formatie moet tussen 0 en 1000 fte liggen."),
    ("budget_euro", "-500", "Het budget moet tussen 0 en 100 miljoen euro liggen."),
    ("budget_euro", "\u2212 500", "Het budget moet tussen 0 en 100 miljoen euro liggen."),
    ("budget_fte", "2000", "De formatie moet tussen 0 en 1000 fte liggen."),
])
def test_a_wrong_budget_is_refused_with_a_dutch_message(app, client, field, value, message):
    sid = new_session(client)
    response = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, field: value})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert stored(app, sid).answers == {}


def test_a_number_that_is_no_number_is_named_once_beside_its_field(client):
    """Once beside the field (and once in the summary at the top), not twice: WTForms keeps the
    parse error among the field's errors already."""
    sid = new_session(client)
    html = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "budget_euro": "veel"}).get_data(as_text=True)
    beside = html[html.index('id="budget_euro-fout"'):]
    beside = beside[:beside.index("</")]
    assert beside.count("Vul een getal in, bijvoorbeeld 25.000.") == 1, beside
    assert html.count("Vul een getal in, bijvoorbeeld 25.000.") == 2


def beside(html: str, field: str) -> str:
    """The message paragraph beside `field`."""
    after = html[html.index(f'id="{field}-fout"'):]
    return after[:after.index("</p>")]


@pytest.mark.parametrize("field, value, message", [
    ("budget_euro", "-500", "Het budget moet tussen 0 en 100 miljoen euro liggen."),
    ("budget_fte", "-1", "De formatie moet tussen 0 en 1000 fte liggen."),
])
def test_a_negative_number_is_told_the_allowed_range_not_that_it_is_no_number(client, field, value, message):
    sid = new_session(client)
    html = client.post(f"/wizard/{sid}/stap/1", data={**STEP1, field: value}).get_data(as_text=True)
    assert beside(html, field).count("<span>") == 1 and message in beside(html, field)
    assert "Vul een getal in" not in html
    assert f'value="{value}"' in html  # what was typed stays


@pytest.mark.parametrize("value", ["2.5", "zes"])
def test_a_package_size_that_is_no_whole_number_gets_one_message(client, value):
    sid = new_session(client)
    html = client.post(f"/wizard/{sid}/stap/4", data={**STEP4, "max_interventies": value}).get_data(as_text=True)
    assert beside(html, "max_interventies").count("<span>") == 1
    assert "Vul een heel getal in, van 1 tot en met 25." in beside(html, "max_interventies")
    assert "Ongeldig getal" not in html and "Het pakket telt minstens" not in html


def test_answers_that_no_longer_fit_are_named_on_the_overview_as_the_questionnaire_names_them(app, client):
    with app.app_context():
        sid = sessions.create({"gemeente": "X", "context": {"budget_euro": -5}}, [1, 2, 3, 4])
    html = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "‘Beschikbaar budget per jaar (euro)’ (stap 1): moet minstens 0 zijn." in html
    assert "context.budget_euro" not in html


def test_required_fields_are_marked_and_help_texts_say_what_happens(client):
    sid = new_session(client)
    step1 = client.get(f"/wizard/{sid}/stap/1").get_data(as_text=True)
    for label in ("Naam van de gemeente", "Grootte van de gemeente", "Speelt er een online dimensie?"):
        assert f'{label} <span class="required-mark">(verplicht)</span>' in step1
    assert 'Welke verschijnselen baren zorgen?</legend>' in step1  # optional: no mark
    assert "Deze tekst komt woord voor woord in het advies aan het college" in step1
    step4 = client.get(f"/wizard/{sid}/stap/4").get_data(as_text=True)
    assert "Een aantal van 1 tot en met 25." in step4


def test_the_overview_shows_unanswered_steps_as_such(client):
    sid = new_session(client)
    html = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert html.count("Nog niet ingevuld.") == 4 and "Online dimensie" not in html
    client.post(f"/wizard/{sid}/stap/1", data={**STEP1, "online": "nee"})
    html = client.get(f"/wizard/{sid}/overzicht").get_data(as_text=True)
    assert "<dt>Online dimensie</dt><dd>nee</dd>" in html and html.count("Nog niet ingevuld.") == 3


def test_step_two_groups_risks_per_bouwsteen_with_characteristics_beside_the_warning(client):
    sid = new_session(client)
    html = client.get(f"/wizard/{sid}/stap/2").get_data(as_text=True)
    characteristics = html[html.index("Kenmerken van een groep</legend>"):]
    circumstances = html[html.index("Omstandigheden, per bouwsteen"):html.index("Kenmerken van een groep</legend>")]
    assert 'value="geslacht-man"' in characteristics and 'value="geslacht-man"' not in circumstances
    assert 'value="schooluitval"' in circumstances and "Bouwsteen 3: Dagbesteding</legend>" in circumstances
    assert "Kenmerken, geen omstandigheden." in characteristics


def test_a_priority_without_its_factor_is_named_and_its_bouwsteen_opens(app, client):
    sid = new_session(client)
    response = client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"], "prioriteit": ["positieve-opvoedstijl"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "u gaf ‘Positieve opvoedstijl’ hoge prioriteit, maar koos die factor niet" in html
    assert 'href="#prio-positieve-opvoedstijl"' in html
    section = html[html.rindex('<details class="bouwsteen"', 0, html.index('id="prio-positieve-opvoedstijl"')):]
    assert section.startswith('<details class="bouwsteen" open>') and "Bouwsteen 2: Gezin en familie" in section[:200]


def test_step_three_counts_the_chosen_factors_against_the_capacity(client):
    sid = new_session(client)
    client.post(f"/wizard/{sid}/stap/1", data=STEP1)  # capacity 'beperkt': a package of at most 3
    client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid", "positieve-opvoedstijl", "zelfbeheersing",
                                                           "zelfontplooiing"], "prioriteit": ["zelfbeheersing"]})
    html = client.get(f"/wizard/{sid}/stap/3").get_data(as_text=True)
    assert "4 factoren gekozen, waarvan 1 met hoge prioriteit." in html
    hint = html[html.index("data-capacity-hint"):]
    assert not hint.startswith("data-capacity-hint hidden") and "hoogstens 3 interventies" in hint[:400]


def test_the_error_summary_puts_no_colon_after_a_question(client):
    sid = new_session(client)
    page = client.post(f"/wizard/{sid}/stap/1", data={"gemeente": "Teststad"}).get_data(as_text=True)
    assert "Speelt er een online dimensie? Geef aan of er een online dimensie speelt." in page
    assert "?:" not in page and "Grootte van de gemeente: " in page
