"""pdf_cache: rendered PDFs of the B&W advice, shared by every app server

A PDF is rendered once per version of an advice (keyed on the hash of its HTML) and pruned
oldest-first above a configured total size (PDF_CACHE_MAX_MB). Nothing else refers to it, so
the table can be emptied at any time.

Revision ID: i1_pdf_cache
Revises: c1_opened_at
"""
import sqlalchemy as sa
from alembic import op

revision = 'i1_pdf_cache'
down_revision = 'c1_opened_at'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pdf_cache',
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('digest'))
    op.create_index('ix_pdf_cache_created_at', 'pdf_cache', ['created_at'])


def downgrade():
    op.drop_index('ix_pdf_cache_created_at', table_name='pdf_cache')
    op.drop_table('pdf_cache')
