"""opened_at on wizard sessions and advices, for the retention period

`bouwstenenwijzer opruimen` removes what has not been opened for BEWAARTERMIJN_MAANDEN; rows
that exist already count as opened when they were last changed.

Revision ID: c1_opened_at
Revises: h1_revisions
Create Date: 2026-12-01 11:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c1_opened_at'
down_revision = 'h1_revisions'
branch_labels = None
depends_on = None

TABLES = ('wizard_session', 'advice')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True))
            batch_op.create_index(f'ix_{table}_opened_at', ['opened_at'])
        op.execute(f'UPDATE {table} SET opened_at = updated_at')


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f'ix_{table}_opened_at')
            batch_op.drop_column('opened_at')
