"""Database URL, engine, and Alembic migrations (applied on open, so a new database just works)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from .errors import StorageError

DEFAULT_URL = "sqlite:///data/processed/congvan.db"
OPEN_ATTEMPTS = 10


def default_url() -> str:
    return os.environ.get("CONGVAN_DB", DEFAULT_URL)


def alembic_config(url: str):  # type: ignore[no-untyped-def]  # noqa: ANN201
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        # Two ingests opening one new database at once: the second waits here, then finds it at head.
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(2026112201)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(url: str | None = None, migrate: bool = True) -> Engine:
    url = url or default_url()
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        try:
            engine = create_engine(url)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            if migrate:
                upgrade(engine)
            return engine
        except SQLAlchemyError as e:
            # Two ingests creating one new SQLite database: switching it to WAL can fail at once
            # (SQLite does not wait on that lock); the other is done in a moment.
            if attempt == OPEN_ATTEMPTS or not is_locked(e):
                raise StorageError(f"cannot open database {url}: {e.__class__.__name__}: {str(e)[:200]}") from e
            time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


def is_locked(e: SQLAlchemyError) -> bool:
    """Another writer holds SQLite's lock past the busy timeout: worth trying again."""
    return isinstance(e, OperationalError) and "locked" in str(e.orig)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
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
