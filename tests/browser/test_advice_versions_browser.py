"""Versions in a real headless Chromium: compose, change an answer, compose again, and compare."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_wizard_browser import expect_step, make_advice, submit
from tests.wizard.test_advice_versions import compose, recompose

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


@pytest.mark.parametrize("page_of", [
    lambda advice_id: f"/advies/{advice_id}", lambda advice_id: f"/advies/{advice_id}/vergelijk",
    lambda advice_id: "/hoe-komt-het-advies-tot-stand",
], ids=["advies", "vergelijk", "regels"])
def test_advice_comparison_and_rules_page_have_no_axe_violations_of_any_impact(client, page, live_server, page_of):
    """assert_accessible fails on serious and critical only; these pages had two landmarks with one
    name (a named section around a table's scroll region named by the same heading), which axe
    calls landmark-unique (moderate). Here every impact counts."""
    sid, advice_id = compose(client)
    recompose(client, sid, ["mediawijsheid"])
    page.goto(live_server + page_of(advice_id))
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
