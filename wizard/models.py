"""Typed SQLAlchemy models. Persistence only: decisions live in `rules`.

The knowledge-base tables are replaced as a whole by `kb load`; the names follow the glossary
in README.md."""

import secrets
from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db


def _now() -> datetime:
    return datetime.now(timezone.utc)


factor_intervention = sa.Table(
    "factor_intervention", db.metadata,
    sa.Column("factor_id", sa.String(200), sa.ForeignKey("protective_factor.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("intervention_id", sa.String(200), sa.ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
)

intervention_type_link = sa.Table(
    "intervention_type_link", db.metadata,
    sa.Column("intervention_id", sa.String(200), sa.ForeignKey("intervention.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("type_number", sa.String(8), sa.ForeignKey("intervention_type.number", ondelete="CASCADE"), primary_key=True),
)

factor_type_link = sa.Table(
    "factor_type_link", db.metadata,
    sa.Column("factor_id", sa.String(200), sa.ForeignKey("protective_factor.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("type_number", sa.String(8), sa.ForeignKey("intervention_type.number", ondelete="CASCADE"), primary_key=True),
)


class Bouwsteen(db.Model):
    number: so.Mapped[int] = so.mapped_column(primary_key=True, autoincrement=False)
    name: so.Mapped[str] = so.mapped_column(sa.String(100))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    themes: so.Mapped[list["Theme"]] = so.relationship(
        back_populates="bouwsteen", order_by="Theme.position", cascade="all, delete-orphan")


class Theme(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    bouwsteen_number: so.Mapped[int] = so.mapped_column(sa.ForeignKey("bouwsteen.number", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    position: so.Mapped[int]
    bouwsteen: so.Mapped[Bouwsteen] = so.relationship(back_populates="themes")
    factors: so.Mapped[list["ProtectiveFactor"]] = so.relationship(
        back_populates="theme", order_by="ProtectiveFactor.position", cascade="all, delete-orphan")


class ProtectiveFactor(db.Model):
    id: so.Mapped[str] = so.mapped_column(sa.String(200), primary_key=True)
    theme_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("theme.id", ondelete="CASCADE"), index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(300))
    explanation: so.Mapped[str | None] = so.mapped_column(sa.Text)
    subfactors: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    references: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    remark: so.Mapped[str | None] = so.mapped_column(sa.Text)
    position: so.Mapped[int]
    theme: so.Mapped[Theme] = so.relationship(back_populates="factors")
    types: so.Mapped[list["InterventionType"]] = so.relationship(secondary=factor_type_link)


class RiskFactor(db.Model):
    id: so.Mapped[str] = so.mapped_column(sa.String(200), primary_key=True)
    bouwsteen_number: so.Mapped[int] = so.mapped_column(sa.ForeignKey("bouwsteen.number", ondelete="CASCADE"))
    name: so.Mapped[str] = so.mapped_column(sa.String(300))
    explanation: so.Mapped[str | None] = so.mapped_column(sa.Text)
    position: so.Mapped[int]


class EvidenceLevel(db.Model):
    level: so.Mapped[int] = so.mapped_column(primary_key=True, autoincrement=False)
    name: so.Mapped[str] = so.mapped_column(sa.String(100))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    remark: so.Mapped[str | None] = so.mapped_column(sa.Text)


class InterventionType(db.Model):
    number: so.Mapped[str] = so.mapped_column(sa.String(8), primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(300))
    parent_number: so.Mapped[str | None] = so.mapped_column(sa.ForeignKey("intervention_type.number"))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    target_and_aims: so.Mapped[str | None] = so.mapped_column(sa.Text)
    factors_addressed: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    working_elements: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    preconditions: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    examples: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    sources: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    remark: so.Mapped[str | None] = so.mapped_column(sa.Text)
    position: so.Mapped[int]


class Intervention(db.Model):
    id: so.Mapped[str] = so.mapped_column(sa.String(200), primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(300), unique=True)
    aliases: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    type_description: so.Mapped[str | None] = so.mapped_column(sa.String(300))
    offered: so.Mapped[str] = so.mapped_column(sa.String(10))
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    aim: so.Mapped[str] = so.mapped_column(sa.Text)
    explicit: so.Mapped[bool | None]
    target_group_text: so.Mapped[str | None] = so.mapped_column(sa.Text)
    provider: so.Mapped[str | None] = so.mapped_column(sa.Text)
    level: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("evidence_level.level"))
    level_source: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    level_reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    evaluation: so.Mapped[str | None] = so.mapped_column(sa.Text)
    weblinks: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    collected_via_municipalities: so.Mapped[bool | None]
    municipalities: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    target_groups: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    settings: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    prevention_levels: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    approach: so.Mapped[str] = so.mapped_column(sa.String(20))
    online: so.Mapped[bool]
    broadly_applicable: so.Mapped[bool]
    remark: so.Mapped[str | None] = so.mapped_column(sa.Text)
    types: so.Mapped[list[InterventionType]] = so.relationship(
        secondary=intervention_type_link, order_by=InterventionType.position)


class VocabularyTerm(db.Model):
    vocabulary: so.Mapped[str] = so.mapped_column(sa.String(40), primary_key=True)
    id: so.Mapped[str] = so.mapped_column(sa.String(80), primary_key=True)
    label: so.Mapped[str] = so.mapped_column(sa.String(200))
    explanation: so.Mapped[str] = so.mapped_column(sa.Text)
    position: so.Mapped[int]


class KnowledgeBaseMeta(db.Model):
    """One row: which version of data/ is loaded, and the texts that belong to no table."""
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version: so.Mapped[str] = so.mapped_column(sa.String(32))
    loaded_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    extras: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)


KNOWLEDGE_BASE_TABLES = [
    factor_intervention, intervention_type_link, factor_type_link,
    *(m.__table__ for m in (ProtectiveFactor, Theme, RiskFactor, Intervention, InterventionType,
                            EvidenceLevel, Bouwsteen, VocabularyTerm, KnowledgeBaseMeta)),
]


def new_token() -> str:
    """Unguessable id for links that act as the key to a session or advice (no login yet)."""
    return secrets.token_urlsafe(24)


class WizardSession(db.Model):
    """A questionnaire in progress. The answers are kept in the shape of the rule engine's
    profile contract, saved at every step, so that any app server can continue it."""
    id: so.Mapped[str] = so.mapped_column(sa.String(64), primary_key=True, default=new_token)
    answers: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    completed_steps: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
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
    kb_version: so.Mapped[str] = so.mapped_column(sa.String(32))
    result: so.Mapped[dict] = so.mapped_column(sa.JSON)          # as the rule engine composed it
    current: so.Mapped[dict] = so.mapped_column(sa.JSON)         # after the edits below
    edits: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    notes: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now)
    updated_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, onupdate=_now)
    # last GET of one of its pages (wizard/retention.py), for the retention period
    opened_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True), default=_now, index=True)
