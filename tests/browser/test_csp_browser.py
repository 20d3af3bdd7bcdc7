"""htmx and our own JavaScript under the Content-Security-Policy, in a real Chromium: no violation
is reported while a person goes through the wizard, edits the advice and searches."""

import re

import pytest

from tests.browser.test_wizard_browser import make_advice

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation and console error it reports."""
    page.add_init_script(RECORD_VIOLATIONS)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors


def assert_clean(page, errors, where):
    violations = page.evaluate("window.__csp")
    assert violations == [], f"{where}: {violations}"
    assert [e for e in errors if "Content Security Policy" in e or "htmx" in e.lower()] == [], f"{where}: {errors}"
    # htmx 2 would inject a <style> for its indicator unless told not to
    assert page.evaluate("document.querySelectorAll('style').length") == 0, where


def test_wizard_and_advice_work_under_the_csp_without_violations(watched, live_server):
    page, errors = watched
    make_advice(page, live_server, gemeente="CSP-stad")  # four steps swapped in by htmx
    assert_clean(page, errors, "vragenlijst en advies")
    assert page.evaluate("document.querySelector('.htmx-indicator') ? "
                         "getComputedStyle(document.querySelector('.htmx-indicator')).opacity : '0'") == "0"
    count = page.locator("article.package-item").count()
    page.evaluate("window.__noFullReload = true")
    page.locator("article.package-item").first.get_by_label(re.compile("^Reden om")).fill("Loopt al in de gemeente")
    page.locator("article.package-item").first.get_by_role("button", name=re.compile("^Verwijder")).click()
    page.get_by_text("Het pakket is met de hand aangepast; de pakketregels zijn opnieuw gecontroleerd").wait_for()
    assert page.locator("article.package-item").count() == count - 1
    assert page.evaluate("window.__noFullReload") is True  # swapped by htmx, not a page load
    assert_clean(page, errors, "advies bewerkt")


def test_the_catalogue_search_keeps_its_typed_value_without_inline_script(watched, live_server):
    page, errors = watched
    page.goto(live_server + "/interventies")
    page.locator("#zoekterm").press_sequentially("ouders", delay=20)
    page.wait_for_url(re.compile(r"q=ouders"))
    assert page.locator("#zoekterm").get_attribute("value") == "ouders"  # data-keep-value in app.js
    assert_clean(page, errors, "catalogus")
