"""The query commands (`tasks`, `search`, `show`, `trace`) as plain functions, and the quick reading of their argv.

A query on an existing archive should answer in under 0.25 s from the shell. Typer builds a
pydantic adapter for every option of every command before it runs one (about 0.25 s of CPU here,
more than the target with the interpreter's start), and SQLAlchemy's imports cost more again. So
pipeline/cli.py reads the argv of these two commands itself (QUICK below) and calls these functions,
which open a SQLite file with the standard library (pipeline/storage/direct.py), import the queries
only when they run and rich only to draw a table. The typer commands in pipeline/cli_app.py call
the same functions, and give help, usage errors and every other command; tests/test_cli_quick.py
checks QUICK against their options.
"""
from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import UsageError

SEARCH_COLUMNS = ["number", "doc_type", "date", "issuer", "subject", "score", "snippet", "source"]
TASK_COLUMNS = ["document", "issuer", "assignee", "task", "deadline", "assigned_by"]

# command -> (its positional parameters, its options: flag -> (parameter, str | int | the value a flag sets))
QUICK: dict[str, tuple[list[str], dict[str, tuple[str, Any]]]] = {
    "tasks": ([], {"--db": ("db", str), "--assignee": ("assignee", str), "--issuer": ("issuer", str),
                   "--due-before": ("due_before", str), "--overdue": ("overdue", True),
                   "--no-overdue": ("overdue", False), "--limit": ("limit", int), "--format": ("fmt", str)}),
    "search": (["query"], {"--db": ("db", str), "--limit": ("limit", int), "--format": ("fmt", str)}),
    "show": (["number"], {"--db": ("db", str), "--format": ("fmt", str)}),
    "trace": (["number"], {"--db": ("db", str), "--up": ("up", True), "--down": ("down", True),
                           "--depth": ("depth", int), "--format": ("fmt", str)}),
}
VERBOSE = ("-v", "--verbose")


def parse(argv: list[str]) -> tuple[bool, str, dict[str, Any]] | None:
    """(verbose, command, its keyword arguments) when argv is a plain call of a QUICK command;
    None for anything else (help, a typing error, an option it does not know, another command),
    which typer then reads, with its own messages."""
    verbose = False
    while argv and argv[0] in VERBOSE:
        verbose, argv = True, argv[1:]
    if not argv or argv[0] not in QUICK:
        return None
    positional, options = QUICK[argv[0]]
    kwargs: dict[str, Any] = {}
    given: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if token == "--":
            given += rest
            break
        if not token.startswith("-") or token == "-":
            given.append(token)
            continue
        flag, eq, value = token.partition("=")
        if flag not in options:
            return None
        name, kind = options[flag]
        if kind not in (str, int):  # a flag: it takes no value
            if eq:
                return None
            kwargs[name] = kind
            continue
        if not eq:
            value = next(rest, "-")
            if value.startswith("-"):  # missing, or what click might read as an option: let it decide
                return None
        if kind is int:
            if not re.fullmatch(r"[0-9]+", value):
                return None
            kwargs[name] = int(value)
        else:
            kwargs[name] = value
    if len(given) != len(positional):
        return None
    kwargs.update(zip(positional, given, strict=True))
    return verbose, argv[0], kwargs


@contextmanager
def database(db: str | None, orm: bool = False) -> Iterator[Any]:
    """The archive to query: a standard-library connection to a SQLite file at the newest schema, else
    (or for the ORM's queries) a SQLAlchemy session. A query never creates a database."""
    from .storage import direct

    conn = None if orm else direct.connect(db)
    if conn is not None:
        try:
            yield conn
        finally:
            conn.close()
        return
    from sqlalchemy.orm import Session

    from .storage.db import open_engine

    with Session(open_engine(db, create=False)) as s:
        yield s


