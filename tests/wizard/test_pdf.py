"""The B&W PDF pipeline: rendered once per version of the advice (shared cache), in a separate
process with a time limit, served as a download named after the municipality and the date."""

import threading
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from tests.wizard.test_advice import make_advice, needs_poppler, pdf_text, stored
from wizard.advice import pdf, pdf_cache
from wizard.advice.pdf_cache import PdfCacheEntry
from wizard.advice.view import AdviceDocument
from wizard.extensions import db


def cache_rows(app) -> int:
    with app.app_context():
        return db.session.execute(sa.select(sa.func.count()).select_from(PdfCacheEntry)).scalar()


def test_a_second_request_for_the_same_version_comes_from_the_cache_as_a_named_download(app, client):
    advice_id = make_advice(client, gemeente="Súdwest-Fryslân")
    before = pdf.renders()
    first = client.get(f"/advies/{advice_id}.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF")
    assert pdf.renders() == before + 1
    # the Dutch calendar day of the stored UTC moment (SQLite hands it back naive)
    created = stored(app, advice_id).created_at
    day = (created if created.tzinfo else created.replace(tzinfo=timezone.utc)).astimezone(ZoneInfo("Europe/Amsterdam")).date().isoformat()
    assert first.headers["Content-Disposition"] == f"attachment; filename=advies-sudwest-fryslan-{day}.pdf"

    second = client.get(f"/advies/{advice_id}.pdf")
    assert pdf.renders() == before + 1 and second.data == first.data
    # and it really is the stored copy that is served, from any app server sharing the database
    with app.app_context():
        db.session.execute(sa.update(PdfCacheEntry).values(content=b"%PDF-stored-copy"))
        db.session.commit()
    assert client.get(f"/advies/{advice_id}.pdf").data == b"%PDF-stored-copy"
    with app.app_context():
        db.session.execute(sa.delete(PdfCacheEntry))
        db.session.commit()


def test_requests_at_once_for_the_same_new_version_share_one_render(app, client):
    advice_id = make_advice(client, gemeente="Drukstad")
    before, bodies = pdf.renders(), []

    def download():
        bodies.append(app.test_client().get(f"/advies/{advice_id}.pdf").data)

    threads = [threading.Thread(target=download) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert pdf.renders() == before + 1
    assert len(bodies) == 3 and bodies[0].startswith(b"%PDF") and bodies.count(bodies[0]) == 3


@needs_poppler
def test_an_edit_makes_a_new_pdf(app, client, tmp_path):
    advice_id = make_advice(client)
    removed = stored(app, advice_id).current["pakket"][0]
    before = pdf.renders()
    old = client.get(f"/advies/{advice_id}.pdf").data
    assert client.post(f"/advies/{advice_id}/pakket",
                       data={"actie": "verwijder", "reden": "Past niet bij de lokale situatie", "interventie": removed["interventie"]}).status_code == 303
    new = client.get(f"/advies/{advice_id}.pdf").data
    assert pdf.renders() == before + 2 and new != old
    old_text, new_text = (" ".join(pdf_text(document, tmp_path).split()) for document in (old, new))
    # the new document may still name it (as removed by hand), but no longer as a package item
    assert old_text.count(removed["naam"]) > new_text.count(removed["naam"])


@needs_poppler
def test_markup_in_the_municipality_name_is_text_in_the_pdf(client, tmp_path):
    # unescaped, the stylesheet link would make the renderer fetch a URL (refused: no PDF at all)
    name = '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><b>Vet</b> & "Zoë"'
    response = client.get(f"/advies/{make_advice(client, gemeente=name)}.pdf")
    assert response.status_code == 200
    assert name in " ".join(pdf_text(response.data, tmp_path).split())


def test_a_pdf_that_takes_too_long_gives_a_dutch_page_and_no_cache_entry(app, client, monkeypatch):
    advice_id = make_advice(client, gemeente="Traagstad")
    rows = cache_rows(app)
    monkeypatch.setitem(app.config, "PDF_TIMEOUT", 0.05)
    response = client.get(f"/advies/{advice_id}.pdf")
    html = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert "Het maken van de PDF duurde te lang." in html and f"/advies/{advice_id}/b-en-w" in html
    assert cache_rows(app) == rows


@pytest.mark.parametrize("gemeente, slug", [
    ("Voorbeeldstad", "voorbeeldstad"),
    ("'s-Hertogenbosch", "s-hertogenbosch"),
    ('Sint-Oedenrode "Den Bosch" <script>alert(1)</script> & Zoë\'s ëxtra',
     "sint-oedenrode-den-bosch-script-alert-1-script-zoe-s-extra"),
    ("Súdwest-Fryslân", "sudwest-fryslan"),
    ("../../etc/passwd", "etc-passwd"),
    ("東京", "gemeente"),
    ("", "gemeente"),
    ("Heel-lange-naam-" * 10, "heel-lange-naam-heel-lange-naam-heel-lange-naam-heel-lange-n"),
])
def test_the_file_name_is_a_safe_slug_of_the_municipality_and_the_date(gemeente, slug):
    document = AdviceDocument(id="x", profile={}, kb_version="1", kb_version_id=None, result={},
                              current={"gemeente": gemeente}, edits=[], notes={},
                              created_at=datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc))
    assert pdf.filename(document) == f"advies-{slug}-2026-12-01.pdf"


def test_the_cache_drops_the_oldest_pdfs_beyond_its_size(app):
    with app.app_context():
        db.session.execute(sa.delete(PdfCacheEntry))
        db.session.commit()
        start = datetime(2026, 1, 1, tzinfo=timezone.utc)
        for n, digest in enumerate(["oud", "midden"]):
            db.session.add(PdfCacheEntry(digest=digest, content=b"x" * 10, size=10,
                                         created_at=start + timedelta(days=n)))
        db.session.commit()
        pdf_cache.put("nieuw", b"y" * 10, max_bytes=25)
        pdf_cache.put("nieuw", b"z" * 10, max_bytes=25)  # a second server with the same PDF
        assert {row.digest for row in db.session.scalars(sa.select(PdfCacheEntry))} == {"midden", "nieuw"}
        assert pdf_cache.get("nieuw") == b"y" * 10 and pdf_cache.get("oud") is None
        db.session.execute(sa.delete(PdfCacheEntry))
        db.session.commit()


def test_an_advice_composed_just_after_midnight_in_the_netherlands_carries_that_day():
    # 23:39 UTC on 1 December is 00:39 on 2 December in the Netherlands (winter time, UTC+1)
    document = AdviceDocument(id="x", profile={}, kb_version="1", kb_version_id=None, result={},
                              current={"gemeente": "Proefstad"}, edits=[], notes={},
                              created_at=datetime(2026, 12, 1, 23, 39, tzinfo=timezone.utc))
    assert pdf.filename(document) == "advies-proefstad-2026-12-02.pdf"
