"""/beheer/interventies: list, edit, add, retire and the history of interventions. Edits go into
the open draft (wizard/kb/drafts.py validates them as `kb check` does) and into the audit log,
committed together."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_security import current_user

from rules.model import Intervention, read_stored
from rules.slug import slugify
from wizard import audit
from wizard.beheer import bp
from wizard.beheer.intervention_form import intervention_form, record_of, show_refusal
from wizard.beheer.kb_forms import RetireForm
from wizard.extensions import db
from wizard.kb import drafts
from wizard.kb.access import knowledge_base

TARGET = "interventie:{}"


def current_interventions() -> list[Intervention]:
    """The interventions of the open draft, else of the newest version, by name."""
    draft = drafts.open_draft(db.session)
    if draft is None:
        found = list(knowledge_base().interventions.values())
    else:
        found = [read_stored(Intervention, record) for record in draft.content["interventies"]]
    return sorted(found, key=lambda i: i.name.lower())


def _current_record(iid: str) -> tuple[dict, list[str]] | None:
    """(record as its data file writes it, factor ids) from the open draft, else the newest version."""
    draft = drafts.open_draft(db.session)
    if draft is not None:
        record = drafts.intervention_record(draft, iid)
        return None if record is None else (record, drafts.factor_links(draft, iid))
    intervention = knowledge_base().interventions.get(iid)
    return None if intervention is None else (intervention.file_record(), list(intervention.factor_ids))


@bp.get("/interventies")
def interventions():
    return render_template("beheer/interventions.html", interventions=current_interventions(),
                           draft=drafts.open_draft(db.session))


def _editor(form, iid, new, general=(), status=200, name=None):
    """The editor; its heading names the intervention as stored (`name`), never unsaved input."""
    return render_template("beheer/intervention_edit.html", form=form, iid=iid, new=new, general=general,
                           kb=knowledge_base(), name=name or iid), status


def _save(form, iid: str, new: bool, name: str | None = None):
    """Validate and save; the page again with every message of the form and of the record
    together (422), or a redirect to the list."""
    form_valid = form.validate()
    author = current_user.email
    try:
        if not form_valid:  # still check the record, so that one submit shows every mistake
            drafts.check_intervention(drafts.working_content(db.session), record_of(form, iid), form.factoren.data, new)
            return _editor(form, iid, new, status=422, name=name)
        draft = drafts.open_or_start(db.session, author)
        change = drafts.save_intervention(db.session, draft, record_of(form, iid), form.factoren.data,
                                          form.reden.data, author, new=new)
    except drafts.DraftRefused as refused:
        db.session.rollback()
        return _editor(form, iid, new, show_refusal(form, refused.errors), 422, name=name)
    if not change.fields:
        db.session.rollback()
        flash("Er was niets gewijzigd.", "info")
        return redirect(url_for("beheer.interventions"))
    audit.record("interventie toegevoegd" if new else "interventie gewijzigd", target=change.record,
                 changes=change.fields, reason=change.reason)
    db.session.commit()
    flash(f"De wijziging van {record_of(form, iid)['naam']} staat in het concept. Publiceer het concept om haar "
          "zichtbaar te maken.", "success")
    return redirect(url_for("beheer.interventions"))


@bp.route("/interventies/<iid>/bewerken", methods=["GET", "POST"])
def edit_intervention(iid):
    current = _current_record(iid) or abort(404)
    kb = knowledge_base()
    if request.method == "POST":
        return _save(intervention_form(kb, formdata=request.form), iid, new=False, name=current[0]["naam"])
    return _editor(intervention_form(kb, *current), iid, new=False, name=current[0]["naam"])


@bp.route("/interventies/nieuw", methods=["GET", "POST"])
def new_intervention():
    kb = knowledge_base()
    if request.method == "POST":
        form = intervention_form(kb, formdata=request.form)
        iid = (request.form.get("id") or "").strip() or slugify(form.naam.data or "")
        return _save(form, iid, new=True)
    form = intervention_form(kb, record={"status": "actief", "aangeboden": "ja"})
    return _editor(form, "", new=True)


@bp.route("/interventies/<iid>/terugtrekken", methods=["GET", "POST"])
def retire_intervention(iid):
    record, _ = _current_record(iid) or abort(404)
    form = RetireForm()
    if request.method == "POST":
        if form.validate():
            author = current_user.email
            try:
                draft = drafts.open_or_start(db.session, author)
                change = drafts.retire(db.session, draft, iid, form.reden.data, author)
            except drafts.DraftRefused as refused:
                db.session.rollback()
                form.reden.errors = [message for _, message in refused.errors]
            else:
                audit.record("interventie teruggetrokken", target=change.record, changes=change.fields,
                             reason=change.reason)
                db.session.commit()
                flash(f"{record['naam']} is in het concept teruggetrokken.", "success")
                return redirect(url_for("beheer.interventions"))
        return render_template("beheer/intervention_retire.html", form=form, record=record), 422
    return render_template("beheer/intervention_retire.html", form=form, record=record)


@bp.get("/interventies/<iid>/historie")
def intervention_history(iid):
    current = _current_record(iid)
    events = audit.events_for(TARGET.format(iid))
    if current is None and not events:
        abort(404)
    return render_template("beheer/intervention_history.html", iid=iid, events=events,
                           name=current[0]["naam"] if current else iid)
