"""The knowledge base for the request being served (views call this, never the loader)."""

import time

from flask import current_app, g, has_request_context

from wizard.extensions import db
from wizard.kb.domain import KnowledgeBaseNotLoaded, load_knowledge_base
from wizard.kb.versions import newest_version_id


def knowledge_base(version_id: int | None = None):
    """The knowledge base of `version_id` (what an advice or questionnaire was made with), or the
    newest one (for the catalogue and for new work).

    A given version is immutable and cached (wizard/kb/domain.py). The newest is asked of the
    database once per request (views, templates and helpers all share it), and with
    KB_VERSION_CHECK_SECONDS > 0 at most once per that many seconds per process, so a page that
    needs nothing else from the database sends no query at all; a `kb load` then reaches a
    running process within that time. Outside a request (CLI, scripts) it always asks."""
    if version_id is not None:
        return load_knowledge_base(db.session, version_id)
    if not has_request_context():  # the CLI and scripts: they may have just loaded a new one
        return load_knowledge_base(db.session)
    if "knowledge_base" not in g:
        g.knowledge_base = _recent_or_load()
    return g.knowledge_base


def _recent_or_load():
    seconds = current_app.config.get("KB_VERSION_CHECK_SECONDS", 0)
    recent = current_app.extensions.setdefault("recent_knowledge_base", {})  # per app: tests make many
    now = time.monotonic()
    if seconds > 0 and recent and now - recent["at"] < seconds:
        return recent["kb"]
    kb = load_knowledge_base(db.session)
    recent.update(kb=kb, at=now)
    return kb


def newest_id() -> int | None:
    """The newest version's id, as this request sees it (see `knowledge_base`)."""
    if not has_request_context():
        return newest_version_id(db.session)
    try:
        return version_id_of(knowledge_base())
    except KnowledgeBaseNotLoaded:
        return None


def version_id_of(kb) -> int | None:
    """The stored version a domain knowledge base was built from (None for hand-made ones in tests)."""
    return int(kb.version) if str(kb.version).isdigit() else None
