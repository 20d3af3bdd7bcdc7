"""/beheer/import and /beheer/export.xlsx: the model as a spreadsheet (wizard/kb/spreadsheet.py).

Nothing is kept between the preview and applying it: the second step sends the same file again,
and the checksum of the previewed file (a hidden field) makes sure it is the same file."""

import hashlib

from flask import Response, flash, redirect, render_template, url_for
from flask_security import current_user

from rules.model import read_stored
from wizard import audit
from wizard import models as m
from wizard.beheer import bp
from wizard.beheer.kb_forms import ImportForm
from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.schema import KnowledgeBaseContent
from wizard.kb.spreadsheet import SheetInvalid, read_workbook, write_workbook
from wizard.kb.versions import newest_version_id

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _newest_content() -> KnowledgeBaseContent:
    row = db.session.get(m.KnowledgeBaseVersion, newest_version_id(db.session))
    return read_stored(KnowledgeBaseContent, row.content)


def _base_content() -> KnowledgeBaseContent:
    """What an imported sheet is compared with: the open draft, else the newest version."""
    draft = drafts.open_draft(db.session)
    return drafts.content_of(draft) if draft is not None else _newest_content()


@bp.get("/export.xlsx")
def export_workbook():
    version = newest_version_id(db.session)
    return Response(write_workbook(_newest_content()), mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="bouwstenenmodel-versie-{version}.xlsx"'})


def _page(form, errors=(), changes=(), status=200):
    return render_template("beheer/import.html", form=form, sheet_errors=errors, changes=changes,
                           draft=drafts.open_draft(db.session)), status


@bp.get("/import")
def import_workbook():
    return _page(ImportForm())


@bp.post("/import")
def import_preview():
    form = ImportForm()
    if not form.validate():
        return _page(form, status=422)
    data = form.bestand.data.read()
    checksum = hashlib.sha256(data).hexdigest()
    try:
        content, changes = read_workbook(data, _base_content())
    except SheetInvalid as invalid:
        return _page(form, errors=invalid.errors, status=422)
    applying = form.apply.data
    if applying and form.voorbeeld.data != checksum:
        form.bestand.errors = ["Dit is een ander bestand dan in het voorbeeld. Bekijk eerst het voorbeeld van dit bestand."]
        applying = False
    elif applying and not (form.reden.data or "").strip():
        form.reden.errors = ["Geef een reden voor deze wijzigingen."]
        applying = False
    elif applying and not changes:
        form.bestand.errors = ["Het bestand bevat geen wijzigingen."]
        applying = False
    if not applying:
        form.voorbeeld.data = checksum
        return _page(form, changes=changes, status=422 if form.errors else 200)
    author, reason = current_user.email, form.reden.data.strip()
    fields = {f"{c.record} {c.field}": (c.old, c.new) for c in changes}
    try:
        draft = drafts.open_or_start(db.session, author)
        drafts.replace_content(db.session, draft, content, fields, reason, author)
    except drafts.DraftRefused as refused:
        db.session.rollback()
        form.bestand.errors = [message for _, message in refused.errors]
        return _page(form, changes=changes, status=422)
    audit.record("spreadsheet ingelezen", target="kennisbank", changes=fields, reason=reason)
    per_record: dict[str, dict] = {}
    for c in changes:
        per_record.setdefault(c.record, {})[c.field] = (c.old, c.new)
    for record, record_fields in per_record.items():
        audit.record("interventie gewijzigd via spreadsheet" if record.startswith("interventie:")
                     else "factor gewijzigd via spreadsheet", target=record, changes=record_fields, reason=reason)
    db.session.commit()
    flash("1 wijziging uit de spreadsheet staat in het concept." if len(changes) == 1 else
          f"{len(changes)} wijzigingen uit de spreadsheet staan in het concept.", "success")
    return redirect(url_for("beheer.draft"))
