"""Database URL, engine, and Alembic migrations (applied on open, so a new database just works)."""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url, select
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ..errors import StorageError
from .direct import DEFAULT_URL, HEAD, default_url  # noqa: F401  (defined with the standard-library path)
from .direct import sqlite_pragmas as _sqlite_pragmas

OPEN_ATTEMPTS = 10


def display_url(url: str) -> str:
    """The URL as it may be printed or logged: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)  # not a URL SQLAlchemy parses: mask what looks like one


def _hide_password(text: str, url: str) -> str:
    """A driver's message with the URL's password masked wherever the message repeats it."""
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        return text
    return text.replace(str(password), "***") if password else text


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (None for memory databases, URI filenames and other dialects)."""
    try:
        u = make_url(url)
    except (ArgumentError, ValueError):
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" or u.database.startswith("file:"):
        return None
    return Path(u.database)


def alembic_config(url: str):  # type: ignore[no-untyped-def]  # noqa: ANN201
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def revision(engine: Engine) -> str | None:
    """The database's schema revision (one SELECT); None for a database Alembic never touched."""
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except SQLAlchemyError as e:
        if is_locked(e):
            raise
        return None  # no such table (the error's wording differs by dialect): a new database


def upgrade(engine: Engine) -> None:
    """Migrate to the newest schema; a database already there costs one SELECT."""
    if revision(engine) == HEAD:
        return
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        # Two ingests opening one new database at once: the second waits here, then finds it at head.
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(2026112201)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_engine(url: str | None = None, migrate: bool = True, create: bool = True) -> Engine:
    """An engine on the database at `url`, migrated to the newest schema. With create=False a
    SQLite file that does not exist is an error, not a new empty database (queries pass that:
    run from the wrong folder, they would otherwise answer "(no rows)" from a database just made)."""
    url = url or default_url()
    path = sqlite_file(url)
    if path is not None and not create and not path.is_file():
        raise StorageError(f"no database at {path.absolute()} (give --db or $CONGVAN_DB, or create it with `congvan ingest` "
                           "or `congvan db upgrade`)")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
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
                reason = _hide_password(str(e)[:200], url)
                raise StorageError(f"cannot open database {display_url(url)}: {e.__class__.__name__}: {reason}") from None
            time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


def is_locked(e: SQLAlchemyError) -> bool:
    """Another writer holds SQLite's lock past the busy timeout, or PostgreSQL chose this transaction
    as a deadlock's or a serialisation failure's victim: worth trying again."""
    if not isinstance(e, OperationalError):
        return False
    return "locked" in str(e.orig) or getattr(e.orig, "sqlstate", None) in _TRANSIENT_STATES


_TRANSIENT_STATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected


def insert_new(session: Any, model: type[Any], unique: str, **values: Any) -> tuple[int, bool]:
    """INSERT the row unless a row with the same value in the `unique` column exists, committed or
    being committed by another writer (PostgreSQL waits for that writer's transaction instead of
    failing ours); the row's id, and whether this transaction made it. Two ingests meeting on a body
    or a person then cost no retried transaction."""
    from sqlalchemy.dialects import postgresql, sqlite

    column = getattr(model, unique)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    made = session.scalar(dialect.insert(model).values(**values).on_conflict_do_nothing(index_elements=[column])
                          .returning(model.id))
    if made is not None:
        return made, True
    return session.scalar(select(model.id).where(column == values[unique])), False
