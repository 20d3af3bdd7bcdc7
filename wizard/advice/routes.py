"""Views of the advice. Thin: they translate HTTP into service calls and render."""

import io
import json

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, send_file, url_for

from rules.profile import ProfileInvalid
from wizard.advice import bp, pdf, service, versions
from wizard.advice.view import POLL_SECONDS, AdviceDocument, advice_view, changed_since
from wizard.errors import ErrorText, error_page
from wizard.extensions import db
from wizard.filters import first_capital, render_partial_or_page
from wizard.kb.access import knowledge_base
from wizard.models import Advice
from wizard.questionnaire import sessions, steps

VERSION_NOTICE = "adviesversie"  # the flash category of what recomposing did, shown once on the advice page


@bp.app_template_global()
def advice_of_questionnaire(sid: str):
    """(id, version) of the advice already composed from questionnaire `sid`, if any: the
    overview then offers to compose its next version rather than a first advice."""
    return service.advice_link_of_session(sid)


@bp.post("/nieuw/<sid>")
def create(sid):
    """Compose the questionnaire's advice: the first time a new advice, afterwards its next version."""
    session = sessions.get_or_404(sid)
    if sessions.next_open_step(session, len(steps.STEPS)) <= len(steps.STEPS):
        return redirect(url_for("questionnaire.overview", sid=sid), code=303)  # the overview names what is missing
    advice = service.advice_of_session(sid)
    kb = service.recompose_knowledge_base(session, advice)
    try:
        profile = steps.profile(steps.still_valid(session.answers, kb), kb)
    except ProfileInvalid:
        return redirect(url_for("questionnaire.overview", sid=sid), code=303)
    if advice is None:
        try:
            advice = service.create(profile, kb, wizard_session_id=sid, session=session)
        except service.EditConflict as exc:
            return error_page(409, ErrorText("Het advies is niet samengesteld", str(exc)))
        return redirect(url_for(".show", advice_id=advice.id), code=303)
    try:
        outcome = service.recompose(advice, profile, kb, steps.misfits(session.answers, kb,
                                                                       knowledge_base(session.kb_version_id)))
    except service.EditConflict as exc:
        flash({"fout": str(exc)}, VERSION_NOTICE)
    else:
        # what did not carry over is stored with the version; the notice only names the number
        flash({"versie": outcome.number, "nieuw": outcome.new}, VERSION_NOTICE)
    return redirect(url_for(".show", advice_id=advice.id), code=303)


@bp.get("/<advice_id>")
def show(advice_id):
    advice = service.get_or_404(advice_id)
    return render_template("advice/show.html", **advice_view(advice, service.knowledge_base_of(advice)))


@bp.get("/<advice_id>/vergelijk")
def compare(advice_id):
    """Two versions of the advice side by side (`van`, `naar`: version numbers, either order),
    and the list of all versions. A bad choice gets the page with a Dutch message (400/404)."""
    advice = service.get_or_404(advice_id)
    history = versions.history(advice)
    try:
        older, newer, swapped = versions.choose(history, request.args.get("van"), request.args.get("naar"))
    except versions.VersionChoiceInvalid as exc:
        return render_template("advice/compare.html", advice=advice, history=history, comparison=None,
                               error=str(exc), van=None, naar=None), exc.status
    between = [s for s in history if older.number < s.number <= newer.number]
    comparison = versions.compare(older, knowledge_base(older.kb_version_id), newer,
                                  knowledge_base(newer.kb_version_id), between)
    return render_template("advice/compare.html", advice=advice, history=history, comparison=comparison,
                           swapped=swapped, error=None, van=older.number, naar=newer.number)


@bp.get("/<advice_id>/versie/<int:number>")
def version(advice_id, number):
    """An earlier version, read-only (no forms); the working version is the advice page itself.
    :raise 404: if the advice has no such version."""
    advice = service.get_or_404(advice_id)
    if number == advice.version:
        return redirect(url_for(".show", advice_id=advice.id), code=303)
    snapshot = versions.earlier(advice, number)
    if snapshot is None:
        abort(404)
    document = AdviceDocument.of_version(advice.id, snapshot)
    return render_template("advice/version.html", **advice_view(document, knowledge_base(snapshot.kb_version_id)),
                           snapshot=snapshot, newest=advice.version)


