"""advice versions: the number and origin of an advice's working version, and the earlier ones

Recomposing a questionnaire that already has an advice, or recalculating it with a newer knowledge
base, makes a new version of the same advice; the replaced version is kept in `advice_version`.
Existing advices become version 1 (made when they were created, by nobody known).

Revision ID: v1_advice_versions
Revises: i1_pdf_cache
"""
import sqlalchemy as sa
from alembic import op

revision = 'v1_advice_versions'
down_revision = 't1_trajectories'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('advice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('version_made_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('version_made_by', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('version_cause', sa.String(length=120), server_default='samengesteld',
                                      nullable=False))
        batch_op.add_column(sa.Column('version_dropped', sa.JSON(), nullable=True))
    op.execute("UPDATE advice SET version_made_at = created_at")
    op.create_table(
        'advice_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('advice_id', sa.String(length=64), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('profile', sa.JSON(), nullable=False),
        sa.Column('kb_version', sa.String(length=32), nullable=False),
        sa.Column('kb_version_id', sa.Integer(), nullable=True),
        sa.Column('result', sa.JSON(), nullable=False),
        sa.Column('current', sa.JSON(), nullable=False),
        sa.Column('edits', sa.JSON(), nullable=False),
        sa.Column('notes', sa.JSON(), nullable=False),
        sa.Column('made_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('made_by', sa.String(length=255), nullable=True),
        sa.Column('cause', sa.String(length=120), nullable=False),
        sa.Column('dropped', sa.JSON(), nullable=True),
        sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['advice_id'], ['advice.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['kb_version_id'], ['knowledge_base_version.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('advice_id', 'number'))
    op.create_index('ix_advice_version_advice_id', 'advice_version', ['advice_id'])


def downgrade():
    op.drop_index('ix_advice_version_advice_id', table_name='advice_version')
    op.drop_table('advice_version')
    with op.batch_alter_table('advice', schema=None) as batch_op:
        for column in ('version_dropped', 'version_cause', 'version_made_by', 'version_made_at', 'version'):
            batch_op.drop_column(column)
