"""The latest result of the link check, one row per (intervention id, URL)."""

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db
from wizard.links.checker import STATUS_LABELS


class LinkCheck(db.Model):
    __tablename__ = "link_check"
    # no foreign key to intervention: `kb load` replaces those rows, and a result stays useful
    # (and is cleaned up by the next check) when an intervention disappears
    intervention_id: so.Mapped[str] = so.mapped_column(sa.String(200), primary_key=True)
    url: so.Mapped[str] = so.mapped_column(sa.String(2000), primary_key=True)
    status: so.Mapped[str] = so.mapped_column(sa.String(20), index=True)
    http_status: so.Mapped[int | None] = so.mapped_column(sa.Integer)
    final_url: so.Mapped[str | None] = so.mapped_column(sa.String(2000))
    redirects: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    error: so.Mapped[str | None] = so.mapped_column(sa.String(300))
    checked_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True))
    # when the link first failed in the current run of failures; None while it is fine
    failing_since: so.Mapped[datetime | None] = so.mapped_column(sa.DateTime(timezone=True))

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