@bp.get("/<advice_id>.json")
def download_json(advice_id):
    advice = service.get_or_404(advice_id)
    body = json.dumps({"profiel": advice.profile, "kennisbank_versie": advice.kb_version,
                       "versie": advice.version, "advies": advice.current, "oorspronkelijk_advies": advice.result,
                       "bewerkingen": advice.edits, "notities": service.note_texts(advice)}, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="advies-{advice_id}.json"'})


@bp.get("/<advice_id>/b-en-w")
def council(advice_id):
    """The printable advice for the college van B&W, as HTML (print CSS) - the same as the PDF."""
    advice = service.get_or_404(advice_id)
    return render_template("advice/council.html", **advice_view(advice, service.knowledge_base_of(advice)), for_pdf=False)


@bp.get("/<advice_id>.pdf")
def download_pdf(advice_id):
    """The B&W advice as a PDF download, made once per version of the advice.
    :raise 503: with a Dutch page, if the PDF is not ready within PDF_TIMEOUT seconds."""
    advice = service.get_or_404(advice_id)
    document = AdviceDocument.of(advice)
    try:
        content = pdf.pdf_for(document, service.knowledge_base_of(advice))
    except pdf.PdfUnavailable as exc:
        page = render_template("errors/pdf_unavailable.html", reason=str(exc), advice_id=advice_id)
        return page, 503, {"Retry-After": "60"}
    return send_file(io.BytesIO(content), mimetype="application/pdf", as_attachment=True,
                     download_name=pdf.filename(document))


@bp.post("/<advice_id>/pakket")
def edit(advice_id):
    """One hand edit of the package: verwijder, wissel or voeg toe (form field `actie`), with a
    reason (`reden`, required for an override) that may go into the B&W document (`reden_in_document`)."""
    advice = service.get_or_404(advice_id)
    kb = service.knowledge_base_of(advice)
    action, iid, seen = request.form.get("actie"), request.form.get("interventie", ""), _seen()
    why = {"reason": request.form.get("reden", ""), "reason_in_document": request.form.get("reden_in_document") == "ja"}
    operations = {"verwijder": lambda: service.remove(advice, kb, iid, seen, **why),
                  "wissel": lambda: service.swap(advice, kb, iid, request.form.get("alternatief", ""), seen, **why),
                  "voeg-toe": lambda: service.add(advice, kb, iid, seen, **why)}
    if action not in operations:
        return _editable(advice, kb, "Onbekende bewerking.", 422)
    error, status, written = _attempt_edit(operations[action])
    return _editable(advice, kb, error, status, error_at="toevoegen" if action == "voeg-toe" else iid,
                     written=written, typed_reason={"at": iid, "text": why["reason"]} if error else None)


@bp.post("/<advice_id>/notitie")
def note(advice_id):
    advice = service.get_or_404(advice_id)
    kb = service.knowledge_base_of(advice)
    key = request.form.get("interventie") or service.GENERAL_NOTE
    text = request.form.get("notitie", "")
    in_document = request.form.get("in_document") == "ja"
    error, status, written = _attempt_edit(lambda: service.set_note(advice, kb, key, text, _seen(), in_document))
    # a refused note is shown again as typed, so nothing the user wrote is lost
    return _editable(advice, kb, error, status, saved_note=None if error else key,
                     typed={key: text} if error else None, error_at=key, written=written)


@bp.post("/<advice_id>/ongedaan")
def undo(advice_id):
    """Maak de laatste bewerking ongedaan (a new log entry; the history keeps the edit)."""
    return _history_step(advice_id, service.undo)


@bp.post("/<advice_id>/herstel")
def restore(advice_id):
    """Herstel het berekende advies (a new log entry; notes stay, undo brings the edits back)."""
    return _history_step(advice_id, service.restore)


def _history_step(advice_id, operation):
    """Undo or restore: a log entry that changes the package, answered like an edit."""
    advice = service.get_or_404(advice_id)
    kb = service.knowledge_base_of(advice)
    error, status, written = _attempt_edit(lambda: operation(advice, kb, _seen()))
    return _editable(advice, kb, error, status, error_at="bewerkingen", written=written)


@bp.get("/<advice_id>/stand")
def state(advice_id):
    """Polled by an open advice page: 204 while the advice is still at revision `revisie`, else a
    small notice naming who changed it, and the new version when it is past version `versie`.
    The unchanged case reads one column and writes nothing (no audit line; a 204 does not renew
    `opened_at`, see wizard/retention.py)."""
    seen = request.args.get("revisie", type=int)
    revision = db.session.scalar(sa.select(Advice.revision).where(Advice.id == advice_id))
    if revision is None:
        return Response(status=404)
    if seen is None or revision <= seen:
        return Response(status=204)
    advice = service.get_or_404(advice_id)
    shown_version = request.args.get("versie", type=int)
    return render_template("advice/_stand.html", advice=advice, changed_by=changed_since(advice, seen, None),
                           new_version=advice.version if shown_version and (advice.version or 1) > shown_version else None,
                           poll_seconds=POLL_SECONDS)


def _seen() -> int | None:
    """The revision of the advice the user's page showed (forms carry it as `revisie`)."""
    return request.form.get("revisie", type=int)


def _attempt(operation) -> tuple[str | None, int]:
    """(error, status) of a service call: 409 when it conflicts with someone else's edit."""
    return _attempt_edit(operation)[:2]


def _attempt_edit(operation) -> tuple[str | None, int, int | None]:
    """(error, status, revision written) of a service call: 409 when it conflicts with someone
    else's edit, 422 when refused."""
    try:
        written = operation()
    except service.EditConflict as exc:
        return str(exc), 409, None
    except service.EditRefused as exc:
        return str(exc), 422, None
    return None, 200, written


@bp.get("/<advice_id>/waarom")
def why_not(advice_id):
    advice = service.get_or_404(advice_id)
    kb = service.knowledge_base_of(advice)
    view = advice_view(advice, kb, asked=request.args.get("interventie"))
    return render_partial_or_page("advice/_why.html", "advice/show.html", **view)


def _editable(advice, kb, error, status, saved_note=None, typed=None, error_at=None, written=None, typed_reason=None):
    """The advice after a change (or a refused one): for htmx the editable part only, with a
    notice when others changed the advice since the revision the user's page showed."""
    view = advice_view(advice, kb, error=error, saved_note=saved_note, error_at=error_at,
                       changed_by=changed_since(advice, _seen(), written))
    view["typed_reason"] = typed_reason or {}
    view["done"] = _done(advice, kb, written) if written and not error else None
    if typed:
        view["notes"] = {**view["notes"], **typed}
        view["general_note"] = typed.get(service.GENERAL_NOTE, view["general_note"])
    if request.htmx:
        return render_template("advice/_editable.html", **view), status
    if error:
        return render_template("advice/show.html", **view), status
    return redirect(url_for(".show", advice_id=advice.id) + "#pakket", code=303)


def _done(advice, kb, written: int) -> str | None:
    """What the edit that wrote revision `written` did, in words, for screen readers (the card
    that moved or vanished says it only to the eye)."""
    by_revision = {e.get("revisie"): e for e in advice.edits}
    entry = by_revision.get(written)
    if entry is None:
        return None  # a note: its own "Opgeslagen." says so
    phrase = service.describe_edit(entry, kb, by_revision)
    return first_capital(phrase) + "."


@bp.route("/<advice_id>/herberekenen", methods=["GET", "POST"])
def recalculate(advice_id):
    """What the newest knowledge base would change (GET), and taking it over (POST)."""
    advice = service.get_or_404(advice_id)
    recalc = service.recalculation(advice)
    if recalc is None:
        return redirect(url_for(".show", advice_id=advice.id), code=303)
    error, status = None, 200
    if request.method == "POST":
        error, status = _attempt(lambda: service.accept_recalculation(advice, recalc, _seen()))
        if error is None:
            flash({"versie": advice.version, "nieuw": True}, VERSION_NOTICE)
            return redirect(url_for(".show", advice_id=advice.id), code=303)
        recalc = service.recalculation(advice)
    return render_template("advice/recalculate.html", advice=advice, recalc=recalc, current=advice.current,
                           error=error), status
