"""The few account pages that are not Flask-Security's own."""

from flask import redirect, url_for
from flask_security import auth_required, current_user

from wizard.accounts import bp
from wizard.accounts.models import ADMIN


@bp.get("/na-inloggen")
@auth_required()
def after_login():
    """Where a log-in without a ?next= lands: beheerders on their dashboard, others home."""
    return redirect(url_for("beheer.dashboard") if current_user.has_role(ADMIN) else url_for("main.home"))
