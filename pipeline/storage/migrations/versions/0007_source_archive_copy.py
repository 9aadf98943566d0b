"""source.archive_path, source.archive_sha256: the archive copy `ingest --archive DIR` wrote

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 15:10:00

A source's PDF/A (or PDF) copy with congvan's corrected text layer (pipeline/archive.py) is a fact
about the source's bytes: its path and the sha256 of the copy, null until a copy was written and
passed its check.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('source', sa.Column('archive_path', sa.Text(), nullable=True))
    op.add_column('source', sa.Column('archive_sha256', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('source') as batch:
        batch.drop_column('archive_sha256')
        batch.drop_column('archive_path')
