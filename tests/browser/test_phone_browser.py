"""On a phone (390 px wide) no page scrolls sideways; wide tables scroll in their own container."""

import re

import pytest

from tests.browser.test_wizard_browser import expect_step, fill_step1, start, submit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
CATALOGUE_PAGES = ["/", "/wizard/", "/interventies", "/interventies/2do-school", "/factoren/mediawijsheid",
                   "/interventietypes/1", "/bouwstenen", "/lacunes", "/hoe-komt-het-advies-tot-stand", "/bestaat-niet"]


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    widths = {}
    try:
        start(page, live_server)
        widths["stap 1"] = page_width(page)
        fill_step1(page)
        submit(page)
        for number in (2, 3, 4, 5):
            expect_step(page, number)
            widths[f"stap {number}"] = page_width(page)
            if number == 2:
                page.get_by_label("Jongeren (12-18 jaar)").check()
            if number < 5:
                submit(page)
        page.get_by_role("button", name="Stel advies samen").click()
        page.wait_for_url(re.compile(r"/advies/[^/]+$"))
        advice = page.url
        widths["advies"] = page_width(page)
        for url in [advice + "/b-en-w"] + [live_server + path for path in CATALOGUE_PAGES]:
            page.goto(url)
            widths[url.replace(live_server, "")] = page_width(page)
    finally:
        context.close()
    too_wide = {name: width for name, width in widths.items() if width > PHONE["width"]}
    assert len(widths) == 17 and not too_wide, too_wide


def test_a_wide_table_scrolls_in_a_labelled_container_reachable_with_the_keyboard(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server + "/lacunes")
        box = page.get_by_role("region", name=re.compile("Aantal interventies per beschermende factor"))
        assert box.evaluate("(e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
        assert box.get_attribute("tabindex") == "0"
        box.focus()
        page.keyboard.press("ArrowRight")
        # polled from Python: wait_for_function evaluates a string in the page, which the CSP forbids
        for _ in range(50):
            if box.evaluate("(e) => e.scrollLeft") > 0:
                break
            page.wait_for_timeout(100)
        assert box.evaluate("(e) => e.scrollLeft") > 0
        page.goto(live_server + "/hoe-komt-het-advies-tot-stand")
        tables = page.locator("table")
        regions = page.locator("[role=region][tabindex='0'][aria-labelledby] > table")
        assert tables.count() > 1 and regions.count() == tables.count()
    finally:
        context.close()


def test_a_message_box_stacks_its_heading_and_list_on_a_phone(browser, live_server):
    # the QA walk: the error summary and the two-tab message stood in narrow columns side by side
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    try:
        start(page, live_server)
        submit(page)  # step 1 left empty: the error summary
        summary = page.locator("#foutmeldingen")
        summary.wait_for()
        heading = summary.locator("h2").bounding_box()
        first_error = summary.locator("li").first.bounding_box()
        box = summary.bounding_box()
    finally:
        context.close()
    assert heading["y"] + heading["height"] <= first_error["y"]  # the list starts below the heading
    assert first_error["width"] > box["width"] / 2  # and takes the width of the box
