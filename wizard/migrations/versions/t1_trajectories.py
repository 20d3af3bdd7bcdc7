"""trajectory: advisory trajectories (wizard/trajectory/models.py)

Revision ID: t1_trajectories
Revises: i1_pdf_cache
"""
import sqlalchemy as sa
from alembic import op

revision = 't1_trajectories'
down_revision = 'i1_pdf_cache'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'trajectory',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality', sa.String(length=200), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('wizard_session_id', sa.String(length=64), nullable=True),
        sa.Column('edit_token', sa.String(length=64), nullable=False),
        sa.Column('read_token', sa.String(length=64), nullable=False),
        sa.Column('next_steps', sa.JSON(), nullable=False),
        sa.Column('revision', sa.Integer(), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['owner_id'], ['account.id']),
        sa.ForeignKeyConstraint(['wizard_session_id'], ['wizard_session.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('wizard_session_id'),
        sa.UniqueConstraint('edit_token'),
        sa.UniqueConstraint('read_token'))
    op.create_index('ix_trajectory_owner_id', 'trajectory', ['owner_id'])


def downgrade():
    op.drop_index('ix_trajectory_owner_id', table_name='trajectory')
    op.drop_table('trajectory')
