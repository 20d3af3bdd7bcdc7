"""The model as a spreadsheet: export, read back with errors by sheet, row and column, and
changes that go into a draft which, published, becomes the newest knowledge-base version."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.access import knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.kb.files import read_knowledge_base
from wizard.kb.spreadsheet import INTERVENTIONS_SHEET, SheetInvalid, read_workbook, write_workbook
from wizard.config import PROJECT_ROOT

DATA = read_knowledge_base(PROJECT_ROOT / "data").content()


def edited(changes: dict[tuple[str, str], object]) -> bytes:
    """The exported workbook with the cells (intervention id, column) set to new values."""
    workbook = load_workbook(io.BytesIO(write_workbook(DATA)))
    sheet = workbook[INTERVENTIONS_SHEET]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for (iid, column), value in changes.items():
        rows[iid][header.index(column)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(iid: str) -> int:
    return 2 + [i.id for i in DATA.interventies].index(iid)


def test_an_exported_workbook_reads_back_without_changes():
    content, changes = read_workbook(write_workbook(DATA), DATA)
    assert changes == []
    assert content == DATA


def test_each_bouwsteen_has_a_sheet_with_its_factors_and_their_interventions():
    workbook = load_workbook(io.BytesIO(write_workbook(DATA)))
    assert [f"Bouwsteen {n}" for n in range(1, 7)] + ["Interventies", "Interventietypes"] == workbook.sheetnames
    rows = list(workbook["Bouwsteen 4"].iter_rows(min_row=2, values_only=True))
    media = next(r for r in rows if r[1] == "mediawijsheid")
    assert "mediamatties" in media[4].split("; ")


def test_an_error_names_sheet_row_and_column_and_nothing_is_read():
    data = edited({("vip", "aangeboden"): "misschien", ("diamant", "trede"): 7})
    with pytest.raises(SheetInvalid) as caught:
        read_workbook(data, DATA)
    messages = [str(e) for e in caught.value.errors]
    assert (f"Blad 'Interventies', rij {row_of('vip')}, kolom 'aangeboden': "
            "moet een van 'ja', 'nee' of 'onbekend' zijn, niet 'misschien'") in messages
    assert any(m.startswith(f"Blad 'Interventies', rij {row_of('diamant')}, kolom 'trede': mag hoogstens 5 zijn") for m in messages)


def test_a_change_is_listed_and_goes_into_a_draft_that_publishes_a_new_version(app, runner, tmp_path):
    path = tmp_path / "model.xlsx"
    path.write_bytes(edited({("vip", "aangeboden"): "onbekend"}))
    preview = runner.invoke(args=["kb", "import", str(path), "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert "interventie:vip: aangeboden van 'ja' naar 'onbekend'" in preview.output
    with app.app_context():
        assert drafts.open_draft(db.session) is None
    result = runner.invoke(args=["kb", "import", str(path), "--reden", "Aanbod nagevraagd"])
    assert result.exit_code == 0, result.output
    try:
        with app.app_context():
            draft = drafts.open_draft(db.session)
            assert draft.changes[-1]["reason"] == "Aanbod nagevraagd"
            version = drafts.publish_draft(db.session, draft, "systeem")
            db.session.commit()
            assert knowledge_base().version == str(version.id)
            assert knowledge_base().interventions["vip"].offered == "onbekend"
    finally:
        with app.app_context():
            replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def test_a_bidi_control_in_a_cell_is_refused_with_the_public_forms_message():
    with pytest.raises(SheetInvalid) as caught:
        read_workbook(edited({("vip", "uitvoerder"): "X\u202eY", ("diamant", "aliassen"): "Diamant; D\u2066"}), DATA)
    assert sorted(map(str, caught.value.errors)) == sorted([
        f"Blad 'Interventies', rij {row_of('vip')}, kolom 'uitvoerder': "
        "bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)",
        f"Blad 'Interventies', rij {row_of('diamant')}, kolom 'aliassen': "
        "bevat een onzichtbaar teken dat de leesrichting omdraait (U+2066)"])


def test_a_review_date_before_the_report_or_in_the_future_is_refused():
    today = date.today()
    with pytest.raises(SheetInvalid) as caught:
        read_workbook(edited({("vip", "herzien_op"): "2024-12-31", ("diamant", "herzien_op"): "2099-01-01",
                              ("2gather", "herzien_op"): today.isoformat()}), DATA)
    assert sorted((e.row, e.column, e.message.split(";")[0]) for e in caught.value.errors) == sorted([
        (row_of("vip"), "herzien_op", "ligt vóór het rapport (2025)"),
        (row_of("diamant"), "herzien_op", "ligt in de toekomst (1-1-2099)")])


def test_a_yes_no_cell_is_asked_for_as_ja_or_nee():
    with pytest.raises(SheetInvalid) as caught:
        read_workbook(edited({("vip", "online"): "misschien"}), DATA)
    assert [str(e) for e in caught.value.errors] == [
        f"Blad 'Interventies', rij {row_of('vip')}, kolom 'online': moet ja of nee (true of false) zijn"]
