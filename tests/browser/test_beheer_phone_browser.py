"""The beheer pages on a phone (390 px wide): no page scrolls sideways; a wide table scrolls in
its own labelled region, as on the public pages."""

import re
from datetime import datetime, timezone

import pytest

from tests.browser.conftest import BEHEERDER_PASSWORD as PASSWORD
from wizard import audit
from wizard.extensions import db
from wizard.feedback import service as feedback
from wizard.kb import drafts
from wizard.links.models import LinkCheck
from wizard.models import KnowledgeBaseDraft

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE_LINK = "https://voorbeeld.example/" + "een-heel-lang-pad-zonder-spaties-" * 4
# pages whose tables the QA walk measured wider than the phone (finding #4), and the others with a table
PAGES = ["/beheer", "/beheer/interventies", "/beheer/gebruikers", "/beheer/feedback", "/beheer/links",
         "/beheer/audit", "/beheer/interventies/2gather/historie", "/beheer/concept"]
WITHOUT_TABLE = {"/beheer"}


@pytest.fixture
def wide_rows(app):
    """A row of every kind that made a beheer table wide: a long audit line, a report, a broken link."""
    intervention = "2gather"
    with app.test_request_context("/"):  # feedback.submit counts per client address
        audit.record("interventie gewijzigd", target=f"interventie:{intervention}", reason="Telefoonproef",
                     changes={"uitvoerder": ("Stichting 2gather; onderdeel van de aanpak van de gemeente Den Haag",
                                             "Stichting 2gather " * 6), "herzien_op": (None, "2026-12-01")})
        feedback.submit("verouderde-informatie", "De informatie over de uitvoerder klopt niet meer " * 3, None, intervention)
        db.session.add(LinkCheck(intervention_id=intervention, url=WIDE_LINK, status="kapot", http_status=404,
                                 checked_at=datetime.now(timezone.utc), failing_since=datetime.now(timezone.utc)))
        # a change in the concept with a long value, for the concept page's table
        draft = drafts.open_or_start(db.session, "telefoon-beheerder@gemeente.example")
        record = {**drafts.intervention_record(draft, intervention), "uitvoerder": "Stichting 2gather " * 6}
        drafts.save_intervention(db.session, draft, record, None, "Telefoonproef", "telefoon-beheerder@gemeente.example")
        db.session.commit()
    yield
    with app.app_context():
        db.session.query(LinkCheck).filter_by(url=WIDE_LINK).delete()
        for open_draft in db.session.query(KnowledgeBaseDraft).filter_by(status="open"):
            drafts.discard(open_draft)
        db.session.commit()


def _log_in(page, live_server, email):
    page.goto(f"{live_server}/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/beheer$"))


def test_no_beheer_page_scrolls_sideways_on_a_phone(browser, live_server, beheerder_account, wide_rows):
    context = browser.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    widths, regions = {}, {}
    try:
        _log_in(page, live_server, beheerder_account("telefoon-beheerder@gemeente.example"))
        for path in PAGES:
            page.goto(live_server + path)
            widths[path] = page.evaluate("document.documentElement.scrollWidth")
            regions[path] = page.evaluate("""() => Array.from(document.querySelectorAll('main table')).map(t => {
                const box = t.closest('.table-scroll');
                return box !== null && box.getAttribute('role') === 'region' && box.tabIndex === 0
                    && (box.getAttribute('aria-labelledby') || '') !== '';
            })""")
        audit_box = page.goto(live_server + "/beheer/audit") and page.get_by_role("region", name=re.compile("Gebeurtenissen"))
        audit_scrolls = audit_box.evaluate("(e) => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    finally:
        context.close()
    too_wide = {path: width for path, width in widths.items() if width > PHONE["width"]}
    assert not too_wide, too_wide
    assert all(regions[path] and all(regions[path]) for path in PAGES if path not in WITHOUT_TABLE), regions
    assert audit_scrolls  # the audit table is wider than the phone: it scrolls in its region
