"""A SQLite archive opened with the standard library, for the query commands: SQLAlchemy (and
Alembic) is imported only when the URL is not a plain SQLite file or the schema is not the
newest, so `congvan tasks` answers in a fraction of what those imports take.

What every connection to a SQLite archive is given (the pragmas) and what the newest schema is
(HEAD) are defined here once; pipeline/storage/db.py uses both.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

DEFAULT_URL = "sqlite:///data/processed/congvan.db"
# The newest revision in migrations/versions, named by its file's number prefix (tests/test_storage.py
# checks it against Alembic's head): a database at it needs no migration, so Alembic (0.4 s of
# imports) is not loaded.
HEAD = max(p.name.split("_", 1)[0] for p in (Path(__file__).parent / "migrations" / "versions").glob("[0-9]*_*.py"))
# `sqlite:///FILE` with nothing SQLAlchemy would read otherwise (a query string, %-escapes, a
# URI filename): anything else is opened by SQLAlchemy.
_PLAIN = re.compile(r"sqlite:///([^?#%@]+)")


def default_url() -> str:
    return os.environ.get("CONGVAN_DB", DEFAULT_URL)


def sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object = None) -> None:
    cur = dbapi_conn.cursor()
    # The timeout first: switching to WAL needs a lock that another ingest opening the same new
    # database may hold, and without a timeout the switch fails at once ("database is locked").
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL with NORMAL: a killed process loses nothing committed (the WAL is written at commit);
    # only an OS crash may lose the last commits, never consistency. FULL synced every document.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///FILE` URL (None for every other URL)."""
    m = _PLAIN.fullmatch(url)
    if m is None or m.group(1) == ":memory:" or m.group(1).startswith("file:"):
        return None
    return Path(m.group(1))


def connect(url: str | None) -> sqlite3.Connection | None:
    """A connection to the existing SQLite file `url` names, at the newest schema (one SELECT
    checks it); None where SQLAlchemy must open it: another dialect or URL form, no file there (its
    error names the file), an older schema (it migrates), or any error (its message is the one
    users know)."""
    path = plain_sqlite_file(url or default_url())
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        sqlite_pragmas(conn)
        at_head = conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    except sqlite3.Error:
        at_head = False
    if not at_head:
        conn.close()
        return None
    return conn
