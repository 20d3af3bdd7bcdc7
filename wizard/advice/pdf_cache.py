"""Rendered PDFs, kept in the database so that every app server shares them: a PDF is made once
per version of the advice (the hash of its HTML), not on every request."""

from datetime import datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so

from wizard.extensions import db


def _now() -> datetime:
    return datetime.now(timezone.utc)


class PdfCacheEntry(db.Model):
    """One rendered PDF. `digest` is the SHA-256 of the HTML it was rendered from plus what else
    shapes the output (stylesheet, renderer version), so an entry never needs invalidating:
    an edited advice has other HTML, hence another digest; old entries are pruned by age."""
    __tablename__ = "pdf_cache"
    digest: so.Mapped[str] = so.mapped_column(sa.String(64), primary_key=True)
    content: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)
    size: so.Mapped[int] = so.mapped_column(sa.Integer)
    created_at: so.Mapped[datetime] = so.mapped_column(sa.DateTime(timezone=True), default=_now, index=True)


def get(digest: str) -> bytes | None:
    content = db.session.execute(sa.select(PdfCacheEntry.content).where(PdfCacheEntry.digest == digest)).scalar()
    return bytes(content) if content is not None else None


def put(digest: str, content: bytes, max_bytes: int) -> None:
    """Store a PDF and prune the oldest entries until the cache holds at most `max_bytes`.
    Two servers rendering the same version at once both get here: the second insert is dropped."""
    try:
        db.session.execute(sa.insert(PdfCacheEntry).values(digest=digest, content=content, size=len(content),
                                                          created_at=_now()))
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        return
    _prune(max_bytes)


def _prune(max_bytes: int) -> None:
    newest_first = db.session.execute(
        sa.select(PdfCacheEntry.digest, PdfCacheEntry.size).order_by(PdfCacheEntry.created_at.desc())).all()
    total, stale = 0, []
    for digest, size in newest_first:
        total += size
        if total > max_bytes:
            stale.append(digest)
    if stale:
        db.session.execute(sa.delete(PdfCacheEntry).where(PdfCacheEntry.digest.in_(stale)))
        db.session.commit()
