"""Versions in a real headless Chromium: compose, change an answer, compose again, and compare."""

import re

import pytest

from tests.browser.test_wizard_browser import expect_step, make_advice, submit

pytestmark = pytest.mark.browser


def test_changing_an_answer_makes_version_2_and_the_comparison_shows_why(page, live_server, assert_accessible):
    make_advice(page, live_server, gemeente="Versiestad")
    advice_url = page.url
    assert "Versie 1 van dit advies" in page.locator("#versie").inner_text()

    page.get_by_role("link", name="Terug naar de antwoorden").click()
    page.wait_for_url(re.compile(r"/overzicht$"))
    page.get_by_role("link", name="Wijzig beschermende factoren").click()
    expect_step(page, 3)
    extra = page.locator("#factor-mediawijsheid")
    was_chosen = extra.is_checked()
    extra.set_checked(not was_chosen)
    submit(page)
    expect_step(page, 4)
    submit(page)
    expect_step(page, 5)
    page.get_by_role("button", name="Stel het advies opnieuw samen (nieuwe versie)").click()
    page.wait_for_url(advice_url)  # the same advice, the same link
    notice = page.get_by_role("status").filter(has_text="Nieuwe versie: dit is nu versie 2")
    notice.wait_for()
    assert "Versie 2 van dit advies" in page.locator("#versie").inner_text()

    notice.get_by_role("link", name="Vergelijk met versie 1").click()
    page.wait_for_url(re.compile(r"/vergelijk$"))
    page.get_by_role("heading", name="Van versie 1 naar versie 2").wait_for()
    answers = page.locator("table", has=page.get_by_role("columnheader", name="Versie 2")).inner_text()
    assert "Gekozen factoren" in answers and "Mediawijsheid" in answers
    assert_accessible(page, "vergelijken")

    # the form chooses the versions, here the other way round
    page.get_by_label("Van versie", exact=True).select_option("2")
    page.get_by_label("Naar versie", exact=True).select_option("1")
    page.get_by_role("button", name="Vergelijk").click()
    page.wait_for_url(re.compile(r"van=2&naar=1"))
    page.get_by_text("U koos de nieuwere versie bij 'van'").wait_for()
