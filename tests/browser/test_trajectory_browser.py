"""An adviseur starts an adviestraject in Chromium and the municipality joins by the edit link in
a second browser (CSRF is on, as in production); axe on every trajectory page."""

import re

import pytest

from tests.browser.conftest import ADVISEUR_PASSWORD

pytestmark = pytest.mark.browser


def test_an_adviseur_starts_a_trajectory_and_the_municipality_joins_by_link(page, browser, live_server,
                                                                             adviseur_account, assert_accessible):
    email = adviseur_account("browser-adviseur@gemeente.example")
    page.goto(f"{live_server}/trajecten")
    assert page.url.startswith(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(ADVISEUR_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server}/trajecten")
    assert page.locator("h1").inner_text() == "Mijn adviestrajecten"
    assert_accessible(page, "/trajecten")

    page.get_by_role("link", name="Start een nieuw adviestraject").click()
    assert_accessible(page, "/trajecten/nieuw")
    page.get_by_role("button", name="Start het adviestraject").click()
    assert "Vul de naam van de gemeente in." in page.locator("#foutmeldingen").inner_text()
    assert_accessible(page, "/trajecten/nieuw with an error")
    page.get_by_label("Naam van de gemeente").fill("Browserstad")
    page.get_by_role("button", name="Start het adviestraject").click()
    page.wait_for_url(re.compile(r"/trajecten/\d+$"))
    assert page.locator("h1").inner_text() == "Adviestraject Browserstad"
    assert_accessible(page, "/trajecten/<id>")

    page.get_by_label("Afspraak").fill("Tweede gesprek met de wethouder")
    page.get_by_label("Datum").fill("15-01-2027")
    page.get_by_role("button", name="Voeg de afspraak toe").click()
    assert "15-1-2027" in page.locator(".next-steps").inner_text()

    edit_link = page.locator("#link-bewerken").inner_text()
    assert edit_link.startswith(live_server + "/uitnodiging/")
    municipality = browser.new_context(locale="nl-NL")
    try:
        other = municipality.new_page()
        other.goto(edit_link)
        other.wait_for_url(re.compile(r"/wizard/[^/]+/stap/1$"))
        assert other.get_by_label("Naam van de gemeente").input_value() == "Browserstad"
    finally:
        municipality.close()

    page.get_by_role("link", name="Open de vragenlijst").click()
    page.wait_for_url(re.compile(r"/wizard/[^/]+/stap/1$"))
