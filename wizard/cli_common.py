"""What the command-line modules share."""

import click

from wizard.extensions import db
from wizard.kb.domain import KnowledgeBaseNotLoaded, load_knowledge_base


def loaded_knowledge_base():
    """The newest knowledge base, or a Dutch error that tells how to load one."""
    try:
        return load_knowledge_base(db.session)
    except KnowledgeBaseNotLoaded as exc:
        raise click.ClickException(str(exc)) from None
