"""source_signature: each digital signature of a source file, as pyHanko checked it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 12:45:00

A signed PDF's signatures (signer, issuer, times, application, field and page, what each covers,
integrity, trust) are facts about the file's bytes: one row per signature, under its source.
Sources stored before this revision have none until `ingest --reprocess` reads them again.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('source_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('field_name', sa.String(length=200), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('signer_cn', sa.String(length=400), nullable=True),
    sa.Column('signer_o', sa.String(length=400), nullable=True),
    sa.Column('signer_ou', sa.String(length=400), nullable=True),
    sa.Column('signer_l', sa.String(length=200), nullable=True),
    sa.Column('signer_email', sa.String(length=200), nullable=True),
    sa.Column('issuer_cn', sa.String(length=400), nullable=True),
    sa.Column('issuer_o', sa.String(length=400), nullable=True),
    sa.Column('serial', sa.String(length=80), nullable=True),
    sa.Column('signing_time', sa.String(length=40), nullable=True),
    sa.Column('dictionary_time', sa.String(length=40), nullable=True),
    sa.Column('timestamp', sa.String(length=40), nullable=True),
    sa.Column('application', sa.String(length=400), nullable=True),
    sa.Column('sub_filter', sa.String(length=80), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('revisions', sa.Integer(), nullable=True),
    sa.Column('covers', sa.String(length=40), nullable=True),
    sa.Column('added_after', sa.Text(), nullable=True),
    sa.Column('intact', sa.Boolean(), nullable=True),
    sa.Column('digest', sa.String(length=40), nullable=True),
    sa.Column('weak_digest', sa.Boolean(), nullable=True),
    sa.Column('chain', sa.JSON(), nullable=True),
    sa.Column('trust', sa.String(length=400), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_source_signature_source_id'), 'source_signature', ['source_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_source_signature_source_id'), table_name='source_signature')
    op.drop_table('source_signature')
