"""Account changes, shared by the CLI and /beheer/gebruikers. Each function checks, changes,
logs to the audit log and commits; a refused change raises AccountError with a Dutch message
and changes nothing."""

import secrets

import sqlalchemy as sa
from flask import url_for
from flask_security import hash_password
from flask_security.recoverable import generate_reset_password_token

from wizard import audit
from wizard.accounts.models import ADMIN, ROLES, Role, User
from wizard.extensions import db


class AccountError(ValueError):
    """A refused account change; str() is the Dutch message for the user."""


def _datastore():
    from flask import current_app
    return current_app.extensions["security"].datastore


def ensure_roles() -> None:
    for name, description in ROLES.items():
        if db.session.scalar(sa.select(Role).filter_by(name=name)) is None:
            db.session.add(Role(name=name, description=description))
    db.session.flush()


def all_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.email)))


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))


def create_user(email: str, role: str, password: str | None = None) -> User:
    """An active account with one role. Without a password the account gets a random one
    nobody knows; the person then sets their own through a reset link."""
    email = email.strip()
    if role not in ROLES:
        raise AccountError(f"Onbekende rol '{role}'; kies uit: {', '.join(ROLES)}.")
    if find_user(email) is not None:
        raise AccountError(f"Er bestaat al een account voor {email}.")
    ensure_roles()
    user = _datastore().create_user(email=email, password=hash_password(password or secrets.token_urlsafe(32)),
                                    roles=[role], active=True)
    db.session.flush()
    audit.record("account aangemaakt", target=f"account:{email}",
                 changes={"rol": (None, role), "actief": (None, True)})
    db.session.commit()
    return user


def set_role(user: User, role: str, acting: User | None) -> None:
    if role not in ROLES:
        raise AccountError(f"Onbekende rol '{role}'; kies uit: {', '.join(ROLES)}.")
    before = ", ".join(user.role_names)
    if before == role:
        return
    if acting is not None and acting.id == user.id and role != ADMIN:
        raise AccountError("U kunt uw eigen rol beheerder niet intrekken; vraag dat een andere beheerder.")
    ensure_roles()
    for name in user.role_names:
        _datastore().remove_role_from_user(user, name)
    _datastore().add_role_to_user(user, role)
    audit.record("rol gewijzigd", target=f"account:{user.email}", changes={"rol": (before, role)})
    db.session.commit()


def set_active(user: User, active: bool, acting: User | None) -> None:
    if user.active == active:
        return
    if acting is not None and acting.id == user.id and not active:
        raise AccountError("U kunt uw eigen account niet deactiveren.")
    if active:
        _datastore().activate_user(user)
    else:
        # Flask-Security refuses an inactive user on every request, so open sessions end too
        _datastore().deactivate_user(user)
    audit.record("account geactiveerd" if active else "account gedeactiveerd", target=f"account:{user.email}",
                 changes={"actief": (not active, active)})
    db.session.commit()


def reset_two_factor(user: User, acting: User | None) -> None:
    """For someone who lost their authenticator app: they set it up again at the next log-in
    (in production a beheerder must, before any beheer page)."""
    if not user.tf_primary_method:
        raise AccountError(f"{user.email} heeft geen tweestapsverificatie ingesteld.")
    if acting is not None and acting.id == user.id:
        raise AccountError("Uw eigen tweestapsverificatie zet u niet hier uit; vraag dat een andere beheerder.")
    before = user.tf_primary_method
    _datastore().tf_reset(user)
    audit.record("tweestapsverificatie uitgezet", target=f"account:{user.email}",
                 changes={"tweestapsverificatie": (before, None)})
    db.session.commit()


def reset_link(user: User) -> str:
    """A one-time link to set a new password (valid for SECURITY_RESET_PASSWORD_WITHIN)."""
    token = generate_reset_password_token(user)
    audit.record("herstellink aangemaakt", target=f"account:{user.email}")
    db.session.commit()
    return url_for("security.reset_password", token=token, _external=True)
