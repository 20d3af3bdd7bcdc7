"""Log-ins and log-outs into the audit log, via Flask-Security's and Flask-Login's signals.
Failed attempts are logged where they are detected (models.record_failed_login, forms)."""

from flask_login import user_logged_out
from flask_security.signals import password_changed, password_reset, tf_profile_changed, user_authenticated

from wizard import audit
from wizard.extensions import db


def _logged_in(app, user, authn_via=None, **extra):
    # Flask-Security commits the session after a successful login
    audit.record("inloggen", target=f"account:{user.email}", actor=user.email, actor_id=user.id,
                 reason="via " + ", ".join(authn_via or []) if authn_via else None)


def _logged_out(app, user, **extra):
    if user is not None and getattr(user, "email", None):
        audit.record("uitloggen", target=f"account:{user.email}", actor=user.email, actor_id=user.id)
        db.session.commit()


def _two_factor_changed(app, user, method=None, **extra):
    audit.record("tweestapsverificatie ingesteld" if method else "tweestapsverificatie uitgezet",
                 target=f"account:{user.email}", actor=user.email, actor_id=user.id,
                 changes={"tweestapsverificatie": (None, method)} if method else None)


def _password_reset(app, user, **extra):
    audit.record("wachtwoord hersteld", target=f"account:{user.email}", actor=user.email, actor_id=user.id)


def _password_changed(app, user, **extra):
    audit.record("wachtwoord gewijzigd", target=f"account:{user.email}", actor=user.email, actor_id=user.id)


def connect() -> None:
    """Signals are process-wide; connecting twice (several apps in tests) is harmless because
    blinker keeps one connection per receiver."""
    user_authenticated.connect(_logged_in)
    user_logged_out.connect(_logged_out)
    tf_profile_changed.connect(_two_factor_changed)
    password_reset.connect(_password_reset)
    password_changed.connect(_password_changed)
