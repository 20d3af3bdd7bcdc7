"""Accounts and roles (Flask-Security's fsqla_v3 models) with lock-out after failed logins.

Lock-out counts failures in the shared database (wizard.ratelimit), so it holds across worker
processes: LOCKOUT_LIMIT failed attempts (password or two-factor code) within LOCKOUT_WINDOW lock
the account for the rest of that window."""

import hashlib
from datetime import timedelta

from flask_security.models import fsqla_v3 as fsqla

from wizard import audit, ratelimit
from wizard.extensions import db

ADMIN = "beheerder"
ADVISOR = "adviseur"
ROLES = {ADMIN: "Beheert de kennisbank, behandelt meldingen en beheert accounts.",
         ADVISOR: "Adviseur van de Expertise-unit Sociale Stabiliteit."}

LOCKOUT_LIMIT = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
LOCKED_MESSAGE = ("Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen. "
                  "Probeer het over 15 minuten opnieuw.")

UNKNOWN_ACCOUNT = "onbekend account"

fsqla.FsModels.set_db_info(db, user_table_name="account", role_table_name="account_role",
                           webauthn_table_name="account_webauthn")


class Role(db.Model, fsqla.FsRoleMixin):
    __tablename__ = "account_role"


class User(db.Model, fsqla.FsUserMixin):
    __tablename__ = "account"

    def track_failed_authn(self, auth_type: str, tfa: bool = False) -> None:
        """Flask-Security calls this for every credential it could not verify."""
        record_failed_login(self.email, "tweestapscode onjuist" if tfa else "wachtwoord onjuist", self.id)
        super().track_failed_authn(auth_type, tfa)

    def is_locked(self, form_error: list[str] | None = None) -> bool:
        locked = account_locked(self.email)
        if locked and form_error is not None:
            form_error.append(LOCKED_MESSAGE)
        return locked

    @property
    def role_names(self) -> list[str]:
        return sorted(r.name for r in self.roles)


class WebAuthn(db.Model, fsqla.FsWebAuthnMixin):
    """Not used (passkeys are off), but fsqla_v3's User maps a relationship to it."""
    __tablename__ = "account_webauthn"


def _account_key(email: str) -> str:
    # hashed: a mistyped password in the e-mail field must not end up readable in a table
    return "login:account:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def account_locked(email: str) -> bool:
    return ratelimit.exceeded(_account_key(email), LOCKOUT_LIMIT, LOCKOUT_WINDOW)


def record_failed_login(email: str, reason: str, user_id: int | None = None) -> None:
    """Count the failure towards lock-out and log it; committed at once, because the request
    that failed writes nothing else."""
    ratelimit.add(_account_key(email))
    # what was typed for an unknown account is not logged: it may be a password
    actor = email if user_id is not None else UNKNOWN_ACCOUNT
    audit.record("inloggen", target=f"account:{actor}", reason=reason, result=audit.REFUSED,
                 actor=actor, actor_id=user_id)
    db.session.commit()
