"""Maintaining interventions on the web: edits go into the draft with the validation of kb check
and into the audit log; publishing makes them the version the catalogue shows."""

import io
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo
from html import unescape
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from wizard.config import PROJECT_ROOT
from wizard.extensions import db
from wizard.feedback.models import KINDS, FeedbackReport
from wizard.kb import drafts
from wizard.kb.crosscheck import review_date_problem
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base
from wizard.kb.spreadsheet import INTERVENTIONS_SHEET
from wizard.models import KnowledgeBaseDraft


@pytest.fixture
def editor(app, beheerder):
    """A logged-in beheerder; afterwards any open draft is discarded and data/ is the newest version again."""
    yield beheerder
    with app.app_context():
        for open_one in db.session.query(KnowledgeBaseDraft).filter_by(status="open"):
            drafts.discard(open_one)
        db.session.commit()
        replace_knowledge_base(db.session, read_knowledge_base(PROJECT_ROOT / "data"))


def _open_draft(app):
    with app.app_context():
        return drafts.open_draft(db.session)


class _FormReader(HTMLParser):
    """Collects what a browser would send for the page's post form, unchanged."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "textarea":
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "input" and name:
            if attrs.get("type") in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs["value"])
            elif attrs.get("type") != "file":
                self.data.setdefault(name, []).append(attrs.get("value") or "")

    def handle_data(self, text):
        if self._textarea:
            self.data[self._textarea][-1] += text

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _form_of(client, iid) -> dict:
    reader = _FormReader()
    reader.feed(client.get(f"/beheer/interventies/{iid}/bewerken").get_data(as_text=True))
    reader.data.pop("csrf_token", None)
    return reader.data


def test_the_list_links_to_edit_and_history(editor, real_kb):
    html = editor[0].get("/beheer/interventies").get_data(as_text=True)
    assert "Nieuwe interventie" in html
    assert "/beheer/interventies/vip/bewerken" in html and "/beheer/interventies/vip/historie" in html
    assert real_kb.interventions["vip"].name in html


def test_the_form_has_every_field_of_the_intervention(editor):
    data = _form_of(editor[0], "vip")
    for key in ("naam", "aliassen", "types", "aangeboden", "omschrijving", "trede", "weblinks", "doelgroepen",
                "settings", "preventieniveau", "aanpak", "status", "status_reden", "herzien_op", "factoren", "reden"):
        assert key in data, key
    assert data["aangeboden"] == ["ja"] and data["trede"] == ["3"]


def test_a_wrong_field_gives_the_dutch_message_keeps_the_input_and_changes_nothing(app, editor, audit_events):
    client, email = editor
    data = {**_form_of(client, "vip"), "trede": ["9"], "weblinks": ["geen-adres"], "reden": ["test"]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "mag hoogstens 5 zijn, niet 9" in html
    assert "geen geldig webadres" in html
    assert 'href="#trede"' in html and 'value="9"' in html and ">geen-adres</textarea>" in html
    assert _open_draft(app) is None
    assert audit_events(target="interventie:vip", actor=email) == []


def test_a_missing_reason_is_refused(app, editor):
    client, _ = editor
    data = {**_form_of(client, "vip"), "aangeboden": ["onbekend"], "reden": [""]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    assert response.status_code == 422
    assert "Geef een reden voor deze wijziging." in response.get_data(as_text=True)
    assert _open_draft(app) is None


def test_an_edit_with_a_reason_lands_in_the_draft_and_the_audit_log(app, editor, audit_events):
    client, email = editor
    data = {**_form_of(client, "vip"), "aangeboden": ["onbekend"], "herzien_op": ["2026-11-30"],
            "factoren": _form_of(client, "vip")["factoren"] + ["mediawijsheid"], "reden": ["Aanbieder gebeld"]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    assert response.status_code == 302
    draft = _open_draft(app)
    assert drafts.intervention_record(draft, "vip")["aangeboden"] == "onbekend"
    assert "mediawijsheid" in drafts.factor_links(draft, "vip")
    event = audit_events(target="interventie:vip", actor=email)[-1]
    assert (event.event, event.reason, event.result) == ("interventie gewijzigd", "Aanbieder gebeld", "gelukt")
    assert event.changes["aangeboden"] == ["ja", "onbekend"] and event.changes["herzien_op"] == [None, "2026-11-30"]
    html = client.get("/beheer/concept").get_data(as_text=True)
    assert "Aanbieder gebeld" in html and "aangeboden: ja → onbekend" in html and email in html
    # values as the audit log shows them, not None and ISO dates
    assert "herzien op: (leeg) → 30-11-2026" in html and "None" not in html
    assert "1</strong> wijziging" in client.get("/beheer").get_data(as_text=True)


def test_a_new_intervention_gets_its_id_from_its_name(app, editor):
    client, _ = editor
    data = {**_form_of(client, "vip"), "naam": ["Weerbaar Online Café"], "aliassen": [""], "weblinks": [""],
            "reden": ["Nieuw aanbod"], "factoren": []}
    response = client.post("/beheer/interventies/nieuw", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert drafts.intervention_record(_open_draft(app), "weerbaar-online-cafe")["naam"] == "Weerbaar Online Café"
    again = client.post("/beheer/interventies/nieuw", data=data)
    assert again.status_code == 422
    assert "er is al een interventie met id &#39;weerbaar-online-cafe&#39;" in again.get_data(as_text=True)


def test_retire_needs_a_reason_and_then_retires_in_the_draft(app, editor, audit_events):
    client, _ = editor
    refused = client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": " "})
    assert refused.status_code == 422 and "Geef een reden waarom" in refused.get_data(as_text=True)
    assert _open_draft(app) is None
    assert client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": "Bewezen niet effectief"}).status_code == 302
    record = drafts.intervention_record(_open_draft(app), "diamant")
    assert (record["status"], record["status_reden"]) == ("teruggetrokken", "Bewezen niet effectief")
    assert audit_events(target="interventie:diamant")[-1].event == "interventie teruggetrokken"


def test_publish_makes_a_new_version_that_the_catalogue_shows_and_history_keeps(app, editor, audit_events):
    client, email = editor
    data = {**_form_of(client, "vip"), "naam": ["VIP (Voorkomen Is Prima)"], "reden": ["Naam volgens aanbieder"]}
    assert client.post("/beheer/interventies/vip/bewerken", data=data).status_code == 302
    assert "VIP (Voorkomen Is Prima)" not in client.get("/interventies/vip").get_data(as_text=True)
    response = client.post("/beheer/concept/publiceren", data={"notitie": "Naamwijziging"}, follow_redirects=True)
    assert "is gepubliceerd als versie" in response.get_data(as_text=True)
    assert _open_draft(app) is None
    assert "VIP (Voorkomen Is Prima)" in client.get("/interventies/vip").get_data(as_text=True)
    history = client.get("/beheer/interventies/vip/historie").get_data(as_text=True)
    assert "Naam volgens aanbieder" in history and "interventie gepubliceerd" in history
    assert audit_events(event="kennisbank gepubliceerd", actor=email)[-1].reason == "Naamwijziging"


def test_discard_needs_a_reason(app, editor):
    client, _ = editor
    client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": "test"})
    assert client.post("/beheer/concept/verwerpen", data={"reden": ""}).status_code == 422
    assert _open_draft(app) is not None
    assert client.post("/beheer/concept/verwerpen", data={"reden": "Vergissing"}).status_code == 302
    assert _open_draft(app) is None


def _edited_export(client, cells: dict[tuple[str, str], object]) -> bytes:
    response = client.get("/beheer/export.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook[INTERVENTIONS_SHEET]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for (iid, column), value in cells.items():
        rows[iid][header.index(column)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, data: bytes, **fields):
    return client.post("/beheer/import", data={"bestand": (io.BytesIO(data), "model.xlsx"), **fields},
                       content_type="multipart/form-data")


def test_import_with_an_error_names_sheet_row_and_column_and_changes_nothing(app, editor):
    client, _ = editor
    response = _upload(client, _edited_export(client, {("vip", "aangeboden"): "misschien"}), preview="1")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<td class=\"utrecht-table__cell\">Interventies</td>" in html and "aangeboden" in html
    assert "moet een van &#39;ja&#39;, &#39;nee&#39; of &#39;onbekend&#39; zijn, niet &#39;misschien&#39;" in html
    assert _open_draft(app) is None


def test_import_refuses_a_file_that_is_not_xlsx(editor):
    response = editor[0].post("/beheer/import", data={"bestand": (io.BytesIO(b"a,b"), "model.csv"), "preview": "1"},
                              content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Alleen een Excel-werkmap (.xlsx)" in response.get_data(as_text=True)


def test_import_with_one_change_previews_then_applies_it_with_a_reason(app, editor, audit_events):
    client, email = editor
    sheet = _edited_export(client, {("vip", "aangeboden"): "nee"})
    preview = _upload(client, sheet, preview="1")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Voorbeeld: 1 wijziging" in html
    assert "interventie:vip: aangeboden van &#39;ja&#39; naar &#39;nee&#39;" in html
    assert _open_draft(app) is None
    checksum = re.search(r'name="voorbeeld" type="hidden" value="([0-9a-f]+)"', html).group(1)
    assert _upload(client, sheet, apply="1", voorbeeld=checksum, reden="").status_code == 422
    other = _edited_export(client, {("vip", "aangeboden"): "onbekend"})
    assert "ander bestand" in _upload(client, other, apply="1", voorbeeld=checksum, reden="x").get_data(as_text=True)
    assert _open_draft(app) is None
    applied = _upload(client, sheet, apply="1", voorbeeld=checksum, reden="Aanbod gestopt")
    assert applied.status_code == 302
    assert drafts.intervention_record(_open_draft(app), "vip")["aangeboden"] == "nee"
    event = audit_events(target="interventie:vip", actor=email)[-1]
    assert (event.changes, event.reason) == ({"aangeboden": ["ja", "nee"]}, "Aanbod gestopt")


def test_the_review_panel_counts_interventions_never_or_long_ago_reviewed(editor, real_kb):
    never = [i for i in real_kb.interventions.values() if i.reviewed_on is None and not i.withdrawn]
    html = editor[0].get("/beheer").get_data(as_text=True)
    assert "Te herzien" in html and "Concept wacht op publicatie" in html
    assert f"<strong>{len(never)}</strong> interventies zijn langer dan 12 maanden" in html


def test_the_access_walk_covers_the_new_pages():
    from tests.wizard.beheer.test_access import REQUESTS
    rules = {rule for _, rule, _ in REQUESTS}
    assert {"/beheer/interventies", "/beheer/interventies/<iid>/bewerken", "/beheer/interventies/nieuw",
            "/beheer/interventies/<iid>/terugtrekken", "/beheer/interventies/<iid>/historie", "/beheer/concept",
            "/beheer/concept/publiceren", "/beheer/concept/verwerpen", "/beheer/import", "/beheer/export.xlsx"} <= rules


def test_the_feedback_report_names_the_open_draft(app, editor):
    client, _ = editor
    with app.app_context():
        report = FeedbackReport(kind=next(iter(KINDS)), message="Link werkt niet", status="nieuw")
        db.session.add(report)
        db.session.commit()
        report_id = report.id
    assert "Het open concept heet" not in client.get(f"/beheer/feedback/{report_id}").get_data(as_text=True)
    client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": "test"})
    draft_id = _open_draft(app).id
    html = client.get(f"/beheer/feedback/{report_id}").get_data(as_text=True)
    assert f"Het open concept heet &#39;concept {draft_id}&#39;." in html


def _errors_of(html: str) -> list[str]:
    """The messages of the page's error summary, as text."""
    summary = html.split('id="foutmeldingen"', 1)[1].split("</ul>", 1)[0]
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", summary, re.S)]


