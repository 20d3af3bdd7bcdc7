"""Two people on one advice, or one questionnaire in two tabs, in real browsers (CSRF on, htmx
swaps): the second one to save the same note or step is told, keeps what they typed, and can
save it deliberately."""

import pytest

from tests.browser.test_wizard_browser import expect_step, fill_step1, start, submit
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


def test_a_step_saved_meanwhile_in_another_tab_is_one_message_at_the_top_and_the_typing_stays(browser, page, live_server):
    """The QA walk: tab 1 and tab 2 both change the aanleiding of step 1, tab 2 saves second."""
    start(page, live_server)
    fill_step1(page, gemeente="Tweetabstad")
    submit(page)
    expect_step(page, 2)
    step1 = page.url.replace("/stap/2", "/stap/1")
    other = browser.new_context(locale="nl-NL").new_page()
    for p in (page, other):
        p.goto(step1)
    page.get_by_label("Wat is de aanleiding voor uw vraag?").fill("Uit het eerste tabblad.")
    submit(page)
    expect_step(page, 2)

    other.evaluate("window.__noFullReload = true")
    other.get_by_label("Wat is de aanleiding voor uw vraag?").fill("Uit het tweede tabblad.")
    submit(other)
    alert = other.get_by_role("alert")
    alert.wait_for()
    assert "Deze stap is intussen in een ander venster opgeslagen" in alert.inner_text()
    for _ in range(50):  # focus moves to the message (app.js), as for the error summary
        if other.evaluate("document.activeElement && document.activeElement.id") == "foutmeldingen":
            break
        other.wait_for_timeout(100)
    assert other.evaluate("document.activeElement.id") == "foutmeldingen"
    assert other.get_by_label("Naam van de gemeente").get_attribute("aria-invalid") is None
    assert other.get_by_label("Wat is de aanleiding voor uw vraag?").input_value() == "Uit het tweede tabblad."
    assert other.evaluate("window.__noFullReload") is True  # the 409 was swapped in place by htmx

    submit(other)  # saving again now replaces what the first tab saved
    expect_step(other, 2)
    other.goto(step1)
    assert other.get_by_label("Wat is de aanleiding voor uw vraag?").input_value() == "Uit het tweede tabblad."
    other.context.close()
