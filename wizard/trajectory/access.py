"""Who may open a trajectory's questionnaire and advice, decided once per request before any view
of the advice and questionnaire blueprints runs.

- The owning adviseur, logged in: edits, and is named as the author of what they change.
- Whoever opened the edit link (bewerklink): edits, as "gemeente".
- Whoever opened the read link (leeslink): reads; `g.read_only` is set (templates then offer no
  form that changes anything) and every request other than GET/HEAD answers 403.
- Anyone else: 403, with a page that says to ask the adviseur for a link.
A finished trajectory (status afgerond) is read-only for everyone until the adviseur reopens it.

The grant of an invitation link lives in Flask's signed session cookie (trajectory id, kind and
the token itself), so every app server can check it without shared memory; it counts only while
the token still equals the trajectory's current one, so a revoked link stops working at once.
Questionnaires and advices outside a trajectory are not touched: their unguessable link is the key."""

import secrets
from enum import Enum

from flask import g, redirect, render_template, request, session, url_for
from flask_security import current_user

from wizard import audit
from wizard.accounts.models import ADVISOR
from wizard.actor import display_name
from wizard.advice.edit_log import MUNICIPALITY
from wizard.errors import ErrorText, error_page
from wizard.extensions import db
from wizard.models import Advice, WizardSession
from wizard.trajectory import bp, service
from wizard.trajectory.models import EDIT, READ, TOKEN_KINDS, Trajectory

GRANTS = "uitnodigingen"  # session key: {trajectory id (str): {"soort": kind, "token": token}}
GUARDED_BLUEPRINTS = ("advice", "questionnaire")
SAFE_METHODS = ("GET", "HEAD")
# pages whose GET shows a form and nothing else worth reading: a reader sees the summary instead
READER_REDIRECTS = {"questionnaire.step": lambda args: url_for("questionnaire.overview", sid=args["sid"]),
                    "advice.recalculate": lambda args: url_for("advice.show", advice_id=args["advice_id"])}

NO_ACCESS = ErrorText("Geen toegang",
                      "Deze vragenlijst en dit advies horen bij een adviestraject. Alleen de adviseur en wie "
                      "een uitnodigingslink van de adviseur heeft, kunnen ze openen. Vraag de adviseur om een link.")
READ_ONLY = ErrorText("Alleen lezen",
                      "U hebt dit adviestraject geopend met een leeslink: u kunt alles lezen, maar niets wijzigen. "
                      "Er is niets gewijzigd. Wilt u meewerken, vraag de adviseur dan om een bewerklink.")
FINISHED = ErrorText("Adviestraject afgerond",
                     "Dit adviestraject is afgerond: het advies en de antwoorden kunnen alleen nog worden gelezen. "
                     "Er is niets gewijzigd. De adviseur kan het traject heropenen.")


READ_ONLY_NOTICE = ("U bekijkt dit adviestraject met een leeslink: u kunt alles lezen, maar niets wijzigen. "
                    "Wilt u meewerken, vraag de adviseur dan om een bewerklink.")
FINISHED_NOTICE = "Dit adviestraject is afgerond: het advies en de antwoorden kunnen alleen nog worden gelezen."


class Access(Enum):
    OWNER = "adviseur"
    EDIT = EDIT
    READ = READ
    NONE = "geen"


def remember_grant(trajectory: Trajectory, kind: str) -> None:
    """Store in the visitor's session cookie that they opened the `kind` link of `trajectory`."""
    grants = dict(session.get(GRANTS) or {})
    grants[str(trajectory.id)] = {"soort": kind, "token": trajectory.token(kind)}
    session[GRANTS] = grants
    session.permanent = True  # the link need not be opened again after closing the browser


def granted_kind(trajectory: Trajectory) -> str | None:
    """The kind of link this visitor opened for `trajectory`, if that link is still current."""
    grant = (session.get(GRANTS) or {}).get(str(trajectory.id))
    if not isinstance(grant, dict) or grant.get("soort") not in TOKEN_KINDS:
        return None
    if not secrets.compare_digest(str(grant.get("token", "")), trajectory.token(grant["soort"])):
        return None
    return grant["soort"]


def is_owner(trajectory: Trajectory) -> bool:
    return bool(current_user and current_user.is_authenticated and current_user.has_role(ADVISOR)
                and current_user.id == trajectory.owner_id)


def access_to(trajectory: Trajectory) -> Access:
    if is_owner(trajectory):
        return Access.OWNER
    kind = granted_kind(trajectory)
    return Access(kind) if kind else Access.NONE


def trajectory_of_request() -> Trajectory | None:
    args = request.view_args or {}
    if "sid" in args:
        return service.loading_trajectory_of(WizardSession, args["sid"])
    if "advice_id" in args:
        return service.loading_trajectory_of(Advice, args["advice_id"])
    return None


# the open advice page asks this every 15 s: a revoked link must stop it, not log each ask
STATE_POLL = "advice.state"
# htmx stops polling on this status and still swaps the answer in
STOP_POLLING = 286


def refuse(trajectory: Trajectory, text: ErrorText, why: str):
    if request.endpoint == STATE_POLL:
        # a read of one revision number: no audit row (they would never stop, and the log is
        # append-only); the open page learns once that its link no longer works
        if request.headers.get("HX-Request") == "true":
            return render_template("trajectory/_poll_refused.html", text=text), STOP_POLLING
        return error_page(403, text)
    audit.record_refusal(why, service.target(trajectory))
    db.session.commit()
    return error_page(403, text)


@bp.before_app_request
def guard():
    """Runs before every request; acts only on pages of a trajectory's questionnaire or advice."""
    if request.blueprint not in GUARDED_BLUEPRINTS:
        return None
    trajectory = trajectory_of_request()
    if trajectory is None:
        return None
    access = access_to(trajectory)
    if access is Access.NONE:
        return refuse(trajectory, NO_ACCESS, "geen adviseur van dit traject en geen geldige uitnodigingslink")
    g.trajectory = trajectory
    g.actor = display_name(current_user) if access is Access.OWNER else MUNICIPALITY
    g.read_only = access is Access.READ or service.is_finished(trajectory)
    if not g.read_only:
        return None
    # said on every page (base.html), so that a reader knows why nothing can be changed
    g.read_only_notice = READ_ONLY_NOTICE if access is Access.READ else FINISHED_NOTICE
    if request.method not in SAFE_METHODS:
        if access is Access.READ:
            return refuse(trajectory, READ_ONLY, "leeslink: alleen lezen")
        return refuse(trajectory, FINISHED, "traject afgerond: alleen lezen")
    if request.endpoint in READER_REDIRECTS:
        return redirect(READER_REDIRECTS[request.endpoint](request.view_args), code=303)
    return None
