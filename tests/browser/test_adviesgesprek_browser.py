"""Issue 13's 'Done when' as one conversation in headless Chromium (CSRF on), through the UI only:
an adviseur starts a trajectory, the municipality joins by the edit link and composes the advice,
both edit at once, an override needs a reason, undo, a second version after changing an answer, the
comparison, a read-only link refused on every POST the app has for an advice or questionnaire,
the B&W page names its version; axe on the new pages (new trajectory, trajectory with its versions,
advice with its history, comparison, earlier version)."""

import json
import re

import pytest
from flask import url_for

from tests.browser.conftest import ADVISEUR_PASSWORD
from tests.browser.test_advice_together_browser import card_ids, wait_until
from tests.browser.test_wizard_browser import expect_step, fill_step1, submit
from tests.helpers import detached
from tests.wizard.test_advice import stored
from wizard.models import WizardSession

pytestmark = pytest.mark.browser

ADVISER = "gesprek-adviseur@ess.example"
# the arguments a POST route of the advice and questionnaire blueprints may take, filled in for this conversation
ROUTE_ARGUMENTS = ("sid", "advice_id", "number")


def stored_advice(app, advice_id: str) -> dict:
    """What the database holds for the advice: the working state, the edit log, notes and version."""
    advice = stored(app, advice_id)
    return {"current": advice.current, "edits": advice.edits, "notes": advice.notes,
            "revision": advice.revision, "version": advice.version}


def stored_answers(app, sid: str) -> tuple[dict, int]:
    questionnaire = detached(app, WizardSession, sid)
    return questionnaire.answers, questionnaire.revision


def posting_routes(app, values: dict) -> list[str]:
    """Every POST route of the advice and questionnaire blueprints that belongs to one questionnaire
    or advice, as a path for this conversation (from the app's URL map, not a hand-made list)."""
    paths = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.split(".")[0] not in ("advice", "questionnaire") or "POST" not in rule.methods:
                continue
            if not rule.arguments & {"sid", "advice_id"}:
                continue  # starting or importing a new questionnaire belongs to no trajectory
            assert rule.arguments <= set(ROUTE_ARGUMENTS), f"unknown argument in {rule}"
            paths.append(url_for(rule.endpoint, **{k: values[k] for k in rule.arguments}))
    return paths


def log_in(page, live_server, email):
    page.goto(f"{live_server}/trajecten/nieuw")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(ADVISEUR_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server}/trajecten/nieuw")


def changing_forms(page) -> list[str]:
    """Where the page's POST forms and htmx POST elements send to, apart from logging out."""
    return page.evaluate("[...Array.from(document.querySelectorAll('form')).filter(f => f.method === 'post')"
                         ".map(f => f.getAttribute('action')), ...Array.from(document.querySelectorAll("
                         "'[data-hx-post], [hx-post]')).map(e => e.getAttribute('data-hx-post') || e.getAttribute('hx-post'))]"
                         ".filter(a => !a.endsWith('/uitloggen'))")


