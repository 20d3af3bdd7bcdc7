"""/uitnodiging/<token>: the municipality's way in, without an account. The token's grant is
kept in the session cookie (access.remember_grant); the visitor lands on the advice if one was
composed, else on the questionnaire."""

from flask import redirect, url_for

from wizard import audit
from wizard.errors import ErrorText, error_page
from wizard.extensions import db
from wizard.trajectory import access, invitation_bp, service

UNKNOWN_LINK = ErrorText("Uitnodigingslink werkt niet",
                         "Deze uitnodigingslink bestaat niet of is ingetrokken. Vraag de adviseur om een nieuwe link.")


@invitation_bp.get("/<token>")
def join(token):
    found = service.by_token(token)
    if found is None:
        # the token itself is not logged: a mistyped link may be one character off a valid one
        audit.record("uitnodigingslink geopend", target="uitnodiging", result=audit.REFUSED,
                     reason="onbekende of ingetrokken link")
        db.session.commit()
        return error_page(404, UNKNOWN_LINK)
    trajectory, kind = found
    access.remember_grant(trajectory, kind)
    audit.record("uitnodigingslink geopend", target=service.target(trajectory),
                 changes={"link": (None, service.KIND_NAMES[kind])})
    db.session.commit()
    advice = service.advice_of(trajectory)
    if advice is not None:
        return redirect(url_for("advice.show", advice_id=advice.id), code=303)
    if trajectory.wizard_session_id is None:
        return redirect(url_for("main.home"), code=303)
    return redirect(url_for("questionnaire.resume", sid=trajectory.wizard_session_id), code=303)
