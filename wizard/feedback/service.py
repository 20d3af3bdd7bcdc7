"""Storing and handling feedback reports, with the rate limit and the audit log."""

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from wizard import audit, ratelimit
from wizard.extensions import db
from wizard.feedback.models import NEW, FeedbackReport

LIMIT = 5
WINDOW = timedelta(minutes=10)


def rate_limited() -> bool:
    return ratelimit.exceeded(ratelimit.client_key("feedback"), LIMIT, WINDOW)


def submit(kind: str, message: str, email: str | None, intervention_id: str | None) -> FeedbackReport:
    report = FeedbackReport(kind=kind, message=message.strip(), email=(email or "").strip() or None,
                            intervention_id=intervention_id or None, status=NEW)
    db.session.add(report)
    db.session.flush()
    ratelimit.add(ratelimit.client_key("feedback"))
    audit.record("melding ontvangen", target=f"melding:{report.id}",
                 changes={"soort": (None, kind), "interventie": (None, report.intervention_id)})
    db.session.commit()
    return report


def inbox(status: str | None = None) -> list[FeedbackReport]:
    query = sa.select(FeedbackReport).order_by(FeedbackReport.created_at.desc(), FeedbackReport.id.desc())
    if status:
        query = query.where(FeedbackReport.status == status)
    return list(db.session.scalars(query))


def count_new() -> int:
    return db.session.scalar(sa.select(sa.func.count(FeedbackReport.id)).where(FeedbackReport.status == NEW)) or 0


def handle(report: FeedbackReport, status: str, note: str | None, draft_ref: str | None, handler: str) -> bool:
    """Apply the beheerder's handling; returns False when nothing changed (then nothing is
    logged)."""
    before = report.snapshot()
    report.status, report.note, report.draft_ref = status, (note or "").strip() or None, (draft_ref or "").strip() or None
    changes = audit.changed(before, report.snapshot())
    if not changes:
        return False
    report.handled_by, report.handled_at = handler, datetime.now(timezone.utc)
    audit.record("melding behandeld", target=f"melding:{report.id}", changes=changes)
    db.session.commit()
    return True
