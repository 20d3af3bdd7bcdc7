"""knowledge-base drafts: web edits collected until they are published as a new version

Revision ID: b10b_kb_drafts
Revises: b10a_kb_versions
"""
import sqlalchemy as sa
from alembic import op

revision = 'b10b_kb_drafts'
down_revision = 'b10a_kb_versions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'knowledge_base_draft',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('base_version_id', sa.Integer(), sa.ForeignKey('knowledge_base_version.id'), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('published_version_id', sa.Integer(), sa.ForeignKey('knowledge_base_version.id'), nullable=True),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'))


def downgrade():
    op.drop_table('knowledge_base_draft')
