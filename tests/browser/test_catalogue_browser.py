"""The catalogue in a real headless Chromium: accessibility of every kind of page, filtering in
place with htmx (URL kept, back button), and the same form without JavaScript."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from wizard.catalogue import facets

pytestmark = pytest.mark.browser


def expected_count(kb, **params) -> int:
    q = facets.parse_query(MultiDict([(k, v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]), kb)
    return len(facets.run_query(kb, q, None).interventions)


def heading(page) -> str:
    return page.locator("#resultaten-kop").inner_text()


def params(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


@pytest.mark.parametrize("path", [
    "/interventies", "/interventies?q=ouders&doelgroep=jongeren&min_trede=9",
    "/interventies/diamant", "/bouwstenen", "/factoren/mediawijsheid", "/interventietypes/1.1", "/lacunes",
])
def test_catalogue_pages_have_no_serious_accessibility_violations(page, live_server, assert_accessible, path):
    page.goto(live_server + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page, path)


def test_filtering_updates_the_list_and_the_url_in_place_and_back_restores_it(page, live_server, real_kb):
    page.goto(live_server + "/interventies")
    page.evaluate("window.notReloaded = true")
    total = len(real_kb.interventions)
    assert heading(page).startswith(f"{total} interventies")

    page.get_by_label(re.compile(r"^Jongeren \(12-18 jaar\)")).check()
    youth = expected_count(real_kb, doelgroep="jongeren")
    page.wait_for_url(re.compile(r"doelgroep=jongeren"))
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{youth} ')")
    assert page.locator("#resultaten-status").inner_text() == f"{youth} interventies gevonden"

    page.locator("#filter-online-ja").check()
    both = expected_count(real_kb, doelgroep="jongeren", online="ja")
    page.wait_for_url(re.compile(r"online=ja"))
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{both} ')")
    assert params(page) == [("doelgroep", "jongeren"), ("online", "ja")]
    # the counts next to the other options were refreshed too
    offered = expected_count(real_kb, doelgroep="jongeren", online="ja", aangeboden="ja")
    assert f"({offered}" in page.locator("label[for='filter-aangeboden-ja']").inner_text()
    assert page.evaluate("window.notReloaded") is True

    page.go_back()
    page.wait_for_url(re.compile(r"doelgroep=jongeren$"))
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{youth} ')")
    assert page.locator("#filter-online-ja").is_checked() is False
    assert page.locator("#filter-doelgroep-jongeren").is_checked()

    page.go_back()
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{total} ')")
    assert params(page) == []
    assert not page.locator("#filter-doelgroep-jongeren").is_checked()


def test_back_from_an_intervention_returns_to_the_filtered_list(page, live_server, real_kb):
    page.goto(live_server + "/interventies")
    page.locator("#filter-setting-online").check()
    page.wait_for_url(re.compile(r"setting=online"))
    online = expected_count(real_kb, setting="online")
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{online} ')")
    page.locator(".result h3 a").first.click()
    page.wait_for_url(re.compile(r"/interventies/[a-z0-9-]+$"))
    page.go_back()
    page.wait_for_url(re.compile(r"setting=online"))
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{online} ')")
    assert page.locator("#filter-setting-online").is_checked()
    assert page.locator("form#zoeken").count() == 1  # the whole page, not the partial


def test_typing_a_search_term_filters_while_typing(page, live_server, app):
    from wizard.catalogue.search import search_interventions
    from wizard.extensions import db
    with app.app_context():
        hits = search_interventions(db.session, "mediawijs")
    page.goto(live_server + "/interventies")
    page.locator("#zoekterm").press_sequentially("mediawijs", delay=20)
    page.wait_for_url(re.compile(r"q=mediawijs"))
    page.wait_for_function(f"document.getElementById('resultaten-kop').innerText.startsWith('{len(hits)} ')")
    assert page.locator("#zoekterm").input_value() == "mediawijs"
    assert page.locator(".result").count() == len(hits)
    assert page.evaluate("document.activeElement.id") == "zoekterm"


def test_the_filter_form_works_without_javascript(page_without_js, live_server, real_kb):
    page = page_without_js
    page.goto(live_server + "/interventies")
    page.locator("#filter-doelgroep-ouders-opvoeders").check()
    page.locator("#filter-min_trede").select_option("2")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url(re.compile(r"doelgroep=ouders-opvoeders"))
    expected = expected_count(real_kb, doelgroep="ouders-opvoeders", min_trede="2")
    assert heading(page).startswith(f"{expected} ")
    assert ("min_trede", "2") in params(page)
    assert page.locator("#filter-doelgroep-ouders-opvoeders").is_checked()
    assert page.locator(".result").count() == expected


# --- phones ----------------------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["met-js", "zonder-js"])
def phone(browser, request):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", [
    "/interventies", "/interventies?q=ouders&doelgroep=jongeren&min_trede=9&pagina=2", "/lacunes", "/bouwstenen",
    "/interventies/diamant", "/factoren/mediawijsheid", "/interventietypes/1.1",
])
def test_no_catalogue_page_scrolls_sideways_on_a_phone(phone, live_server, path):
    phone.goto(live_server + path)
    assert page_width(phone) <= PHONE["width"], path


def test_on_a_phone_the_results_come_before_the_filters_which_open_on_demand(phone, live_server):
    phone.goto(live_server + "/interventies")
    first_result = phone.locator(".result").first
    filter_box = phone.locator("#filter-doelgroep-jongeren")
    assert first_result.is_visible() and not filter_box.is_visible()
    summary = phone.locator(".filter-panel__summary")
    assert summary.bounding_box()["y"] < first_result.bounding_box()["y"]  # the way to the filters is on top
    summary.click()
    assert filter_box.is_visible()
    assert page_width(phone) <= PHONE["width"]


def test_on_a_wide_screen_the_filters_are_shown_beside_the_results(page, live_server):
    page.goto(live_server + "/interventies")
    assert page.locator("#filter-doelgroep-jongeren").is_visible()
    assert not page.locator(".filter-panel__summary").is_visible()
    filters, results = page.locator("#filters").bounding_box(), page.locator("#resultaten").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


def test_the_gap_matrix_scrolls_inside_its_own_focusable_container_on_a_phone(phone, live_server):
    phone.goto(live_server + "/lacunes")
    container = phone.locator(".gaps-container")
    assert container.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone
    assert page_width(phone) <= PHONE["width"]  # ... but only the container scrolls
    container.focus()
    assert phone.evaluate("document.activeElement.classList.contains('gaps-container')")


def test_paging_swaps_the_results_in_place_and_keeps_the_filters(page, live_server, real_kb):
    page.goto(live_server + "/interventies?doelgroep=jongeren")
    page.evaluate("window.notReloaded = true")
    first = page.locator(".result h3").first.inner_text()
    page.locator(".pagination a[rel='next']").click()
    page.wait_for_url(re.compile(r"doelgroep=jongeren&pagina=2$"))
    page.wait_for_function(f"document.querySelector('.result h3').innerText !== {first!r}")
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#filter-doelgroep-jongeren").is_checked()
    assert page.locator(".pagination a[aria-current='page']").inner_text().endswith("2")
