"""correction: archivists' changes to extracted values, append-only; page.words: word boxes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:50:00

A correction wins over extraction on every rebuild of its document (`ingest --reprocess`, a new
source merged in), and a revert is a row of its own, so the table is the audit trail. The
page's word boxes let the web view draw a value's box on the page image; pages stored before
this revision have none until `ingest --reprocess` reads them again. Indexes serve the
documents page's facets.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=True),
    sa.Column('path', sa.String(length=120), nullable=False),
    sa.Column('anchor', sa.JSON(), nullable=True),
    sa.Column('old_value', sa.JSON(), nullable=True),
    sa.Column('new_value', sa.JSON(), nullable=True),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('reverts', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_correction_document_id'), 'correction', ['document_id'], unique=False)
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.add_column(sa.Column('words', sa.JSON(), nullable=True))
    # The documents page counts documents by issuer, type and year. Through ix_document_issuer_id
    # every row was fetched to test is_stub (0.3 s on 100,000 documents); these indexes answer each
    # count alone, and replace the single-column ones, which they serve as well (SQLite kept
    # choosing the old one while both stood).
    op.create_index('ix_document_issuer_stub', 'document', ['issuer_id', 'is_stub'], unique=False)
    op.drop_index('ix_document_issuer_id', table_name='document')
    op.create_index('ix_document_issue_date_stub', 'document', ['issue_date', 'is_stub'], unique=False)
    op.drop_index('ix_document_issue_date', table_name='document')
    op.create_index('ix_document_doc_type_stub', 'document', ['doc_type', 'is_stub'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_document_doc_type_stub', table_name='document')
    op.create_index('ix_document_issue_date', 'document', ['issue_date'], unique=False)
    op.drop_index('ix_document_issue_date_stub', table_name='document')
    op.create_index('ix_document_issuer_id', 'document', ['issuer_id'], unique=False)
    op.drop_index('ix_document_issuer_stub', table_name='document')
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.drop_column('words')
    op.drop_index(op.f('ix_correction_document_id'), table_name='correction')
    op.drop_table('correction')
