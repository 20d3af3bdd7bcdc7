"""Who is acting in this request, and whether they may change what the page shows.

The trajectory access layer (wizard/trajectory) decides both per request and leaves them in
`flask.g`; everything else asks here. Outside a trajectory an advice or questionnaire is opened by
its unguessable link alone, and whoever holds that link edits as "gemeente"."""

from flask import Flask, g
from flask_security import current_user

from wizard.accounts.models import ADVISOR
from wizard.advice.edit_log import MUNICIPALITY


def current_actor() -> str:
    """The name an edit or note is recorded under: the adviseur's name, or "gemeente"."""
    if getattr(g, "actor", None):
        return g.actor
    if current_user and current_user.is_authenticated and current_user.has_role(ADVISOR):
        return display_name(current_user)
    return MUNICIPALITY


def display_name(user) -> str:
    """An account's name as shown beside its edits: its user name, else its e-mail address."""
    return getattr(user, "username", None) or user.email


def may_edit() -> bool:
    """False when the page was opened with a read-only link: it then offers no form that changes
    anything (and every POST is refused before it reaches a view)."""
    return not getattr(g, "read_only", False)


def register(app: Flask) -> None:
    @app.context_processor
    def actor_context() -> dict:
        return {"can_edit": may_edit()}
