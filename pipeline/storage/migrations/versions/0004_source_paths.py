"""source_path: every path a source's bytes were found under, one source per path

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:30:00

A file edited in place keeps its path and changes its bytes: the path then moves to the new
source and the old one is dropped, instead of staying beside it with stale values. Identical
bytes under two names are one source with both paths. An older database may hold several
sources for one path (the edits before this revision): the newest keeps it, and `ingest
--reprocess` drops the older ones.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('source_path',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('path')
    )
    op.create_index(op.f('ix_source_path_source_id'), 'source_path', ['source_id'], unique=False)
    op.execute("INSERT INTO source_path (source_id, path) SELECT max(id), path FROM source GROUP BY path")


def downgrade() -> None:
    op.drop_index(op.f('ix_source_path_source_id'), table_name='source_path')
    op.drop_table('source_path')
