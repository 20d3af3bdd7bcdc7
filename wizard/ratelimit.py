"""Counters for rate limits and account lock-out, kept in the database.

Flask-Limiter's memory storage counts per worker process; with two gunicorn workers an attacker
would get twice the attempts. A row per attempt in the shared database gives every worker the
same count. Two workers may both let the last allowed attempt through at the same moment: a
limit can be exceeded by one per worker, which is acceptable for a brake on guessing.

Rows are only counters, not a record of what people did (that is the audit log): rows older
than the longest window are removed when new ones are written."""

import hashlib
import hmac
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, request

from wizard.extensions import db

# longest window any caller uses; older rows no longer count for anything
RETENTION = timedelta(days=1)


class RateEvent(db.Model):
    __tablename__ = "rate_event"
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(200), index=True)
    at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), index=True)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def count(key: str, window: timedelta) -> int:
    """How many events were recorded for `key` in the last `window`."""
    since = _now() - window
    return db.session.scalar(sa.select(sa.func.count(RateEvent.id))
                             .where(RateEvent.key == key, RateEvent.at > since)) or 0


def add(key: str) -> None:
    """Record one event for `key` (the caller commits)."""
    db.session.execute(sa.delete(RateEvent).where(RateEvent.at < _now() - RETENTION))
    db.session.add(RateEvent(key=key, at=_now()))


def exceeded(key: str, limit: int, window: timedelta) -> bool:
    return count(key, window) >= limit


def client_key(prefix: str) -> str:
    """A key for the requesting client that does not store its IP address: an HMAC of it with
    the app's secret key (the counters need to tell clients apart, not know who they are)."""
    address = (request.remote_addr or "onbekend").encode()
    digest = hmac.new(current_app.config["SECRET_KEY"].encode(), address, hashlib.sha256).hexdigest()
    return f"{prefix}:ip:{digest[:32]}"
