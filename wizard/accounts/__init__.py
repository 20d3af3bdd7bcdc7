"""Accounts: log-in, log-out, password reset, two-factor authentication (Flask-Security) and
the `gebruiker` CLI. `init_app` wires it into an app; the pages are Flask-Security's views with
our templates (templates/security/) and its Dutch translations (via Flask-Babel)."""

from flask import Blueprint, Flask
from flask_babel import Babel
from flask_security import Security, SQLAlchemyUserDatastore

from wizard.accounts import events, settings
from wizard.accounts.forms import LoginForm, TwoFactorVerifyCodeForm
from wizard.accounts.mail import LogOrSendMailUtil
from wizard.accounts.models import Role, User
from wizard.extensions import db

bp = Blueprint("accounts", __name__)
datastore = SQLAlchemyUserDatastore(db, User, Role)


def init_app(app: Flask) -> None:
    settings.apply(app)
    # Flask-Security ships Dutch (nl_NL) messages; the app speaks nothing else
    Babel(app, locale_selector=lambda: "nl_NL")
    if app.config.get("MAIL_SERVER"):
        from flask_mail import Mail
        Mail(app)
    # a Security object per app: tests build many apps, each with its own config
    Security(app, datastore, login_form=LoginForm, two_factor_verify_code_form=TwoFactorVerifyCodeForm,
             mail_util_cls=LogOrSendMailUtil)
    events.connect()
    app.register_blueprint(bp)


from wizard.accounts import routes  # noqa: E402,F401  (routes attach themselves to bp)
