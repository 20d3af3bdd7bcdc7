"""Two people on one advice in two real browsers (CSRF on, htmx swaps): the second one to save
the same note sees the first one's text, keeps what they typed, and can save it deliberately."""

import pytest

from tests.wizard.test_advice import make_advice, stored

pytestmark = pytest.mark.browser


def test_the_second_note_saved_meets_a_conflict_message_and_keeps_its_text(app, client, browser, page, live_server):
    advice_id = make_advice(client)
    other = browser.new_context(locale="nl-NL").new_page()
    for p in (page, other):
        p.goto(f"{live_server}/advies/{advice_id}")
    page.locator("#notitie-algemeen").fill("Afspraak van Anna")
    page.locator("#notitie-algemeen").press("Tab")
    page.locator("#algemene-notitie ~ form button").click()
    page.get_by_role("status").filter(has_text="Opgeslagen.").wait_for()

    other.evaluate("window.__noFullReload = true")
    other.locator("#notitie-algemeen").fill("Afspraak van Bert")
    other.locator("#algemene-notitie ~ form button").click()
    alert = other.get_by_role("alert")
    alert.wait_for()
    assert "Iemand anders heeft deze notitie intussen gewijzigd: “Afspraak van Anna”" in alert.inner_text()
    assert other.locator("#notitie-algemeen").input_value() == "Afspraak van Bert"
    assert other.evaluate("window.__noFullReload") is True  # the 409 was swapped in place by htmx
    assert stored(app, advice_id).notes["_algemeen"] == "Afspraak van Anna"

    other.locator("#algemene-notitie ~ form button").click()
    other.get_by_role("status").filter(has_text="Opgeslagen.").wait_for()
    assert stored(app, advice_id).notes["_algemeen"] == "Afspraak van Bert"
    other.context.close()
