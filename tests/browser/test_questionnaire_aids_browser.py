"""The aids of the questionnaire in Chromium: the step-1 picker, the step-3 filter, count and
errors, the page title after an htmx swap, and 'Ga verder met <gemeente>'."""

import re

import pytest

from tests.browser.test_wizard_browser import expect_step, fill_step1, start, submit, to_step_three_for_parents

pytestmark = pytest.mark.browser


def test_step_one_picker_filters_lists_the_chosen_and_keeps_the_tab_order_short(page, live_server):
    start(page, live_server)
    options = page.locator("#huidige_interventies-lijst > li")
    assert options.count() > 100 and page.locator("#huidige_interventies-lijst > li:visible").count() == 0
    search = page.get_by_label("Zoek een interventie om toe te voegen")
    search.fill("diamant")
    page.get_by_text("1 interventie gevonden.").wait_for()
    assert page.locator("#huidige_interventies-lijst > li:visible").count() == 1
    search.press("Enter")  # filters; does not submit the step
    page.wait_for_timeout(300)
    assert page.url.endswith("/stap/1") and not page.get_by_role("alert").count()
    page.locator("#huidige_interventies-lijst > li:visible input").check()
    chosen = page.locator(".picker-chosen")
    assert "DIAMANT" in chosen.inner_text()
    search.fill("school")
    page.get_by_text(re.compile(r"^\d+ interventies gevonden\.$")).wait_for()
    page.locator("#huidige_interventies-lijst > li:visible input").first.check()
    assert chosen.locator("li").count() == 2
    search.fill("")
    tabbable = page.evaluate("""() => [...document.querySelectorAll('#wizard input, #wizard button, #wizard a')]
        .filter((e) => e.offsetParent !== null && e.tabIndex >= 0).length""")
    assert tabbable < 40  # 120 hidden options are not in the tab order
    chosen.get_by_role("button", name=re.compile("^Verwijder DIAMANT")).click()
    assert chosen.locator("li").count() == 1 and "DIAMANT" not in chosen.inner_text()
    fill_step1(page, gemeente="Kiesstad")
    submit(page)
    expect_step(page, 2)
    assert page.title() == "Stap 2: Doelgroepen en omgevingen – Bouwstenenwijzer"  # after the htmx swap
    page.get_by_role("link", name="1. Gemeente en lokale context").click()
    expect_step(page, 1)
    assert page.title().startswith("Stap 1: Gemeente en lokale context")
    assert page.locator(".picker-chosen li").count() == 1 and "DIAMANT" not in page.locator(".picker-chosen").inner_text()
    page.goto(live_server + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Ga verder met Kiesstad").click()
    expect_step(page, 2)


def test_step_three_filter_count_and_priority_that_chooses_its_factor(page, live_server):
    start(page, live_server)
    fill_step1(page)
    submit(page)
    expect_step(page, 2)
    page.get_by_label("Jongeren (12-18 jaar)").check()
    submit(page)
    expect_step(page, 3)
    count = page.locator("#factoren-telling")
    before = int(re.match(r"\d+", count.inner_text()).group(0))
    page.get_by_label("Zoek een factor").fill("opvoedstijl")
    found = page.get_by_text(re.compile(r"^\d+ factor(en)? gevonden\.$"))
    found.wait_for()
    shown = page.locator("li.factor:visible")
    assert 0 < shown.count() < 10 and found.inner_text().startswith(f"{shown.count()} factor")
    assert page.locator("#factor-positieve-opvoedstijl").is_visible() and not page.locator("#factor-mediawijsheid").is_visible()
    priority = page.get_by_label("Hoge prioriteit voor Positieve opvoedstijl")
    priority.check()
    assert page.locator("#factor-positieve-opvoedstijl").is_checked()  # the priority chose the factor
    assert count.inner_text().startswith(f"{before + 1} factoren gekozen, waarvan 1 met hoge prioriteit.")
    page.locator("#factor-positieve-opvoedstijl").uncheck()
    assert not priority.is_checked() and count.inner_text().startswith(f"{before} factoren gekozen, waarvan 0")
    page.get_by_label("Zoek een factor").fill("")
    assert page.locator("li.factor:visible").count() > 10


def test_without_javascript_a_priority_error_names_the_factor_and_opens_its_bouwsteen(page_without_js, live_server):
    page = page_without_js
    to_step_three_for_parents(page, live_server)
    section = page.locator("details").filter(has=page.get_by_text("Bouwsteen 6: Indirect"))
    if section.get_attribute("open") is None:  # open it as the user would (suggestions may have opened it)
        page.get_by_text("Bouwsteen 6: Indirect").click()
    box = page.locator("li.factor").filter(has=page.locator("input[name=factoren]:not(:checked)")).last
    name = box.locator("label").first.inner_text()
    box.locator("input[name=prioriteit]").check()
    submit(page)
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert f"u gaf ‘{name}’ hoge prioriteit, maar koos die factor niet" in summary.inner_text()
    summary.get_by_role("link", name=re.compile(name)).click()
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("prio-") and page.locator(f"#{focused}").is_visible()
