"""The knowledge base for the request being served (views call this, never the loader)."""

from wizard.extensions import db
from wizard.kb.domain import load_knowledge_base


def knowledge_base():
    return load_knowledge_base(db.session)
