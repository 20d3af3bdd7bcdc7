"""feedback reports and link-check results

feedback_report (wizard/feedback/models.py) and link_check (wizard/links/models.py).

Revision ID: d3_feedback_links
Revises: d2_audit
Create Date: 2026-12-01 11:23:17.395692

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3_feedback_links'
down_revision = 'd2_audit'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('intervention_id', sa.String(length=200), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('draft_ref', sa.String(length=200), nullable=True),
    sa.Column('handled_by', sa.String(length=255), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_report_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_report_intervention_id'), ['intervention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_report_status'), ['status'], unique=False)

    op.create_table('link_check',
    sa.Column('intervention_id', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('final_url', sa.String(length=2000), nullable=True),
    sa.Column('redirects', sa.JSON(), nullable=False),
    sa.Column('error', sa.String(length=300), nullable=True),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('intervention_id', 'url')
    )
    with op.batch_alter_table('link_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_check_status'), ['status'], unique=False)


def downgrade():
    op.drop_table('link_check')
    op.drop_table('feedback_report')
