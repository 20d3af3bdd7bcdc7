"""The audit log: one function, `record`, that the whole app uses to write down what a person or
the system did. Each row carries what BIO 8.15 asks: the event, the person, the result and the
timestamp (UTC), plus the target, the fields changed (from -> to) and the reason.

Nothing is ever deleted or changed in the log:
- the app has no delete or edit path for it (no view, no CLI command, no cascade points at it);
- the ORM refuses to update or delete an `AuditEvent` (listeners below raise);
- the database refuses too: migration d2_audit installs triggers on PostgreSQL and SQLite that
  abort any UPDATE or DELETE on `audit_event`.
Only dropping the table removes it, which needs the database owner, not the app."""

import hashlib
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import has_request_context, request

from wizard.access_log import without_keys
from wizard.extensions import db

SUCCEEDED = "gelukt"
REFUSED = "geweigerd"
# the event of a refused request (record_refusal); its reason ends with the request
ACCESS_REFUSED = "toegang geweigerd"
# who acted when no one is logged in: a visitor of the public site (a municipality) or the system
PUBLIC = "gemeente"
SYSTEM = "systeem"


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), index=True)
    actor: so.Mapped[str] = so.mapped_column(sa.String(255), index=True)
    actor_id: so.Mapped[int | None] = so.mapped_column(sa.Integer)  # no FK: the log outlives accounts
    event: so.Mapped[str] = so.mapped_column(sa.String(100), index=True)
    target: so.Mapped[str | None] = so.mapped_column(sa.String(300), index=True)
    changes: so.Mapped[dict | None] = so.mapped_column(sa.JSON)
    reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    result: so.Mapped[str] = so.mapped_column(sa.String(20))


@sa.event.listens_for(AuditEvent, "before_update")
@sa.event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target):
    raise PermissionError("Het audit log kan niet worden gewijzigd of verwijderd.")


def _current_actor() -> tuple[str, int | None]:
    if not has_request_context():
        return SYSTEM, None
    from flask_security import current_user
    if current_user and current_user.is_authenticated:
        return current_user.email, current_user.id
    return PUBLIC, None


def secret_target(kind: str, key: str) -> str:
    """The target of an event about something whose id is its key (a questionnaire or advice
    link): the log shows a digest, so that reading the log gives no one the link. Whoever holds
    the link finds its events with the same digest."""
    return f"{kind}:#{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def record(event: str, *, target: str | None = None, changes: dict[str, tuple[Any, Any]] | None = None,
           reason: str | None = None, result: str = SUCCEEDED, actor: str | None = None,
           actor_id: int | None = None) -> AuditEvent:
    """Add one event to the session; the caller commits it together with the change it
    describes, so that a change and its log line stand or fall together.

    `actor` defaults to the logged-in user's e-mail address, else 'gemeente' in a request and
    'systeem' outside one (CLI). `changes` maps a field to (from, to); values must be JSON."""
    entry = AuditEvent(**_columns(event, target, changes, reason, result, actor, actor_id))
    db.session.add(entry)
    return entry


def record_refusal(why: str, target: str | None) -> AuditEvent:
    """A refused request: `why`, then the request's method and path, with a key in the path
    masked as in the access log (the log gives no one a link; see secret_target)."""
    return record(ACCESS_REFUSED, target=target, result=REFUSED,
                  reason=f"{why}: {request.method} {without_keys(request.path)}")


def record_now(event: str, *, target: str | None = None, changes: dict[str, tuple[Any, Any]] | None = None,
               reason: str | None = None, result: str = SUCCEEDED, actor: str | None = None,
               actor_id: int | None = None) -> None:
    """`record`, with the row sent at once (an INSERT in the session's transaction, which the
    caller commits with its change) instead of an object added to the session. For writes made
    with SQL statements rather than objects (wizard/revisions.py): there the ORM's flush of one
    object cost a third of a saved questionnaire step's CPU. The same row as `record` writes."""
    db.session.execute(_INSERT, _columns(event, target, changes, reason, result, actor, actor_id))


def _columns(event, target, changes, reason, result, actor, actor_id) -> dict[str, Any]:
    """The column values of one event (see `record`)."""
    if result not in (SUCCEEDED, REFUSED):
        raise ValueError(f"result must be {SUCCEEDED!r} or {REFUSED!r}, not {result!r}")
    if actor is None:
        actor, actor_id = _current_actor()
    return {"at": datetime.now(timezone.utc), "actor": actor, "actor_id": actor_id, "event": event,
            "target": target, "reason": reason, "result": result,
            "changes": {k: [old, new] for k, (old, new) in changes.items()} if changes else None}


# built once, on the table: every column a parameter (an absent `changes` is sent as NULL)
_INSERT = sa.insert(AuditEvent.__table__)


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs between two snapshots, as {field: (from, to)}."""
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def recent(limit: int = 200, actor: str | None = None, target: str | None = None) -> list[AuditEvent]:
    """The newest events, optionally only those whose actor or target contains the given text,
    in any case ('adviseur' finds adviseur@example.nl, 'traject:2' also traject:21). % and _ in
    the text match only themselves."""
    query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if actor:
        query = query.where(AuditEvent.actor.icontains(actor, autoescape=True))
    if target:
        query = query.where(AuditEvent.target.icontains(target, autoescape=True))
    return list(db.session.scalars(query))


def events_for(target: str) -> list[AuditEvent]:
    """Every event about one target (e.g. 'interventie:<id>'), newest first: what a history
    page such as /beheer/interventies/<id>/historie shows."""
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.target == target)
                                   .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())))
