"""/trajecten: the adviseur's own trajectories. Every page of this blueprint is guarded by
`_guard`: 302 to /inloggen without a log-in, 403 for an account without the role adviseur, and a
trajectory page of another adviseur answers 403 too (see README, 'Toegang tot een adviestraject')."""

from datetime import date

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_security import auth_required, current_user

from wizard import audit
from wizard.accounts.models import ADVISOR
from wizard.actor import display_name
from wizard.advice import service as advice_service
from wizard.advice import versions
from wizard.advice.view import note_bylines
from wizard.errors import ErrorText, error_page
from wizard.extensions import db
from wizard.models import WizardSession, could_be_token
from wizard.trajectory import bp, forms, service
from wizard.trajectory.models import EDIT, STATUSES, Trajectory

NOT_AN_ADVISER = ErrorText("Geen toegang", "Adviestrajecten zijn alleen voor accounts met de rol adviseur.")
NOT_YOURS = ErrorText("Geen toegang", "Dit adviestraject is van een andere adviseur. Alleen die adviseur kan het openen.")


@auth_required()
def _logged_in():
    return None


@bp.before_request
def _guard():
    refused = _logged_in()
    if refused is not None:
        return refused
    if not current_user.has_role(ADVISOR):
        audit.record_refusal("geen rol adviseur", "trajecten")
        db.session.commit()
        return error_page(403, NOT_AN_ADVISER)
    return None


def _own(trajectory_id: int) -> Trajectory:
    """The trajectory, if it is the logged-in adviseur's. :raise 404, 403: otherwise."""
    trajectory = db.session.get(Trajectory, trajectory_id) or abort(404)
    if trajectory.owner_id != current_user.id:
        audit.record_refusal("adviestraject van een andere adviseur", service.target(trajectory))
        db.session.commit()
        abort(make_response(*error_page(403, NOT_YOURS)))
    return trajectory


@bp.app_template_filter("dag")
def format_day(iso_date: str) -> str:
    """A stored ISO date as Dutch readers write it: '2027-01-15' -> '15-1-2027'."""
    return date.fromisoformat(iso_date).strftime("%-d-%-m-%Y")


@bp.app_template_global()
def trajectory_offer(sid: str) -> bool:
    """Whether the questionnaire overview offers 'Maak hier een adviestraject van'."""
    return bool(current_user and current_user.is_authenticated and current_user.has_role(ADVISOR)
                and service.of_session(sid) is None)


@bp.get("")
def index():
    rows = [(t, service.last_change(t)) for t in service.owned_by(current_user.id)]
    return render_template("trajectory/index.html", rows=rows, statuses=STATUSES)


def _new_page(form, status=200):
    return render_template("trajectory/new.html", form=form), status


@bp.get("/nieuw")
def new():
    form = forms.NewTrajectoryForm(formdata=None)
    sid = request.args.get("vragenlijst", "")
    questionnaire = db.session.get(WizardSession, sid) if could_be_token(sid) else None
    # prefilled only from a questionnaire in no trajectory: another adviseur's stays unseen
    if questionnaire is not None and service.of_session(sid) is None:
        form.questionnaire.data = sid
        form.municipality.data = (questionnaire.answers or {}).get("gemeente") or ""
    return _new_page(form)


@bp.post("/nieuw")
def create():
    form = forms.NewTrajectoryForm()
    if not form.validate():
        return _new_page(form, 422)
    try:
        trajectory = service.start(current_user, form.municipality.data, form.questionnaire.data or None)
    except service.TrajectoryRefused as exc:
        form.questionnaire.errors.append(str(exc))
        return _new_page(form, 422)
    flash(f"Het adviestraject met {trajectory.municipality} is gestart. Stuur de gemeente de bewerklink.", "success")
    return redirect(url_for(".show", trajectory_id=trajectory.id), code=303)


def _show_page(trajectory: Trajectory, step_form=None, status=200, error=None):
    advice = service.advice_of(trajectory)
    notes = advice_service.note_texts(advice) if advice is not None else {}
    return render_template("trajectory/show.html", trajectory=trajectory, advice=advice, statuses=STATUSES,
                           notes=[(k, v) for k, v in notes.items() if v], general_note=advice_service.GENERAL_NOTE,
                           kb=advice_service.knowledge_base_of(advice) if advice is not None else None,
                           versions=versions.history(advice) if advice is not None else [],
                           note_bylines=note_bylines(advice) if advice is not None else {},
                           last_change=service.last_change(trajectory),
                           step_form=step_form or forms.NextStepForm(formdata=None), error=error,
                           steps=sorted(trajectory.next_steps, key=lambda s: (s["klaar"], s["datum"]))), status


@bp.get("/<int(max=2147483647):trajectory_id>")
def show(trajectory_id):
    return _show_page(_own(trajectory_id))


def _attempt(trajectory: Trajectory, operation, done_message: str):
    try:
        operation()
    except service.TrajectoryRefused as exc:
        return _show_page(trajectory, status=422, error=str(exc))
    flash(done_message, "success")
    return redirect(url_for(".show", trajectory_id=trajectory.id), code=303)


@bp.post("/<int(max=2147483647):trajectory_id>/link")
def replace_link(trajectory_id):
    trajectory, form = _own(trajectory_id), forms.TokenForm()
    if not form.validate():
        return _show_page(trajectory, status=422, error="Onbekende soort link; er is niets gewijzigd.")
    name = "bewerklink" if form.kind.data == EDIT else "leeslink"
    return _attempt(trajectory, lambda: service.replace_token(trajectory, form.kind.data),
                    f"De oude {name} is ingetrokken en werkt niet meer. Stuur de nieuwe {name} hieronder.")


@bp.post("/<int(max=2147483647):trajectory_id>/status")
def change_status(trajectory_id):
    trajectory, form = _own(trajectory_id), forms.StatusForm()
    if not form.validate():
        return _show_page(trajectory, status=422, error="Onbekende status; er is niets gewijzigd.")
    return _attempt(trajectory, lambda: service.set_status(trajectory, form.status.data),
                    f"Het adviestraject is nu {STATUSES[form.status.data].lower()}.")


@bp.post("/<int(max=2147483647):trajectory_id>/afspraken")
def add_step(trajectory_id):
    trajectory, form = _own(trajectory_id), forms.NextStepForm()
    if not form.validate():
        return _show_page(trajectory, step_form=form, status=422)
    return _attempt(trajectory, lambda: service.add_step(trajectory, form.text.data, form.due.data,
                                                         display_name(current_user)),
                    "De vervolgafspraak is toegevoegd.")


@bp.post("/<int(max=2147483647):trajectory_id>/afspraken/klaar")
def mark_step(trajectory_id):
    trajectory, form = _own(trajectory_id), forms.StepDoneForm()
    if not form.validate() or form.done.data not in ("ja", "nee"):
        return _show_page(trajectory, status=422, error="Onbekende vervolgafspraak; er is niets gewijzigd.")
    done = form.done.data == "ja"
    return _attempt(trajectory, lambda: service.mark_step(trajectory, form.step.data, done, display_name(current_user)),
                    "De vervolgafspraak is afgevinkt." if done else "De vervolgafspraak staat weer open.")
