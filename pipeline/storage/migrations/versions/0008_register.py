"""register_entry: the incoming register (số đến, ngày đến); account: who may use `congvan serve`

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 15:20:00

Each ingested document gets its line in the incoming register (NĐ 30/2020/NĐ-CP Phụ lục IV mục VI):
a số đến sequential per register and year, and a ngày đến. Documents stored before this revision
are numbered here, in the order they arrived, with the day their first source was ingested as
ngày đến. Accounts hold an argon2 hash of the password and a role (reader, archivist, admin).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

DEFAULT_REGISTER = "chung"  # pipeline/storage/register.DEFAULT_REGISTER when this revision was written


def upgrade() -> None:
    entry = op.create_table('register_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=80), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('arrived', sa.String(length=10), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=400), nullable=True),
    sa.Column('forwarded', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id'),
    sa.UniqueConstraint('register', 'year', 'number', name='uq_register_entry_number'),
    )
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    )
    conn = op.get_bind()
    arrived = sa.text("SELECT d.id, MIN(s.ingested_at) FROM document d JOIN source s ON s.document_id = d.id "
                      "WHERE d.is_stub = :no GROUP BY d.id ORDER BY MIN(s.ingested_at), d.id")
    rows: list[dict[str, object]] = []
    counters: dict[int, int] = {}
    for doc_id, when in conn.execute(arrived, {"no": False}):
        day = str(when)[:10]
        year = int(day[:4])
        counters[year] = counters.get(year, 0) + 1
        rows.append({"register": DEFAULT_REGISTER, "year": year, "number": counters[year], "arrived": day,
                     "document_id": doc_id})
    if rows:
        op.bulk_insert(entry, rows)


def downgrade() -> None:
    op.drop_table('account')
    op.drop_table('register_entry')