def tasks(db: str | None = None, assignee: str | None = None, issuer: str | None = None, due_before: str | None = None,
          overdue: bool = False, limit: int | None = None, fmt: str = "table") -> None:
    """`congvan tasks` (its help is in pipeline/cli_app.py)."""
    from .queries import listing, render

    if due_before:
        check_date(due_before)
    if limit is None:
        limit = 50 if fmt == "table" else 0
    check_limit(limit)
    columns = list(TASK_COLUMNS)
    with database(db) as s:
        rows = listing.iter_tasks(s, assignee, issuer, due_before, overdue, limit or None)
        if fmt != "table":  # streamed while the query runs: every task of an archive starts at once
            render.emit(rows if fmt == "json" else map(flat_task, rows), fmt, "Who assigned what to whom", columns)
            return
        flat = [flat_task(r) for r in rows]
    if limit and len(flat) == limit:
        print(f"(the first {limit} tasks; --limit 0 or --format csv for all)", file=sys.stderr, flush=True)
    if not any(r["assigned_by"] for r in flat):
        columns.remove("assigned_by")  # set only where a task table names another document; else noise
    render.emit(flat, fmt, "Who assigned what to whom", columns)


def flat_task(r: dict[str, Any]) -> dict[str, Any]:
    """A task as one row of the table or CSV: its assignees in one cell."""
    return {"document": r["document"], "issuer": r["issuer"] or "", "assignee": "; ".join(
        f"{a['name']}{' (support)' if a['role'] == 'support' else ''}" for a in r["assignees"]),
        "task": r["task"], "deadline": r["deadline"] or "", "assigned_by": r["assigned_by"] or ""}


def search(query: str, db: str | None = None, limit: int = 20, fmt: str = "table") -> None:
    """`congvan search` (its help is in pipeline/cli_app.py)."""
    from .queries import listing, render

    check_limit(limit)
    with database(db) as s:
        hits = listing.search(s, query, limit or None)
    render.emit(hits, fmt, f"Documents matching {query!r}", SEARCH_COLUMNS)


def show(number: str, db: str | None = None, fmt: str = "table") -> None:
    """`congvan show`: on a SQLite file at the newest schema with the standard library (queries/shown.py), else on the ORM."""
    from .queries import render

    with database(db) as s:
        if isinstance(s, sqlite3.Connection):  # a SQLite file at the newest schema: no SQLAlchemy (queries/shown.py)
            from .queries.shown import show as query
        else:
            from .queries.lookup import show as query  # type: ignore[assignment]
        docs = query(s, number)
        if not docs:
            not_found(s, number)
    if fmt == "table":
        render.documents(docs)
    else:
        render.emit(docs if fmt == "json" else [{k: render.plain(v) for k, v in d.items()} for d in docs], fmt,
                    f"Documents numbered {number}")


def trace(number: str, db: str | None = None, up: bool = False, down: bool = False, depth: int = 5,
          fmt: str = "table") -> None:
    """`congvan trace` (on the ORM: SQLAlchemy is imported, typer is not)."""
    from .queries import render
    from .queries.lookup import trace as query

    if up and down:
        raise UsageError("give --up or --down, not both")
    with database(db, orm=True) as s:
        roots = query(s, number, "up" if up else "down", depth)
        if not roots:
            not_found(s, number)
    if fmt == "table":
        render.tree(roots, "cites" if up else "cited by")
    else:
        render.emit(roots if fmt == "json" else list(render.flatten(roots)), fmt, f"Trace of {number}")


def not_found(session: Any, number: str) -> None:
    from .errors import NotFound
    from .queries import render
    if isinstance(session, sqlite3.Connection):
        from .queries.shown import nearest_numbers
    else:
        from .queries.lookup import nearest_numbers  # type: ignore[assignment]

    near = nearest_numbers(session, number)
    hint = f"; nearest: {', '.join(render.safe(n) for n in near)}" if near else ""
    raise NotFound(f"no document numbered {number}{hint}")


def check_limit(limit: int) -> None:
    if limit < 0:
        raise UsageError(f"--limit must be 0 (no limit) or more, not {limit}")


def check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD)") from None
