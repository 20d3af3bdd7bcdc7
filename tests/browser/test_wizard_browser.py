"""The questionnaire and the advice in a real headless Chromium, as a person would use them."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.browser


def start(page, live_server):
    page.goto(live_server + "/wizard/")
    page.get_by_role("button", name="Start de vragenlijst").click()
    page.wait_for_url(re.compile(r"/wizard/[^/]+/stap/1$"))


def fill_step1(page, gemeente="Teststad", phenomenon="Verticale polarisatie"):
    page.get_by_label("Naam van de gemeente").fill(gemeente)
    page.get_by_label("Middelgroot (50.000 tot 150.000 inwoners)").check()
    page.get_by_label("In ontwikkeling", exact=True).check()
    page.get_by_label(phenomenon).check()
    page.locator("#online-0").check()
    page.get_by_label("Gemiddeld", exact=True).check()


def submit(page):
    page.get_by_role("button", name=re.compile("Opslaan en verder|Naar het overzicht")).click()


def go_back(page):
    """Press Back and wait until the page has really been loaded again: Back reloads the page (no
    htmx history cache), and a second Back before that reload finished would race it."""
    page.evaluate("window.__voor_terug = true")
    page.evaluate("setTimeout(() => history.back(), 0)")  # Playwright's go_back sees the reload as an abort
    for _ in range(150):
        page.wait_for_timeout(100)
        try:
            if page.evaluate("() => window.__voor_terug === undefined && document.readyState === 'complete'"):
                return
        except PlaywrightError:  # the page is being replaced right now
            pass
    raise AssertionError("Back did not load the page again within 15 s")


def to_step_three_for_parents(page, live_server):
    """Steps 1 and 2 answered (parents as target group): the page shows step 3."""
    start(page, live_server)
    fill_step1(page)
    submit(page)
    expect_step(page, 2)
    page.get_by_label("Ouders en opvoeders").check()
    submit(page)
    expect_step(page, 3)


def expect_step(page, number):
    page.wait_for_url(re.compile(rf"/stap/{number}$" if number < 5 else r"/overzicht$"))
    page.get_by_role("heading", level=1, name=re.compile(f"Stap {number} van 5")).wait_for()


def test_complete_the_wizard_with_htmx_swaps_and_no_accessibility_violations(page, live_server, assert_accessible):
    page.goto(live_server + "/wizard/")
    assert_accessible(page, "start")
    page.goto(live_server + "/")
    page.get_by_role("button", name="Start de vragenlijst").click()  # straight from the home page
    page.wait_for_url(re.compile(r"/stap/1$"))
    page.evaluate("window.__noFullReload = true")
    assert_accessible(page, "stap 1")
    fill_step1(page)
    submit(page)
    expect_step(page, 2)
    assert page.evaluate("window.__noFullReload") is True  # swapped in place by htmx
    assert_accessible(page, "stap 2")
    page.get_by_label("Jongeren (12-18 jaar)").check()
    page.get_by_label("School", exact=True).check()
    submit(page)
    expect_step(page, 3)
    assert_accessible(page, "stap 3")
    assert page.locator("#factor-participatie-in-besluitvorming-en-politieke-inspraak").is_checked()
    assert page.get_by_text("Voorgesteld omdat u verticale polarisatie noemde").first.is_visible()
    page.locator("#prio-participatie-in-besluitvorming-en-politieke-inspraak").check()
    submit(page)
    expect_step(page, 4)
    assert_accessible(page, "stap 4")
    page.get_by_label("Hoeveel interventies").fill("5")
    submit(page)
    expect_step(page, 5)
    assert page.evaluate("window.__noFullReload") is True
    assert_accessible(page, "overzicht")
    assert page.get_by_text("Teststad").is_visible()
    page.get_by_role("button", name="Stel advies samen").click()
    page.wait_for_url(re.compile(r"/advies/[^/]+$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Advies voor gemeente Teststad"
    assert_accessible(page, "advies")


def test_back_button_and_changing_step_one_keeps_later_answers(page, live_server):
    to_step_three_for_parents(page, live_server)
    submit(page)  # accept the suggestions
    expect_step(page, 4)
    go_back(page)
    expect_step(page, 3)
    page.get_by_role("link", name="1. Gemeente en lokale context").click()
    expect_step(page, 1)
    page.get_by_label("Verticale polarisatie").uncheck()
    page.get_by_label("Horizontale polarisatie").check()
    submit(page)
    expect_step(page, 2)
    assert page.get_by_label("Ouders en opvoeders").is_checked()  # later answer kept
    submit(page)
    expect_step(page, 3)
    assert page.get_by_text("Voorgesteld omdat u horizontale polarisatie noemde").first.is_visible()
    assert page.locator("#factor-positieve-opvoedstijl").is_checked()  # earlier choice kept


def test_reload_halfway_and_resume_on_another_device(page, live_server, browser):
    start(page, live_server)
    fill_step1(page, gemeente="Hervatstad")
    submit(page)
    expect_step(page, 2)
    page.reload()
    expect_step(page, 2)
    link = page.locator("#later-verder").get_attribute("href")
    other = browser.new_context(locale="nl-NL").new_page()
    try:
        other.goto(link)
        expect_step(other, 2)
        other.get_by_role("link", name="1. Gemeente en lokale context").click()
        expect_step(other, 1)
        assert other.get_by_label("Naam van de gemeente").input_value() == "Hervatstad"
    finally:
        other.context.close()


def test_an_invalid_step_shows_the_error_next_to_the_field(page, live_server, assert_accessible):
    start(page, live_server)
    submit(page)
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Naam van de gemeente: Vul de naam van de gemeente in." in alert.inner_text()
    field = page.get_by_label("Naam van de gemeente")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Vul de naam van de gemeente in." in page.locator("#gemeente-fout").inner_text()
    assert page.url.endswith("/stap/1")
    assert_accessible(page, "stap 1 met fouten")


def test_the_whole_flow_works_without_javascript(page_without_js, live_server):
    make_advice(page_without_js, live_server, gemeente="Zonder-JS-stad", target_group="Bewoners")
    assert "Zonder-JS-stad" in page_without_js.get_by_role("heading", level=1).inner_text()


def tab_to(page, selector, limit=400):
    """Press Tab until `selector` has focus: proves it is reachable with the keyboard alone."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_the_wizard_can_be_completed_with_the_keyboard_alone(page, live_server):
    start(page, live_server)
    tab_to(page, "#gemeente")
    page.keyboard.type("Toetsenbordstad")
    for selector in ("#inwoners-0", "#fase-0", "#online-0", "#capaciteit-0"):
        tab_to(page, selector)
        page.keyboard.press("Space")
    tab_to(page, "#online-0")
    page.keyboard.press("ArrowDown")  # within a radio group the arrow keys choose
    assert page.locator("#online-1").is_checked()
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_step(page, 2)
    tab_to(page, "#doelgroepen-1")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_step(page, 3)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_step(page, 4)
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect_step(page, 5)
    tab_to(page, "form.compose button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/advies/[^/]+$"))


