"""A beheerder in Chromium: log in, open the dashboard, handle a feedback report, log out; axe
on every new page (CSRF is on, as in production)."""

import pytest

from tests.browser.conftest import BEHEERDER_PASSWORD as PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def admin(beheerder_account):
    return beheerder_account("browser-beheerder@gemeente.example")


def test_beheerder_handles_feedback_from_login_to_logout(page, live_server, admin, real_kb, assert_accessible):
    intervention = next(iter(real_kb.interventions.values()))
    # a municipality reports, from the intervention page, without an account
    page.goto(f"{live_server}/interventies/{intervention.id}")
    page.locator("main").get_by_role("link", name="Meld een fout of aanvulling").click()
    assert_accessible(page, "feedback form")
    page.get_by_label("Uw melding").fill("De link naar de evaluatie werkt niet meer <b>vet</b>.")
    page.get_by_role("button", name="Melding versturen").click()
    assert "Kies wat u wilt melden" not in page.content()
    assert page.locator("h1").inner_text() == "Bedankt voor uw melding"
    assert_accessible(page, "feedback thanks")

    page.goto(f"{live_server}/beheer")
    assert page.url.startswith(f"{live_server}/inloggen")
    assert_accessible(page, "login")
    page.get_by_label("E-mailadres").fill(admin)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    assert page.locator("h1").inner_text() == "Beheer van de kennisbank"
    assert_accessible(page, "dashboard")

    page.get_by_role("link", name="Alle meldingen").click()
    assert_accessible(page, "inbox")
    page.get_by_role("link", name="Informatie is verouderd of onjuist").first.click()
    assert "<b>vet</b>" in page.locator(".feedback-message").inner_text()
    assert_accessible(page, "report")
    page.get_by_label("Status").select_option("verwerkt")
    page.get_by_label("Notitie of antwoord").fill("Link bijgewerkt in het concept.")
    page.get_by_role("button", name="Opslaan").click()
    assert "De melding is bijgewerkt." in page.content()
    assert "Verwerkt" in page.locator("dl.facts").inner_text()

    for path, label in (("/beheer/links", "links"), ("/beheer/gebruikers", "users"), ("/beheer/audit", "audit")):
        page.goto(live_server + path)
        assert_accessible(page, label)

    page.get_by_role("button", name="Uitloggen").click()
    page.goto(f"{live_server}/beheer")
    assert page.url.startswith(f"{live_server}/inloggen")


def test_account_pages_are_accessible(page, live_server, assert_accessible):
    page.goto(f"{live_server}/wachtwoord-herstellen")
    assert page.locator("h1").inner_text() == "Wachtwoord vergeten"
    assert_accessible(page, "forgot password")
