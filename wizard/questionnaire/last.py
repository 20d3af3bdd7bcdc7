"""'Ga verder met <gemeente>': the questionnaire this browser last worked on.

The cookie holds only the session token (the same secret as the 'Later verder' link), HttpOnly
so that no script reads it and SameSite=Lax so that other sites cannot send it with a POST."""

from datetime import timedelta

import sqlalchemy as sa
from flask import Response, g, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from wizard.extensions import db
from wizard.models import WizardSession
from wizard.questionnaire import bp

COOKIE = "vragenlijst"
MAX_AGE = timedelta(days=90)
MAX_TOKEN_LENGTH = 100  # longer values are not our tokens; no query for them


def remember(response: Response, sid: str) -> None:
    response.set_cookie(COOKIE, sid, max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=request.is_secure, path="/")


def last_questionnaire() -> dict | None:
    """{'url', 'gemeente'} of the remembered questionnaire, or None when there is none (any
    more). Looked up once per request, however often the page asks."""
    if "last_questionnaire" not in g:
        sid = request.cookies.get(COOKIE, "")
        try:
            found = _municipality_of(sid) if 0 < len(sid) <= MAX_TOKEN_LENGTH else None
        except SQLAlchemyError:  # an error page must render even when the database is away
            db.session.rollback()
            found = None
        g.last_questionnaire = None if found is None else {
            "url": url_for("questionnaire.resume", sid=sid), "gemeente": found[0] or None}
    return g.last_questionnaire


def _municipality_of(sid: str) -> tuple[str | None] | None:
    """(gemeente,) of the session `sid`, or None if there is no such session. A step page has
    the row loaded already; any other page asks for the one value rather than the whole row."""
    loaded = db.session.identity_map.get(db.session.identity_key(WizardSession, sid))
    if loaded is not None and "answers" in sa.inspect(loaded).dict:
        return ((loaded.answers or {}).get("gemeente"),)
    return db.session.execute(_MUNICIPALITY, {"sid": sid}).first()


# built once: constructing the statement cost as much as running it
_MUNICIPALITY = sa.select(WizardSession.answers["gemeente"].as_string()).where(WizardSession.id == sa.bindparam("sid"))


@bp.app_context_processor
def offer_to_continue():
    return {"last_questionnaire": last_questionnaire}