def make_advice(page, live_server, gemeente="Bewerkstad", target_group="Ouders en opvoeders"):
    """The whole questionnaire with the suggestions accepted, ending on the advice page."""
    start(page, live_server)
    fill_step1(page, gemeente=gemeente)
    submit(page)
    expect_step(page, 2)
    page.get_by_label(target_group).check()
    for number in (3, 4, 5):
        submit(page)
        expect_step(page, number)
    page.get_by_role("button", name="Stel advies samen").click()
    page.wait_for_url(re.compile(r"/advies/[^/]+$"))


def test_editing_the_package_survives_a_reload(page, live_server, assert_accessible, artifacts_dir):
    make_advice(page, live_server)
    items = page.locator("article.package-item h4")
    first = items.first.inner_text()
    first_name = re.sub(r"^\d+\.\s*", "", first).replace("met de hand toegevoegd", "").strip()
    count = items.count()
    page.locator("article.package-item").first.get_by_label(re.compile("^Reden om")).fill("Loopt al in de gemeente")
    page.locator("article.package-item").first.get_by_role("button", name=re.compile("^Verwijder")).click()
    page.get_by_text("Het pakket is met de hand aangepast; de pakketregels zijn opnieuw gecontroleerd").wait_for()
    assert page.locator("article.package-item").count() == count - 1
    note = page.locator("#notitie-algemeen")
    note.fill("Afspraak: evaluatie met het college in juni.")
    page.get_by_role("button", name="Notitie opslaan", exact=True).click()
    page.get_by_text("Opgeslagen.").wait_for()
    page.reload()
    assert page.locator("article.package-item").count() == count - 1
    assert first_name not in [re.sub(r"^\d+\.\s*", "", t).strip() for t in page.locator("article.package-item h4").all_inner_texts()]
    assert page.locator("#notitie-algemeen").input_value() == "Afspraak: evaluatie met het college in juni."
    assert_accessible(page, "bewerkt advies")
    page.screenshot(path=f"{artifacts_dir}/advies-bewerkt.png", full_page=True)


def test_after_a_refused_step_focus_moves_to_the_error_summary(page, live_server):
    start(page, live_server)
    page.get_by_label("Naam van de gemeente").focus()
    submit(page)
    page.get_by_role("alert").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'foutmeldingen'")


def test_back_shows_what_is_saved_and_saving_again_keeps_it(page, live_server):
    start(page, live_server)
    fill_step1(page, gemeente="Terugstad")
    submit(page)
    expect_step(page, 2)
    page.get_by_label("Jongeren (12-18 jaar)").check()
    submit(page)
    expect_step(page, 3)
    page.locator("details.bouwsteen").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
    for value in page.locator("input[name=factoren]:checked").evaluate_all("(all) => all.map((b) => b.value)"):
        page.locator(f"#factor-{value}").uncheck()
    chosen = "#factor-positieve-opvoedstijl"
    page.locator(chosen).check()
    page.locator("#prio-positieve-opvoedstijl").check()
    submit(page)
    expect_step(page, 4)
    go_back(page)
    expect_step(page, 3)
    checked = page.locator("input[name=factoren]:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["positieve-opvoedstijl"]
    assert page.locator("#prio-positieve-opvoedstijl").is_checked()
    submit(page)
    expect_step(page, 4)
    page.get_by_role("link", name="5. Overzicht").click()
    expect_step(page, 5)
    factors = page.locator("section[aria-labelledby=overzicht-3] dl").inner_text()
    assert "Positieve opvoedstijl (hoge prioriteit)" in factors.replace("\n", " ")
    assert "Constructieve dagbesteding" not in factors
    for number in (4, 3, 2, 1):
        go_back(page)
        expect_step(page, number)
    assert page.get_by_label("Naam van de gemeente").input_value() == "Terugstad"
