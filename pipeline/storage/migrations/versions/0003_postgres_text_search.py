"""PostgreSQL full-text search: an unaccent configuration and a GIN index over document_text.body

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 09:30:00

Vietnamese is searched without its marks (`quyet dinh` finds `Quyết định`), so the `congvan`
configuration runs unaccent before the simple dictionary. Symbols are split where SQLite's
unicode61 tokenizer splits them (`03-CV/BCĐ` → 03, cv, bcd) rather than kept whole as
PostgreSQL's parser would (`cv/bc` as a file path). pipeline/queries/lookup.py uses the same expression.
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_WORDS = "asciiword, word, numword, asciihword, hword, numhword, hword_part, hword_asciipart, hword_numpart"
_VECTOR = "to_tsvector('congvan', regexp_replace(body, '[-/.@_:]+', ' ', 'g'))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE TEXT SEARCH CONFIGURATION congvan (COPY = simple)")
    op.execute(f"ALTER TEXT SEARCH CONFIGURATION congvan ALTER MAPPING FOR {_WORDS} WITH unaccent, simple")
    op.execute(f"CREATE INDEX ix_document_text_search ON document_text USING gin ({_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_document_text_search")
    op.execute("DROP TEXT SEARCH CONFIGURATION congvan")