def test_a_whole_advisory_conversation(app, browser, page, live_server, adviseur_account, assert_accessible):
    adviseur_account(ADVISER)
    contexts, server_errors = [], []

    def watch(p):
        p.on("response", lambda r: server_errors.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None)
        return p

    def new_page():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        other = context.new_page()
        other.set_default_timeout(15_000)
        return watch(other)

    watch(page)

    try:
        # 1. the adviseur logs in and starts a trajectory
        log_in(page, live_server, ADVISER)
        assert_accessible(page, "/trajecten/nieuw")
        page.get_by_label("Naam van de gemeente").fill("Gesprekstad")
        page.get_by_role("button", name="Start het adviestraject").click()
        page.wait_for_url(re.compile(r"/trajecten/\d+$"))
        trajectory_url = page.url
        edit_link = page.locator("#link-bewerken").inner_text()

        # 2. the municipality joins by the edit link, answers and composes the advice
        municipality = new_page()
        municipality.goto(edit_link)
        expect_step(municipality, 1)
        fill_step1(municipality, gemeente="Gesprekstad")
        submit(municipality)
        expect_step(municipality, 2)
        municipality.get_by_label("Ouders en opvoeders").check()
        for number in (3, 4, 5):
            submit(municipality)
            expect_step(municipality, number)
        municipality.get_by_role("button", name="Stel advies samen").click()
        municipality.wait_for_url(re.compile(r"/advies/[^/]+$"))
        advice_url = municipality.url
        advice_id = advice_url.rsplit("/", 1)[1]
        assert len(changing_forms(municipality)) > 5  # the edit link edits (and the check below can see forms)
        back = municipality.get_by_role("link", name="Terug naar de antwoorden").get_attribute("href")
        sid = re.fullmatch(r"/wizard/([^/]+)/overzicht", back).group(1)

        # the trajectory page now shows the advice and its version
        page.goto(trajectory_url)
        work = page.locator("section[aria-labelledby=werk]")
        assert work.get_by_role("link", name="Open het advies").get_attribute("href").endswith(f"/advies/{advice_id}")
        assert "Open het advies (versie 1)" in work.inner_text()
        work.get_by_role("link", name="Open het advies").click()
        page.wait_for_url(advice_url)

        # 3 and 4. both at once on different cards: the adviseur saves a note, the municipality
        # removes an intervention the rules chose - first without a reason, then with one
        first, second = card_ids(municipality)[:2]
        municipality.locator(f"#item-{first}").get_by_role("button", name=re.compile("^Verwijder")).click()
        error = municipality.locator(f"#item-{first} [role=alert]")
        error.wait_for()
        assert re.fullmatch(r"Reden: .+ is door de regels gekozen\. Geef aan waarom .+", error.inner_text()), \
            error.inner_text()
        assert first in card_ids(municipality) and stored_advice(app, advice_id)["edits"] == []
        page.locator(f"#notitie-{second}").fill("Bespreken met de wijkagent")
        municipality.locator(f"#reden-{first}").fill("Loopt al via het CJG")
        page.locator(f"#opslaan-{second}").click(no_wait_after=True)
        municipality.locator(f"#item-{first}").get_by_role("button", name=re.compile("^Verwijder")).click(
            no_wait_after=True)
        page.get_by_role("status").filter(has_text="Opgeslagen.").wait_for()
        wait_until(municipality, lambda: first not in card_ids(municipality), "the removal")
        advice = stored_advice(app, advice_id)
        assert first not in [p["interventie"] for p in advice["current"]["pakket"]]
        assert advice["notes"][second] == "Bespreken met de wijkagent"
        assert advice["notes"]["_auteurs"][second]["door"] == ADVISER
        removal = advice["edits"][-1]
        assert (removal["actie"], removal["door"], removal["reden"]) == ("verwijderd", "gemeente", "Loopt al via het CJG")
        assert re.search(r"Verwijderd door gemeente, .*Reden: Loopt al via het CJG",
                         municipality.locator("#advies-bewerkbaar").inner_text())
        # each sees the other's work under its author
        assert re.fullmatch(rf"Notitie van {re.escape(ADVISER)}, \d{{1,2}}-\d{{1,2}}-20\d\d \d\d:\d\d",
                            municipality.locator(f"#auteur-{second}").inner_text())

        # 5. undo: the removed intervention comes back, the history keeps both steps
        municipality.get_by_role("button", name=re.compile("^Maak laatste bewerking ongedaan")).click()
        wait_until(municipality, lambda: first in card_ids(municipality), "the undone removal")
        assert [e["actie"] for e in stored_advice(app, advice_id)["edits"]] == ["verwijderd", "ongedaan"]
        history = municipality.locator("#sectie-bewerkingen")
        history.get_by_text("Wat is er gewijzigd?").click()
        entries = history.locator("li").all_inner_texts()
        assert len(entries) == 2, entries
        assert re.search(r"door gemeente .*\(ongedaan gemaakt\)\. Reden: Loopt al via het CJG", entries[0] + entries[1])
        assert any("ongedaan" in e and "door gemeente" in e and "(ongedaan gemaakt)" not in e for e in entries)
        assert_accessible(municipality, "advies met bewerkingen")

        # 6. a second version after changing an answer: same link, versie 2
        municipality.get_by_role("link", name="Terug naar de antwoorden").click()
        expect_step(municipality, 5)
        municipality.get_by_role("button", name="Stel het advies opnieuw samen (nieuwe versie)").wait_for()
        municipality.get_by_role("link", name="Wijzig beschermende factoren").click()
        expect_step(municipality, 3)
        extra = municipality.locator("#factor-mediawijsheid")
        extra.set_checked(not extra.is_checked())
        submit(municipality)
        expect_step(municipality, 4)
        submit(municipality)
        expect_step(municipality, 5)
        municipality.get_by_role("button", name=re.compile("nieuwe versie")).click()
        municipality.wait_for_url(advice_url)
        notice = municipality.get_by_role("status").filter(has_text="Nieuwe versie: dit is nu versie 2")
        notice.wait_for()
        assert stored_advice(app, advice_id)["version"] == 2

        # the adviseur's open page learns of version 2 and fetches it in place
        page.evaluate("window.__noFullReload = true")
        page.evaluate("window.dispatchEvent(new Event('focus'))")  # the tab regains focus: htmx asks at once
        notice = page.locator("#advies-stand")
        notice.get_by_text("Er is intussen een nieuwe versie van dit advies gemaakt (versie 2), door gemeente.").wait_for()
        notice.get_by_role("link", name="Toon de nieuwste stand").click()
        page.locator("#versie").get_by_text("Versie 2 van dit advies").wait_for()
        assert page.evaluate("window.__noFullReload") is True

        # after version 2 the adviseur takes one out by hand, with a reason
        taken_out = card_ids(page)[0]
        name = next(p["naam"] for p in stored_advice(app, advice_id)["current"]["pakket"] if p["interventie"] == taken_out)
        page.locator(f"#reden-{taken_out}").fill("Past niet in de begroting")
        page.locator(f"#item-{taken_out}").get_by_role("button", name=re.compile("^Verwijder")).click()
        wait_until(page, lambda: taken_out not in card_ids(page), "the adviseur's removal")

        # 7. the comparison: what came in and went out and why (rule or person), and the changed answer
        municipality.goto(f"{advice_url}/vergelijk?van=1&naar=2")
        municipality.get_by_role("heading", name="Van versie 1 naar versie 2").wait_for()
        added = municipality.locator("h3#toegevoegd + ul").inner_text()
        removed = municipality.locator("h3#verwijderd + ul").inner_text()
        assert "Door gewijzigde antwoorden:" in added and re.search(r"\(regels? [A-Z]", added)
        assert "Door gewijzigde antwoorden:" in removed
        assert re.search(rf"{re.escape(name)} – Met de hand verwijderd door {re.escape(ADVISER)} op .*Reden: “Past niet in de begroting”",
                         removed), removed
        answers = municipality.locator("h3#antwoorden + table tbody").inner_text()
        assert "Gekozen factoren" in answers
        assert "Mediawijsheid" in answers and answers.count("Mediawijsheid") == 1, answers
        assert_accessible(municipality, "vergelijken")
        municipality.get_by_role("link", name=re.compile(r"^1 \(bekijk")).click()
        municipality.wait_for_url(f"{advice_url}/versie/1")
        assert_accessible(municipality, "versie 1")

        # 9. the B&W page says which version it is
        municipality.goto(f"{advice_url}/b-en-w")
        assert re.fullmatch(r"Versie 2 van dit advies, samengesteld op \d{1,2}-\d{1,2}-20\d\d \d\d:\d\d, .*",
                            municipality.locator(".doc-version").inner_text())

        # 8. the read link, copied from the trajectory page, in a third browser
        page.goto(trajectory_url)
        versions = page.locator("ul.versions").inner_text()
        assert "Versie 2 (huidige)" in versions and "Versie 1" in versions
        assert_accessible(page, "adviestraject met versies")
        read_link = page.locator("#link-lezen").inner_text()
        reader = new_page()
        reader.goto(read_link)
        reader.wait_for_url(advice_url)
        before, answers_before = stored_advice(app, advice_id), stored_answers(app, sid)
        for path in (f"/advies/{advice_id}", f"/wizard/{sid}/overzicht", f"/wizard/{sid}/stap/3",
                     f"/advies/{advice_id}/vergelijk?van=1&naar=2", f"/advies/{advice_id}/versie/1",
                     f"/advies/{advice_id}/herberekenen"):
            reader.goto(live_server + path)
            assert reader.locator("h1").count() == 1
            assert changing_forms(reader) == [], f"{path} offers a changing form to a reader"
        token = json.loads(reader.locator("body").get_attribute("data-hx-headers"))["X-CSRFToken"]
        routes = posting_routes(app, {"sid": sid, "advice_id": advice_id, "number": 3})
        assert len(routes) >= 8
        for path in routes:
            answer = reader.context.request.post(live_server + path, headers={"X-CSRFToken": token},
                                                 form={"revisie": str(before["revision"]), "actie": "verwijder",
                                                       "interventie": first, "notitie": "x", "reden": "x"},
                                                 max_redirects=0)
            assert answer.status == 403, f"POST {path} with the read link answered {answer.status}"
            assert "leeslink" in answer.text()
        assert stored_advice(app, advice_id) == before and stored_answers(app, sid) == answers_before
        assert server_errors == []
    finally:
        for context in contexts:
            context.close()
