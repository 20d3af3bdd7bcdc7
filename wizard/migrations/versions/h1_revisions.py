"""revision counters on advices and wizard sessions (compare-and-set against lost updates)

Revision ID: h1_revisions
Revises: d3_feedback_links
Create Date: 2026-12-01 11:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'h1_revisions'
down_revision = 'd3_feedback_links'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('advice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('wizard_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('wizard_session', schema=None) as batch_op:
        batch_op.drop_column('revision')
    with op.batch_alter_table('advice', schema=None) as batch_op:
        batch_op.drop_column('revision')
