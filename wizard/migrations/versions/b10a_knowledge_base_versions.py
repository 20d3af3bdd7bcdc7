"""knowledge-base versions replace the tables of a single loaded knowledge base

Every load (and every published web edit) adds a row to knowledge_base_version holding the whole
knowledge base; advices and questionnaires refer to the version they were made with. The tables
of the single loaded knowledge base are dropped: they held no user data, and `kb load` (which
`make run` performs) writes the current data/ as the first version. Advices and questionnaires
stored before this revision have no version (NULL) and are read against the newest one.

Revision ID: b10a_kb_versions
Revises: 67cea9ea97ac
"""
import sqlalchemy as sa
from alembic import op

revision = 'b10a_kb_versions'
down_revision = '67cea9ea97ac'
branch_labels = None
depends_on = None

OLD_TABLES = ["factor_intervention", "intervention_type_link", "factor_type_link", "protective_factor",
              "theme", "risk_factor", "intervention", "intervention_type", "evidence_level", "bouwsteen",
              "vocabulary_term", "knowledge_base_meta"]


def upgrade():
    op.create_table(
        'knowledge_base_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('source', sa.String(length=40), nullable=False),
        sa.Column('author', sa.String(length=200), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_knowledge_base_version_digest', 'knowledge_base_version', ['digest'])
    for table in ("wizard_session", "advice"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('kb_version_id', sa.Integer(), nullable=True))
            batch.create_foreign_key(f'fk_{table}_kb_version', 'knowledge_base_version', ['kb_version_id'], ['id'])
    with op.batch_alter_table("wizard_session") as batch:
        batch.add_column(sa.Column('previous_kb_version_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_wizard_session_previous_kb_version', 'knowledge_base_version',
                                 ['previous_kb_version_id'], ['id'])
    for table in OLD_TABLES:
        op.drop_table(table)


def downgrade():
    raise RuntimeError("Terug naar één geladen kennisbank kan niet: laad de oude data/ opnieuw "
                              "met een oudere versie van de applicatie.")
