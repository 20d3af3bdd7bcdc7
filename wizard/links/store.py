"""Collect the weblinks of the loaded knowledge base and keep the latest check result per link."""

from datetime import datetime, timezone

import sqlalchemy as sa

from wizard import audit
from wizard.extensions import db
from wizard.links.checker import OK, LinkResult
from wizard.links.models import LinkCheck


def links_of(kb) -> list[tuple[str, str]]:
    """(intervention id, url) for every weblink, each pair once, in knowledge-base order."""
    seen, links = set(), []
    for intervention in kb.interventions.values():
        for url in intervention.weblinks:
            if (intervention.id, url) not in seen:
                seen.add((intervention.id, url))
                links.append((intervention.id, url))
    return links


def save(results: list[LinkResult], checked: list[tuple[str, str]], complete: bool) -> None:
    """Store the results; when the run covered every link (`complete`), rows of links that are
    no longer in the knowledge base are removed. The run itself goes to the audit log."""
    now = datetime.now(timezone.utc)
    existing = {(r.intervention_id, r.url): r for r in db.session.scalars(sa.select(LinkCheck))}
    for result in results:
        row = existing.get((result.intervention_id, result.url))
        if row is None:
            row = LinkCheck(intervention_id=result.intervention_id, url=result.url)
            db.session.add(row)
        failing = result.status != OK
        row.failing_since = (row.failing_since or now) if failing else None
        row.status, row.http_status, row.final_url = result.status, result.http_status, result.final_url
        row.redirects = [list(r) for r in result.redirects]
        row.error, row.checked_at = result.error, now
    if complete:
        current = set(checked)
        for key, row in existing.items():
            if key not in current:
                db.session.delete(row)
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    audit.record("weblinks gecontroleerd", target="weblinks",
                 reason=", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "geen weblinks")
    db.session.commit()


def problems() -> list[LinkCheck]:
    return list(db.session.scalars(sa.select(LinkCheck).where(LinkCheck.status != OK)
                                   .order_by(LinkCheck.status, LinkCheck.intervention_id, LinkCheck.url)))


def count_problems() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LinkCheck).where(LinkCheck.status != OK)) or 0


def last_checked() -> datetime | None:
    return db.session.scalar(sa.select(sa.func.max(LinkCheck.checked_at)))
