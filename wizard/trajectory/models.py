"""The advisory trajectory (adviestraject): one adviseur, one municipality, one questionnaire and
the advice composed from it, two invitation tokens and the agreed next steps (vervolgafspraken)."""

import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db

ONGOING = "lopend"
FINISHED = "afgerond"
STATUSES = {ONGOING: "Lopend", FINISHED: "Afgerond"}

EDIT = "bewerken"
READ = "lezen"
TOKEN_KINDS = (EDIT, READ)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def new_invitation_token() -> str:
    """An invitation token: 32 random bytes, so a link cannot be guessed or counted up to."""
    return secrets.token_urlsafe(32)


class Trajectory(db.Model):
    """An advisory trajectory. `next_steps` is a list of dicts (id, text, due as ISO date, done,
    added_by, added_at, done_by, done_at); it is only written through wizard/revisions.py apply,
    so two people adding a step at the same moment both keep theirs."""
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    municipality: so.Mapped[str] = so.mapped_column(sa.String(200))
    owner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("account.id"), index=True)
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default=ONGOING)
    # SET NULL: the retention clean-up (wizard/retention.py) may remove a questionnaire nobody opened
    wizard_session_id: so.Mapped[str | None] = so.mapped_column(
        sa.ForeignKey("wizard_session.id", ondelete="SET NULL"), unique=True)
    edit_token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True, default=new_invitation_token)
    read_token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True, default=new_invitation_token)
    next_steps: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    revision: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, onupdate=_now)

    def token(self, kind: str) -> str:
        return self.edit_token if kind == EDIT else self.read_token
