"""Typed SQLAlchemy models. Persistence only: decisions live in `rules`.

Every load of the knowledge base adds a version; nothing refers to a record by anything but
its stable id and the version it was read from. The names follow the glossary in README.md."""

import re
import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db


def _now() -> datetime:
    return datetime.now(timezone.utc)


class KnowledgeBaseVersion(db.Model):
    """One published version of the whole knowledge base, never changed or deleted afterwards:
    advices and questionnaires keep the version they were made with and are read against it.

    `content` holds every record as the data files write them (rules/model.py defines each
    entity once; wizard/kb/schema.py the files around them)."""
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    digest: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    content: so.Mapped[dict] = so.mapped_column(sa.JSON)
    source: so.Mapped[str] = so.mapped_column(sa.String(40))      # 'kb load', 'beheer', ...
    author: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)


def new_token() -> str:
    """Unguessable id for links that act as the key to a session or advice (no login yet)."""
    return secrets.token_urlsafe(24)


def could_be_token(value: str) -> bool:
    """Whether `value` has the form of an id that new_token makes: what else was typed or pasted
    is not looked up at all (PostgreSQL refuses a NUL in a query parameter with an error)."""
    return re.fullmatch(r"[A-Za-z0-9_-]{1,64}", value) is not None


class WizardSession(db.Model):
    """A questionnaire in progress. The answers are kept in the shape of the rule engine's
    profile contract, saved at every step, so that any app server can continue it."""
    id: so.Mapped[str] = so.mapped_column(sa.String(64), primary_key=True, default=new_token)
    answers: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    completed_steps: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    # the knowledge base the answers were given against; None: from before versions existed
    kb_version_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    # the version before the user moved the answers to a newer one: it names what no longer fits
    previous_kb_version_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    # raised by one at every saved step; a write names the revision it read (compare-and-set)
    revision: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, onupdate=_now)
    # last GET of one of its pages (wizard/retention.py), for the retention period
    opened_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), default=_now, index=True)


class Advice(db.Model):
    """A composed advice, reproducible: the profile, the knowledge-base version and the result
    are stored as they were; hand edits are kept apart from the computed result."""
    id: so.Mapped[str] = so.mapped_column(sa.String(64), primary_key=True, default=new_token)
    wizard_session_id: so.Mapped[str | None] = so.mapped_column(sa.ForeignKey("wizard_session.id", ondelete="SET NULL"))
    profile: so.Mapped[dict] = so.mapped_column(sa.JSON)
    kb_version: so.Mapped[str] = so.mapped_column(sa.String(32))   # label, as shown in the advice
    kb_version_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    result: so.Mapped[dict] = so.mapped_column(sa.JSON)          # as the rule engine composed it
    current: so.Mapped[dict] = so.mapped_column(sa.JSON)         # after the edits below
    edits: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    notes: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    # raised by one at every edit and note; a write names the revision it read (compare-and-set)
    revision: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, onupdate=_now)
    # last GET of one of its pages (wizard/retention.py), for the retention period
    opened_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), default=_now, index=True)
    # the working version (the newest): its number, when, by whom and why it was made, and what of
    # the previous version's hand edits and notes did not carry over; earlier ones are AdviceVersion rows
    version: so.Mapped[int] = so.mapped_column(default=1, server_default="1")
    version_made_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    version_made_by: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    version_cause: so.Mapped[str] = so.mapped_column(sa.String(120), default="samengesteld", server_default="samengesteld")
    version_dropped: so.Mapped[list | None] = so.mapped_column(sa.JSON, default=list)


class AdviceVersion(db.Model):
    """An earlier version of an advice, frozen as it was when a newer version replaced it: written
    once, in the same transaction as that replacement, and never changed. The fields mirror Advice;
    `made_*`, `cause` and `dropped` are that version's own (wizard/advice/versions.py)."""
    __table_args__ = (sa.UniqueConstraint("advice_id", "number"),)
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    advice_id: so.Mapped[str] = so.mapped_column(sa.ForeignKey("advice.id", ondelete="CASCADE"), index=True)
    number: so.Mapped[int]
    profile: so.Mapped[dict] = so.mapped_column(sa.JSON)
    kb_version: so.Mapped[str] = so.mapped_column(sa.String(32))
    kb_version_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    result: so.Mapped[dict] = so.mapped_column(sa.JSON)
    current: so.Mapped[dict] = so.mapped_column(sa.JSON)
    edits: so.Mapped[list] = so.mapped_column(sa.JSON)
    notes: so.Mapped[dict] = so.mapped_column(sa.JSON)
    made_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))
    made_by: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    cause: so.Mapped[str] = so.mapped_column(sa.String(120))
    dropped: so.Mapped[list | None] = so.mapped_column(sa.JSON, default=list)
    superseded_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)


class KnowledgeBaseDraft(db.Model):
    """Changes by maintainers on the web, collected on top of one version until they are
    published as a new version (or discarded). `changes` lists every change with who, when,
    which field from what to what, and why; the audit log holds the same."""
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    base_version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    content: so.Mapped[dict] = so.mapped_column(sa.JSON)
    changes: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default="open")  # open | gepubliceerd | verworpen
    published_version_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("knowledge_base_version.id"))
    revision: so.Mapped[int] = so.mapped_column(default=0)
    created_by: so.Mapped[str] = so.mapped_column(sa.String(255))
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, onupdate=_now)