def test_a_bidi_control_is_refused_as_on_the_public_forms_and_changes_nothing(app, editor, audit_events):
    client, email = editor
    data = {**_form_of(client, "2gather"), "uitvoerder": ["X\u202eY"], "reden": ["test"]}
    response = client.post("/beheer/interventies/2gather/bewerken", data=data)
    assert response.status_code == 422
    assert _errors_of(response.get_data(as_text=True)) == [
        "Uitvoerder: bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)"]
    assert _open_draft(app) is None
    assert audit_events(target="interventie:2gather", actor=email) == []


def test_one_submit_shows_every_mistake_in_dutch_naming_its_field(app, editor):
    client, _ = editor
    data = {**_form_of(client, "vip"), "naam": [""], "trede": ["9"], "weblinks": ["geen-url"],
            "herzien_op": ["gisteren"], "reden": [""]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    assert response.status_code == 422
    assert _errors_of(response.get_data(as_text=True)) == [  # in the order of the page
        "Naam: mag niet leeg zijn",
        "Trede op de effectladder: mag hoogstens 5 zijn, niet 9",
        "Weblinks: 'geen-url' is geen geldig webadres (URL met http:// of https://)",
        "Herzien op: moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-12-01",
        "Reden van de wijziging: Geef een reden voor deze wijziging."]
    assert _open_draft(app) is None


def test_after_a_refused_edit_the_heading_names_the_stored_intervention(editor, real_kb):
    client, _ = editor
    data = {**_form_of(client, "vip"), "naam": ["N" * 3000], "reden": ["test"]}
    html = client.post("/beheer/interventies/vip/bewerken", data=data).get_data(as_text=True)
    assert "Naam: is te lang: hoogstens 300 tekens, niet 3000" in _errors_of(html)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert heading == f"Interventie bewerken: {real_kb.interventions['vip'].name}"
    assert "<title>" + "N" * 50 not in html and "N" * 3000 in html  # the input itself stays in its field


def test_choices_read_as_words_capitalised_like_ja_nee(editor):
    html = editor[0].get("/beheer/interventies/vip/bewerken").get_data(as_text=True)
    labels = re.findall(r'<label class="utrecht-form-label utrecht-form-label--radio" for="(status|aangeboden)-\d+">(.*?)</label>',
                        html)
    assert [text for field, text in labels if field == "status"] == ["Actief", "Niet meer aangeboden", "Teruggetrokken"]
    assert [text for field, text in labels if field == "aangeboden"] == ["Ja", "Nee", "Onbekend"]


def test_the_draft_page_shows_its_times_as_the_rest_of_beheer(app, editor):
    client, _ = editor
    client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": "test"})
    html = client.get("/beheer/concept").get_data(as_text=True)
    draft = _open_draft(app)
    started = re.search(r"door \S+ op (\d{1,2}-\d{1,2}-\d{4} \d\d:\d\d)\.", html).group(1)
    changed = re.search(r'<td class="utrecht-table__cell">(\d{1,2}-\d{1,2}-\d{4} \d\d:\d\d)</td>', html).group(1)
    assert "UTC" not in html
    local = ZoneInfo("Europe/Amsterdam")
    stamp = datetime.fromisoformat(draft.changes[0]["at"]).astimezone(local)
    assert changed == f"{stamp.day}-{stamp.month}-{stamp.year} {stamp:%H:%M}"
    begun = draft.created_at.replace(tzinfo=draft.created_at.tzinfo or timezone.utc).astimezone(local)
    assert started == f"{begun.day}-{begun.month}-{begun.year} {begun:%H:%M}"


def test_import_one_mistake_is_one_error_and_an_empty_name_is_empty(app, editor):
    client, _ = editor
    response = _upload(client, _edited_export(client, {("2gather", "trede"): 42, ("aarhus-model", "naam"): None}),
                       preview="1")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    rows = re.findall(r'<tr class="utrecht-table__row"><td class="utrecht-table__cell">(.*?)</td><td class="utrecht-table__cell">'
                      r'\d+</td><td class="utrecht-table__cell">(.*?)</td><td class="utrecht-table__cell">(.*?)</td></tr>', html)
    assert sorted((sheet, column, unescape(message)) for sheet, column, message in rows) == [
        ("Interventies", "naam", "mag niet leeg zijn"), ("Interventies", "trede", "mag hoogstens 5 zijn, niet 42")]
    assert "De spreadsheet bevat 2 fouten" in html
    assert _open_draft(app) is None


def test_applying_one_change_says_so_in_the_singular(editor):
    client, _ = editor
    sheet = _edited_export(client, {("vip", "aangeboden"): "nee"})
    html = _upload(client, sheet, preview="1").get_data(as_text=True)
    checksum = re.search(r'name="voorbeeld" type="hidden" value="([0-9a-f]+)"', html).group(1)
    applied = _upload(client, sheet, apply="1", voorbeeld=checksum, reden="Aanbod gestopt")
    assert applied.status_code == 302
    assert "1 wijziging uit de spreadsheet staat in het concept." in client.get("/beheer/concept").get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [
    ("2099-01-01", "Herzien op: ligt in de toekomst (1-1-2099); vul de datum in waarop de interventie is herzien"),
    ("2020-01-01", "Herzien op: ligt vóór het rapport (2025); vul de datum van de laatste herziening sinds het "
                   "rapport in, of laat het veld leeg als de interventie sindsdien niet is herzien"),
])
def test_a_review_date_in_the_future_or_before_the_report_is_refused(app, editor, typed, message):
    client, _ = editor
    data = {**_form_of(client, "vip"), "herzien_op": [typed], "reden": ["Nagekeken"]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    assert response.status_code == 422
    assert _errors_of(response.get_data(as_text=True)) == [message]
    assert _open_draft(app) is None


def test_review_dates_from_the_report_year_up_to_tomorrow_are_accepted():
    today = date(2026, 12, 1)
    assert [review_date_problem(d, today) for d in (None, date(2025, 1, 1), today, date(2026, 12, 2))] == [None] * 4
    assert review_date_problem(date(2026, 12, 3), today).startswith("ligt in de toekomst (3-12-2026)")
    assert review_date_problem(date(2024, 12, 31), today).startswith("ligt vóór het rapport (2025)")


def test_a_reason_with_a_bidi_control_is_refused(app, editor):
    client, _ = editor
    data = {**_form_of(client, "vip"), "aangeboden": ["onbekend"], "reden": ["Aanbieder\u202e gebeld"]}
    response = client.post("/beheer/interventies/vip/bewerken", data=data)
    assert response.status_code == 422
    assert _errors_of(response.get_data(as_text=True)) == [
        "Reden van de wijziging: De tekst bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E)."]
    assert client.post("/beheer/interventies/diamant/terugtrekken", data={"reden": "\u202e"}).status_code == 422
    assert _open_draft(app) is None


def test_a_new_intervention_with_a_taken_id_hears_that_with_its_other_mistakes(app, editor):
    client, _ = editor
    data = {**_form_of(client, "vip"), "id": ["vip"], "omschrijving": [""], "reden": ["Nieuw aanbod"]}
    response = client.post("/beheer/interventies/nieuw", data=data)
    assert response.status_code == 422
    assert sorted(_errors_of(response.get_data(as_text=True))) == [
        "Id: er is al een interventie met id 'vip'", "Omschrijving: mag niet leeg zijn"]
    assert _open_draft(app) is None
