"""A beheerder in Chromium maintains the knowledge base: edits one intervention and retires
another, publishes, sees the change in the catalogue and the history, and imports a spreadsheet
with one error and then with one change; axe on every new page (CSRF is on)."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import BEHEERDER_PASSWORD as PASSWORD
from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.kb.spreadsheet import INTERVENTIONS_SHEET
from wizard.models import KnowledgeBaseDraft

pytestmark = pytest.mark.browser
NEW_NAME = "VIP: Vrijheid, Identiteit en Polarisatie (bijgewerkt)"


@pytest.fixture
def editor(app, beheerder_account):
    yield beheerder_account("browser-redacteur@gemeente.example")
    with app.app_context():
        for open_one in db.session.query(KnowledgeBaseDraft).filter_by(status="open"):
            drafts.discard(open_one)
        db.session.commit()
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def _edited(path, cells, target):
    workbook = load_workbook(path)
    sheet = workbook[INTERVENTIONS_SHEET]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for (iid, column), value in cells.items():
        rows[iid][header.index(column)].value = value
    workbook.save(target)
    return str(target)


def test_beheerder_edits_retires_publishes_and_imports(page, live_server, editor, assert_accessible, tmp_path):
    page.goto(f"{live_server}/beheer/interventies")
    page.get_by_label("E-mailadres").fill(editor)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    assert page.locator("h1").inner_text() == "Interventies beheren"
    assert_accessible(page, "intervention list")

    # a wrong value: a Dutch message at the field, in the summary, and what was typed stays
    page.goto(f"{live_server}/beheer/interventies/vip/bewerken")
    assert_accessible(page, "edit form")
    page.get_by_label("Trede op de effectladder").fill("9")
    page.get_by_label("Reden van de wijziging").fill("Naam volgens de aanbieder")
    page.get_by_role("button", name="Opslaan in het concept").click()
    assert "mag hoogstens 5 zijn, niet 9" in page.locator("#foutmeldingen").inner_text()
    assert page.get_by_label("Trede op de effectladder").input_value() == "9"
    assert_accessible(page, "edit form with errors")
    page.get_by_label("Trede op de effectladder").fill("3")
    page.get_by_label("Naam").fill(NEW_NAME)
    page.get_by_role("button", name="Opslaan in het concept").click()
    assert "staat in het concept" in page.content()

    page.goto(f"{live_server}/beheer/interventies/diamant/terugtrekken")
    assert_accessible(page, "retire form")
    page.get_by_label("Reden van het terugtrekken").fill("Bewezen niet effectief")
    page.get_by_role("button", name="Interventie terugtrekken").click()
    assert "is in het concept teruggetrokken" in page.content()

    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Concept").click()
    table = page.locator("table").inner_text()
    assert "Naam volgens de aanbieder" in table and "Bewezen niet effectief" in table and editor in table
    assert_accessible(page, "draft")
    page.get_by_label("Notitie bij de nieuwe versie (niet verplicht)").fill("Redactieronde")
    asked = []  # publishing asks first (data-confirm); OK goes ahead
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Publiceren").click()
    assert "is gepubliceerd als versie" in page.content()
    assert asked == ["Het concept publiceren? De catalogus en nieuwe adviezen gebruiken de nieuwe versie van de "
                     "kennisbank meteen."]

    page.goto(f"{live_server}/interventies/vip")
    assert NEW_NAME in page.locator("h1").inner_text()
    page.goto(f"{live_server}/beheer/interventies/vip/historie")
    history = page.locator("table").inner_text()
    assert "Naam volgens de aanbieder" in history and "interventie gepubliceerd" in history
    assert_accessible(page, "history")

    page.goto(f"{live_server}/beheer/import")
    assert_accessible(page, "import")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de gepubliceerde versie als spreadsheet (.xlsx)").click()
    exported = tmp_path / "export.xlsx"
    download.value.save_as(exported)
    wrong = _edited(exported, {("vip", "aangeboden"): "misschien"}, tmp_path / "fout.xlsx")
    page.get_by_label("Spreadsheet (.xlsx)").set_input_files(wrong)
    page.get_by_role("button", name="Voorbeeld tonen").click()
    errors = page.locator("#fouten-in-bestand").inner_text()
    assert "Interventies" in errors and "aangeboden" in errors and "niet 'misschien'" in errors
    assert_accessible(page, "import with an error")

    one_change = _edited(exported, {("vip", "aangeboden"): "onbekend"}, tmp_path / "wijziging.xlsx")
    page.get_by_label("Spreadsheet (.xlsx)").set_input_files(one_change)
    page.get_by_role("button", name="Voorbeeld tonen").click()
    assert "Voorbeeld: 1 wijziging" in page.content()
    assert_accessible(page, "import preview")
    page.get_by_label("Spreadsheet (.xlsx)").set_input_files(one_change)
    page.get_by_label("Reden van de wijzigingen").fill("Aanbod onzeker")
    page.get_by_role("button", name="Wijzigingen toepassen op het concept").click()
    assert page.locator("h1").inner_text() == "Concept van de kennisbank"
    assert "aangeboden" in page.locator("table").inner_text() and "Aanbod onzeker" in page.locator("table").inner_text()
