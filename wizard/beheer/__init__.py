"""/beheer: the maintainers' pages. Every page of this blueprint, present and future, is guarded
by `_guard`: 302 to /inloggen without a log-in, 403 for anyone without the role beheerder, and in
production a beheerder without two-factor authentication is sent to set it up first."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, redirect, url_for
from flask_security import auth_required, current_user, roles_required

from wizard.accounts.models import ADMIN

bp = Blueprint("beheer", __name__, url_prefix="/beheer")
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


# auth_required first: roles_required alone answers an anonymous request with 403, not a redirect
@auth_required()
@roles_required(ADMIN)
def _allowed():
    return None


@bp.before_request
def _guard():
    refused = _allowed()
    if refused is not None:
        return refused
    if current_app.config.get("PRODUCTION") and not current_user.tf_primary_method:
        flash("Stel eerst tweestapsverificatie in; dat is verplicht voor beheerders.", "warning")
        return redirect(url_for("security.two_factor_setup"))
    return None


@bp.app_template_filter("datum")
def format_moment(moment: datetime | None) -> str:
    """A stored UTC moment as Dutch local time, e.g. '1-12-2026 12:30'."""
    if moment is None:
        return "-"
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; everything stored is UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(LOCAL_TIME).strftime("%-d-%-m-%Y %H:%M")


from wizard.beheer import (audit_log, dashboard, draft, feedback, interventions, links, sheet,  # noqa: E402,F401
                           users)
