"""The knowledge base for the request being served (views call this, never the loader)."""

from wizard.extensions import db
from wizard.kb.domain import load_knowledge_base
from wizard.kb.versions import newest_version_id


def knowledge_base(version_id: int | None = None):
    """The knowledge base of `version_id` (what an advice or questionnaire was made with), or
    the newest one (for the catalogue and for new work)."""
    return load_knowledge_base(db.session, version_id)


def newest_id() -> int | None:
    return newest_version_id(db.session)


def version_id_of(kb) -> int | None:
    """The stored version a domain knowledge base was built from (None for hand-made ones in tests)."""
    return int(kb.version) if str(kb.version).isdigit() else None
