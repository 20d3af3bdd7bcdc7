"""Actions that are hard to undo ask first (data-confirm, wizard/static/app.js): deactivating an
account and revoking an invitation link; 'Annuleren' changes nothing, 'OK' goes ahead, and
without JavaScript the form is sent at once. (Publishing the draft asks too: see
test_beheer_editor_browser.py, which accepts that question.)"""

import re

import pytest

from tests.browser.conftest import ADVISEUR_PASSWORD, BEHEERDER_PASSWORD
from wizard.accounts import services
from wizard.trajectory import service as trajectories

pytestmark = pytest.mark.browser


def _log_in(page, live_server, email, password, landing):
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(landing))


def _answer(page, accept: bool, asked: list):
    """Answer the next confirm() of the page, and note its question."""
    def handle(dialog):
        asked.append((dialog.type, dialog.message))
        dialog.accept() if accept else dialog.dismiss()
    page.once("dialog", handle)


@pytest.fixture
def colleague(app, adviseur_account):
    """An active adviseur account the test may deactivate; active again afterwards."""
    email = adviseur_account("bevestig-collega@gemeente.example")
    yield email
    with app.app_context():
        services.set_active(services.find_user(email), True, None)


def _row_status(page, email):
    return page.get_by_role("row", name=re.compile(re.escape(email))).get_by_role("cell").nth(1).inner_text()


def test_deactivating_an_account_asks_first(page, live_server, beheerder_account, colleague):
    _log_in(page, live_server, beheerder_account("bevestig-beheerder@gemeente.example"), BEHEERDER_PASSWORD,
            r"/beheer$")
    page.goto(f"{live_server}/beheer/gebruikers")
    button = page.get_by_role("button", name=f"Deactiveren {colleague}")
    asked = []
    _answer(page, False, asked)
    button.click()
    assert asked == [("confirm", f"Het account van {colleague} deactiveren? Deze persoon kan dan niet meer "
                                 "inloggen en wordt direct uitgelogd.")]
    page.wait_for_timeout(300)  # a form that were sent would have loaded a new page by now
    assert page.url == f"{live_server}/beheer/gebruikers" and "is gedeactiveerd" not in page.content()
    assert _row_status(page, colleague) == "Actief"

    _answer(page, True, asked)
    with page.expect_navigation():
        button.click()
    assert f"Het account van {colleague} is gedeactiveerd." in page.content()
    assert _row_status(page, colleague) == "Gedeactiveerd" and len(asked) == 2


def test_without_javascript_deactivating_goes_ahead_at_once(page_without_js, live_server, beheerder_account,
                                                            colleague):
    page = page_without_js
    _log_in(page, live_server, beheerder_account("bevestig-beheerder@gemeente.example"), BEHEERDER_PASSWORD,
            r"/beheer$")
    page.goto(f"{live_server}/beheer/gebruikers")
    page.get_by_role("button", name=f"Deactiveren {colleague}").click()
    assert f"Het account van {colleague} is gedeactiveerd." in page.content()


def test_revoking_an_invitation_link_asks_first(app, page, live_server, adviseur_account):
    email = adviseur_account("bevestig-adviseur@gemeente.example")
    with app.test_request_context("/"):
        trajectory_id = trajectories.start(services.find_user(email), "Bevestigstad").id
    _log_in(page, live_server, email, ADVISEUR_PASSWORD, r"/$")
    page.goto(f"{live_server}/trajecten/{trajectory_id}")
    before = page.locator("#link-bewerken").inner_text()
    replace = page.get_by_role("button", name="Intrekken en vervangen").first
    asked = []
    _answer(page, False, asked)
    replace.click()
    assert asked and asked[0][0] == "confirm" and asked[0][1].startswith("De bewerklink intrekken en vervangen?")
    page.wait_for_timeout(300)
    assert page.locator("#link-bewerken").inner_text() == before

    _answer(page, True, asked)
    with page.expect_navigation():
        replace.click()
    assert page.locator("#link-bewerken").inner_text() != before
    with app.app_context():
        assert trajectories.by_token(before.rsplit("/", 1)[1]) is None
