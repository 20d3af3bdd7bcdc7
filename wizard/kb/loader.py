"""Publish a validated knowledge base as a new version in one transaction: either the version
and its search index are written, or the database stays exactly as it was."""

from sqlalchemy.orm import Session

from wizard import models as m
from wizard.catalogue.search import rebuild_search_index
from wizard.kb.files import ValidatedKnowledgeBase
from wizard.kb.versions import assemble, publish


def replace_knowledge_base(session: Session, kb: ValidatedKnowledgeBase, source: str = "kb load",
                           author: str | None = None) -> tuple[m.KnowledgeBaseVersion, bool]:
    """Publish `kb` as the newest version (unless it equals the newest) and commit; roll back on
    any error. Earlier versions are kept. Returns the newest version and whether it is new."""
    try:
        version, created = _write(session, kb, source, author)
        session.commit()
        return version, created
    except Exception:
        session.rollback()
        raise


def _write(session: Session, kb: ValidatedKnowledgeBase, source: str, author: str | None):
    content = kb.content()
    version, created = publish(session, content, source, author)
    if created:
        rebuild_search_index(session, assemble(content, str(version.id)))
    return version, created
