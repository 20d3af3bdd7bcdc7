"""An adviseur and the municipality on one advice in two real browsers (CSRF on, htmx swaps):
edits on different cards at the same moment both land, an override takes a reason, the other
page learns of the change, undo works, and focus and unsaved text survive every swap."""

import re

import pytest

from tests.browser.conftest import ADVISEUR_PASSWORD
from tests.wizard.test_advice import make_advice, stored

pytestmark = pytest.mark.browser

ADVISER = "anna.adviseur@ess.example"


def card_ids(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('article.package-item')).map(a => a.id.slice(5))")


def active_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def wait_until(page, check, what: str) -> None:
    """Poll `check()` (a Python callable) while the page runs (no wait_for_function: the CSP)."""
    for _ in range(100):
        if check():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"waited in vain for {what}")


def test_two_people_edit_one_advice_at_once(app, client, browser, page, live_server, assert_accessible, adviseur_account):
    adviseur_account(ADVISER)
    advice_id = make_advice(client)
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(ADVISER)
    page.get_by_label("Wachtwoord", exact=True).fill(ADVISEUR_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    municipality = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}).new_page()
    for p in (page, municipality):
        p.goto(f"{live_server}/advies/{advice_id}")
        p.evaluate("window.__noFullReload = true")
    first, second, third = card_ids(page)[:3]

    # the municipality starts a note on the third card and does not save it yet
    municipality.locator(f"#notitie-{third}").fill("Nog niet opgeslagen: bespreken met de jongerenwerkers")
    # at the same moment: the adviseur saves a note on the second card, the municipality removes the first
    page.locator(f"#notitie-{second}").fill("Afspraak met de wijkagent")
    municipality.locator(f"#reden-{first}").fill("Loopt al via de GGD")
    page.locator(f"#opslaan-{second}").click(no_wait_after=True)
    municipality.locator(f"#item-{first}").get_by_role("button", name=re.compile("^Verwijder")).click(no_wait_after=True)
    page.get_by_role("status").filter(has_text="Opgeslagen.").wait_for()
    wait_until(municipality, lambda: first not in card_ids(municipality), "the removal on the municipality's page")
    advice = stored(app, advice_id)
    assert first not in [p["interventie"] for p in advice.current["pakket"]]  # both landed
    assert advice.notes[second] == "Afspraak met de wijkagent"
    assert advice.notes["_auteurs"][second]["door"] == ADVISER
    assert advice.edits[-1]["door"] == "gemeente" and advice.edits[-1]["reden"] == "Loopt al via de GGD"

    # focus stayed where each one worked; the unsaved note survived the swap
    wait_until(page, lambda: active_id(page) == f"opslaan-{second}", "focus on the adviseur's save button")
    # the municipality's focus is on the card after the removed one
    wait_until(municipality, lambda: active_id(municipality) == f"kop-{second}", "focus on the next card")
    assert municipality.locator(f"#notitie-{third}").input_value() == "Nog niet opgeslagen: bespreken met de jongerenwerkers"
    assert municipality.locator(f"#notitie-{third}").evaluate("t => t.defaultValue") == ""  # typed, not saved
    assert re.search(r"Verwijderd door gemeente, \d{1,2}-\d{1,2}-20\d\d \d\d:\d\d\. Reden: Loopt al via de GGD",
                     municipality.locator("#advies-bewerkbaar").inner_text())

    # the municipality removes another card; the adviseur's open page is told when it next checks
    municipality.locator(f"#reden-{third}").fill("Geen budget dit jaar")
    municipality.locator(f"#item-{third}").get_by_role("button", name=re.compile("^Verwijder")).click()
    wait_until(municipality, lambda: third not in card_ids(municipality), "the second removal")
    assert municipality.locator(f"#notitie-{third}").count() == 0
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # the tab regains focus: htmx asks at once
    notice = page.locator("#advies-stand")
    notice.get_by_text("Dit advies is intussen gewijzigd door gemeente").wait_for()
    page.locator(f"#notitie-{second}").fill("Afspraak met de wijkagent, in maart")  # typed, not saved
    notice.get_by_role("link", name="Toon de nieuwste stand").click()
    wait_until(page, lambda: third not in card_ids(page), "the newest state on the adviseur's page")
    wait_until(page, lambda: page.locator(f"#notitie-{second}").input_value() == "Afspraak met de wijkagent, in maart",
               "the typed note to survive")

    # the adviseur undoes the last edit: the card is back, and the history keeps both steps
    page.get_by_role("button", name=re.compile("^Maak laatste bewerking ongedaan")).click()
    wait_until(page, lambda: third in card_ids(page), "the undone removal")
    wait_until(page, lambda: active_id(page) == "bewerkingen", "focus on the history heading")
    log = stored(app, advice_id).edits
    assert [e["actie"] for e in log] == ["verwijderd", "verwijderd", "ongedaan"]
    assert log[-1]["door"] == ADVISER and log[-1]["maakt_ongedaan"] == log[1]["revisie"]
    history = page.locator("#sectie-bewerkingen")
    history.get_by_text("Wat is er gewijzigd?").click()
    assert f"door {ADVISER}" in history.inner_text() and "(ongedaan gemaakt)" in history.inner_text()

    # a swap for an alternative the rules offered: the reason is optional; focus moves to the new card
    swap = page.locator("article.package-item .alternatives form").first
    alternative = swap.locator("input[name=alternatief]").get_attribute("value")
    swap.locator("summary").click()
    swap.get_by_label("Reden", exact=True).fill("Beter bereikbaar voor vaders")
    swap.get_by_role("button", name=re.compile("^Wissel")).click()
    wait_until(page, lambda: alternative in card_ids(page), "the swapped-in card")
    wait_until(page, lambda: active_id(page) == f"kop-{alternative}", "focus on the swapped-in card")
    swapped = stored(app, advice_id).edits[-1]
    assert (swapped["actie"], swapped["vervangen_door"], swapped["reden"]) == ("gewisseld", alternative,
                                                                              "Beter bereikbaar voor vaders")
    assert "afwijking" not in swapped
    assert page.evaluate("window.__noFullReload") is True and municipality.evaluate("window.__noFullReload") is True
    assert_accessible(page, "advies met twee bewerkers")
    municipality.context.close()
