"""Views of the questionnaire: thin, they translate between HTTP and steps/sessions."""

import json

from flask import Response, abort, make_response, redirect, render_template, request, url_for

from rules.profile import ProfileInvalid
from rules.slug import slugify
from wizard.filters import render_partial_or_page
from wizard.kb.access import knowledge_base, newest_id
from wizard.questionnaire import bp, field_names, forms, last, profile_file, sessions, steps
from wizard.questionnaire.fragments import step_url


@bp.after_request
def never_from_cache(response):
    """Answers change with every step: Back, reload and a restored tab must ask the server, not
    show a stored copy whose ticks 'Opslaan en verder' would save over the user's choice."""
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("HX-Request")
    return response


@bp.after_request
def remember_this_questionnaire(response):
    """So that the home page and the menu can offer 'Ga verder met <gemeente>'."""
    if request.endpoint in ("questionnaire.step", "questionnaire.overview") and response.status_code < 400:
        last.remember(response, request.view_args["sid"])
    return response


@bp.get("/")
def start():
    return render_template("questionnaire/start.html", import_form=forms.ImportForm())


@bp.post("/nieuw")
def new():
    sid = sessions.create(kb_version_id=newest_id())
    return redirect(url_for(".step", sid=sid, number=1), code=303)


@bp.get("/<sid>")
def resume(sid):
    session = sessions.get_or_404(sid)
    number = sessions.next_open_step(session, len(steps.STEPS))
    if number > len(steps.STEPS):
        return redirect(url_for(".overview", sid=sid), code=303)
    return redirect(url_for(".step", sid=sid, number=number), code=303)


@bp.route("/<sid>/stap/<int:number>", methods=["GET", "POST"])
def step(sid, number):
    if not 1 <= number <= len(steps.STEPS):
        abort(404)
    session = sessions.get_or_404(sid)
    kb = knowledge_base(session.kb_version_id)
    # the stored answers, for the page; a post that is saved shows none
    answers = steps.still_valid(session.answers, kb) if request.method == "GET" else None
    definition = steps.step(number)
    form = definition.form(data=steps.form_data(number, answers)) if request.method == "GET" else definition.form()
    form.set_choices(kb)
    seen = request.form.get("revisie", type=int)
    status = 422 if request.method == "POST" else 200
    conflict = None
    if request.method == "POST" and form.validate():
        try:
            sessions.save_step(session, number, steps.store(number, form, {}), seen)
        except sessions.StepConflict as exc:
            # about the whole step, not one field; the form keeps what the user typed
            conflict, seen, status = str(exc), session.revision, 409
        else:
            target = step_url(sid, number + 1) if number < len(steps.STEPS) else url_for(".overview", sid=sid)
            return redirect_to(target)
    if answers is None:  # a refused post
        answers = steps.still_valid(session.answers, kb)
    context = _step_context(session, answers, definition, form, kb)
    context["revision"] = session.revision if request.method == "GET" or seen is None else seen
    context["conflict"] = conflict
    return render_partial_or_page("questionnaire/_step.html", "questionnaire/step.html", **context), status


def redirect_to(target: str):
    """After a successful post: a normal 303 redirect, or for htmx an HX-Location, with which
    htmx fetches the next step into #wizard and pushes its URL (so back and reload work)."""
    if request.htmx:
        response = make_response("", 200)
        response.headers["HX-Location"] = json.dumps({"path": target, "target": "#wizard", "swap": "outerHTML"})
        return response
    return redirect(target, code=303)


def _step_context(session, answers, definition, form, kb) -> dict:
    context = {"session": session, "step": definition, "steps": steps.STEPS, "form": form, "kb": kb,
               "answers": answers}
    if definition.number == 2:
        context["risk_groups"] = steps.risk_groups(kb)
    if definition.number == 3:
        context["capacity_limit"] = steps.capacity_limit(answers)
        context["suggested"] = steps.suggestions(answers, kb)
        context["first_visit"] = 3 not in session.completed_steps
        if context["first_visit"] and request.method == "GET" and not answers.get("factoren"):
            form.factoren.data = list(context["suggested"])  # pre-marked; the user decides
    return context


@bp.get("/<sid>/overzicht")
def overview(sid):
    session = sessions.get_or_404(sid)
    kb = knowledge_base(session.kb_version_id)
    answers = steps.still_valid(session.answers, kb)
    problems = []
    newest = newest_id()
    newer = newest is not None and session.kb_version_id is not None and newest > session.kb_version_id
    try:
        steps.profile(answers, kb)
    except ProfileInvalid as exc:
        problems = [field_names.described(field, message) for field, message in exc.errors]
    missing = [s for s in steps.STEPS if s.number not in session.completed_steps]
    return render_partial_or_page("questionnaire/_overview.html", "questionnaire/overview.html",
                                  session=session, answers=answers, kb=kb, steps=steps.STEPS,
                                  missing=missing, problems=problems, newer_kb=newer,
                                  misfits=steps.misfits(session.answers, kb, _previous_kb(session)))


def _previous_kb(session):
    """The version the answers were given in before the session moved on, for their names."""
    return knowledge_base(session.previous_kb_version_id) if session.previous_kb_version_id else None


@bp.post("/<sid>/kennisbank")
def upgrade(sid):
    """Answer on against the newest knowledge base (offered on the overview)."""
    session = sessions.get_or_404(sid)
    newest = newest_id()
    if newest is not None and session.kb_version_id is not None and newest > session.kb_version_id:
        sessions.move_to_version(session, newest)
    return redirect(url_for(".overview", sid=sid), code=303)


@bp.get("/<sid>/profiel.json")
def export(sid):
    session = sessions.get_or_404(sid)
    kb = knowledge_base(session.kb_version_id)
    answers = steps.still_valid(session.answers, kb)
    body = json.dumps(profile_file.export(answers, kb), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="profiel-{_filename(answers)}.json"'})


@bp.post("/import")
def import_profile():
    """A new session from a profile file; only the steps its answers complete are marked done."""
    form = forms.ImportForm()
    errors = []
    if form.validate():
        try:
            imported = profile_file.read_upload(form.profiel.data.read(), knowledge_base())
        except profile_file.ProfileRefused as exc:
            errors = exc.messages
        else:
            sid = sessions.create(imported.answers, imported.completed, kb_version_id=newest_id())
            return redirect(url_for(".overview", sid=sid), code=303)
    return render_template("questionnaire/start.html", import_form=form, import_errors=errors), 422


def _filename(answers: dict) -> str:
    return slugify(answers.get("gemeente") or "") or "gemeente"
