"""Reports from users about the knowledge base ('Meld een fout of aanvulling')."""

from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db

KINDS = {
    "ontbrekende-interventie": "Er ontbreekt een interventie",
    "verouderde-informatie": "Informatie is verouderd of onjuist",
    "nieuwe-evaluatie": "Er is een nieuwe evaluatie",
}
STATUSES = {
    "nieuw": "Nieuw",
    "in-behandeling": "In behandeling",
    "verwerkt": "Verwerkt",
    "afgewezen": "Afgewezen",
}
NEW = "nieuw"


def _now() -> datetime:
    return datetime.now(timezone.utc)


class FeedbackReport(db.Model):
    __tablename__ = "feedback_report"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(40))
    # the intervention the report is about, as its stable id; no foreign key, because a report
    # must outlive the intervention (retired, renamed) and survive a reload of the knowledge base
    intervention_id: so.Mapped[str | None] = so.mapped_column(sa.String(200), index=True)
    message: so.Mapped[str] = so.mapped_column(sa.Text)
    email: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    status: so.Mapped[str] = so.mapped_column(sa.String(20), default=NEW, index=True)
    note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # the draft change that resolved the report: a free reference until drafts exist (the
    # drafts work turns this into a link; the column stays nullable)
    draft_ref: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    handled_by: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    handled_at: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    def snapshot(self) -> dict:
        return {"status": self.status, "notitie": self.note, "concept": self.draft_ref}
