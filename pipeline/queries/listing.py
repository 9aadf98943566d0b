"""The two queries an analyst types most, `tasks` and `search`, written once in SQL text that runs
on a SQLAlchemy session (SQLite or PostgreSQL, the web pages) or on a standard-library sqlite3
connection (the `congvan` commands on a SQLite file, see pipeline/cli.py).

Why text: this module imports neither SQLAlchemy nor the models, which cost a query command
most of its 0.25 s from the shell (SQLAlchemy's imports alone take longer on this machine).
The statements are the ones SQLAlchemy compiled from the expressions they replace (same joins,
same order, so the same plans); named parameters (`:name`) are what both sqlite3 and text() take.
"""
from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from extractors.text import fold, name_key

from ..errors import UsageError

# A query longer than this is refused as a usage error (PostgreSQL's text search parser runs
# out of stack near 10,000 words, long before an analyst types that many).
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64
CHUNK = 5000  # ids bound in one IN list (SQLite allows 32,766 variables a statement)

Db = Any  # a sqlite3.Connection, or a sqlalchemy.orm.Session on any dialect


def _sqlite(db: Db) -> sqlite3.Connection | None:
    """The sqlite3 connection under `db` (a session on SQLite runs the statements on its own
    connection, in its transaction); None on another dialect."""
    if isinstance(db, sqlite3.Connection):
        return db
    if db.autoflush:
        db.flush()  # as the session's own execute would: what it holds unwritten is in the answer
    conn = db.connection()
    return conn.connection.driver_connection if conn.dialect.name == "sqlite" else None  # type: ignore[no-any-return]


def _statement(sql: str, params: dict[str, Any]) -> Any:
    """`sql` for SQLAlchemy, a list parameter bound as an expanding IN list (see _in)."""
    from sqlalchemy import bindparam, text

    return text(sql).bindparams(*(bindparam(k, expanding=True) for k, v in params.items() if isinstance(v, list)))


def _rows(db: Db, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    params = params or {}
    raw = _sqlite(db)
    if raw is not None:
        return raw.execute(sql, params).fetchall()
    return list(db.execute(_statement(sql, params), params).all())


def _scalar(db: Db, sql: str, params: dict[str, Any] | None = None) -> Any:
    rows = _rows(db, sql, params)
    return rows[0][0] if rows else None


def _batches(db: Db, sql: str, params: dict[str, Any], size: int) -> Iterator[Sequence[Any]]:
    """The rows of `sql`, `size` at a time, fetched as they are read."""
    raw = _sqlite(db)
    if raw is not None:
        cur = raw.execute(sql, params)
        while rows := cur.fetchmany(size):
            yield rows
        return
    yield from db.execute(_statement(sql, params).execution_options(yield_per=size), params).partitions()


def dialect(db: Db) -> str:
    return "sqlite" if _sqlite(db) is not None else db.get_bind().dialect.name


def _in(db: Db, name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """An IN list of `values` and its parameters: `(:name_0, :name_1, …)` for sqlite3, else one
    expanding parameter (SQLAlchemy caches that statement; thousands of names it would parse anew)."""
    if _sqlite(db) is None:
        return f":{name}", {name: list(values)}
    return "(" + ", ".join(f":{name}_{i}" for i in range(len(values))) + ")", {f"{name}_{i}": v for i, v in enumerate(values)}


def shown_number(number: str | None, symbol: str | None) -> str:
    """How a document is named when its number was left blank ("Số:    /UBND")."""
    return number or (f"…/{symbol}" if symbol else "(no number)")


def check_length(what: str, value: str) -> None:
    if len(value) > MAX_QUERY_CHARS:
        raise UsageError(f"{what} is {len(value)} characters long; the limit is {MAX_QUERY_CHARS}")


def filter_key(what: str, value: str) -> str:
    """The folded key a name filter matches on; one that folds to nothing would match every row."""
    check_length(what, value)
    key = name_key(value)
    if not key:
        raise UsageError(f"{what} {value!r} has no letters or digits to match on")
    return key


def _orgs_like(param: str) -> str:
    """The organizations whose name or an alias holds the key bound to `param`."""
    return (f'SELECT organization.id FROM organization WHERE organization."key" LIKE :{param} UNION '
            f'SELECT organization_alias.organization_id FROM organization_alias WHERE organization_alias."key" LIKE :{param}')


_TASKS = ("SELECT task.id, task.ordinal, task.text, task.deadline, document.number, document.symbol, "
          "document.doc_type, document.issue_date, document.issuer_text, organization_1.name AS issuer, "
          "document_1.number AS assigned_by FROM task JOIN document ON task.document_id = document.id "
          "LEFT OUTER JOIN organization AS organization_1 ON organization_1.id = document.issuer_id "
          "LEFT OUTER JOIN document AS document_1 ON document_1.id = task.assigned_by_id")


def tasks(db: Db, assignee: str | None = None, issuer: str | None = None,
          due_before: str | None = None, overdue: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Tasks, earliest document first; assignee and issuer match names and aliases loosely."""
    return list(iter_tasks(db, assignee, issuer, due_before, overdue, limit))


def iter_tasks(db: Db, assignee: str | None = None, issuer: str | None = None,
               due_before: str | None = None, overdue: bool = False, limit: int | None = None,
               batch: int = 2000) -> Iterator[dict[str, Any]]:
    """`tasks` as a stream, `batch` rows at a time with their assignees, so that CSV and JSON of
    every task in a large archive start at once and hold one batch in memory.

    Plain rows, not ORM objects: a broad assignee ("phong") can match tens of thousands of tasks.
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    if assignee is not None:
        params["assignee"] = f"%{filter_key('--assignee', assignee)}%"
        if limit is not None and _broad(db, params["assignee"], limit):
            # Walk the tasks in the order shown, keeping those with a matching assignee, until `limit`:
            # `+ 0` keeps the planner off the (organization, task) index, which would probe every
            # matched body for each task.
            where.append("EXISTS (SELECT * FROM task_assignee WHERE task_assignee.task_id = task.id AND "
                         f"(task_assignee.organization_id + 0) IN ({_orgs_like('assignee')}))")
        else:
            where.append("task.id IN (SELECT task_assignee.task_id FROM task_assignee "
                         f"WHERE task_assignee.organization_id IN ({_orgs_like('assignee')}))")
    if issuer is not None:
        params["issuer"] = f"%{filter_key('--issuer', issuer)}%"
        where.append(f"document.issuer_id IN ({_orgs_like('issuer')})")
    if due_before:
        params["due_before"] = due_before
        where.append("task.deadline IS NOT NULL AND task.deadline < :due_before")
    if overdue:
        params["today"] = date.today().isoformat()
        where.append("task.deadline IS NOT NULL AND task.deadline < :today")
    sql = _TASKS + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY document.issue_date, task.id"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    for rows in _batches(db, sql, params, batch):
        people = _assignees(db, [r[0] for r in rows])
        yield from ({"document": shown_number(number, symbol), "doc_type": doc_type, "issued": issued,
                     "issuer": org or issuer_text, "assigned_by": by, "assignees": people.get(task_id, []),
                     "task": text, "deadline": deadline, "ordinal": ordinal}
                    for task_id, ordinal, text, deadline, number, symbol, doc_type, issued, issuer_text, org, by in rows)


def _broad(db: Db, key: str, limit: int) -> bool:
    """Whether so many tasks match that walking all tasks in date order finds `limit` of them sooner
    than sorting every match: the walk reads about limit x tasks / matched tasks, the sort `matched`
    (the broad "phong kinh te" matches 47,000 of 500,000 tasks; one body about 250)."""
    matched = _scalar(db, "SELECT count(*) AS count_1 FROM task_assignee WHERE task_assignee.organization_id IN "
                          f"({_orgs_like('assignee')})", {"assignee": key}) or 0
    total = _scalar(db, "SELECT max(task.id) AS max_1 FROM task") or 0
    return matched * matched >= 4 * limit * total


def _assignees(db: Db, task_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    out: dict[int, list[dict[str, str]]] = defaultdict(list)
    for i in range(0, len(task_ids), CHUNK):
        marks, params = _in(db, "t", task_ids[i:i + CHUNK])
        for task_id, printed, role in _rows(db, "SELECT task_assignee.task_id, task_assignee.printed, task_assignee.role "
                                            f"FROM task_assignee WHERE task_assignee.task_id IN {marks} "
                                            "ORDER BY task_assignee.id", params):
            out[task_id].append({"name": printed, "role": role})
    return out


def search(db: Db, query: str, limit: int | None = 20) -> list[dict[str, Any]]:
    """Full-text search, accents and case ignored; every word must occur, documents holding
    the words as a phrase come first, then by relevance (BM25 on SQLite). No limit when None."""
    words, ranked = search_ranked(db, query, limit)
    return hits(db, ranked, words)


def search_ranked(db: Db, query: str, limit: int | None = 20) -> tuple[list[str], list[tuple[int, float]]]:
    """The folded words of `query` and the (document id, score) of its hits, best first."""
    check_length("the search", query)
    words = re.findall(r"[a-z0-9]+", fold(query))
    if not words:
        raise UsageError(f"the search {query!r} has no letters or digits to match on")
    if len(words) > MAX_QUERY_WORDS:
        raise UsageError(f"the search has {len(words)} words; the limit is {MAX_QUERY_WORDS}")
    if dialect(db) != "sqlite":
        return words, _pg_ranked(db, words, limit)
    ranked: list[tuple[int, float]] = []
    every = " ".join(f'"{w}"' for w in words)
    # the phrase's matches are among every word's, so one bound serves both queries
    bound = 0 if limit is None else _scalar(db, _FTS_NEWEST, {"q": every, "n": max(SEARCH_CANDIDATES, limit)}) or 0
    for match in ('"' + " ".join(words) + '"', every):
        found = _rows(db, _FTS_RANKED, {"q": match, "bound": bound, "n": -1 if limit is None else limit})
        have = {i for i, _ in ranked}
        ranked += [(rowid, -score) for rowid, score in found if rowid not in have]
        if len(words) == 1:
            break
    return words, ranked[:limit]


# A limited search ranks at most this many matches, the newest (highest document id): BM25 is
# computed for every row it ranks, and two common words match most of an archive (80,000 of
# 100,000 documents took 110 ms to rank; the newest 5,000 take 5). The scores are the same (FTS5
# takes each word's frequency from the whole index); `--limit 0` ranks every match.
SEARCH_CANDIDATES = 5000
# The rowid bound is a range FTS5 seeks to in each word's list, so the rows below it are never scored.
_FTS_RANKED = ("SELECT rowid, bm25(document_fts) AS score FROM document_fts "
               "WHERE document_fts MATCH :q AND rowid >= :bound ORDER BY score LIMIT :n")
_FTS_NEWEST = "SELECT rowid FROM document_fts WHERE document_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :n - 1"

# The expression of migration 0003's GIN index (the index is used only when this matches it).
PG_SEARCH_VECTOR = "to_tsvector('congvan', regexp_replace(body, '[-/.@_:]+', ' ', 'g'))"


def _pg_ranked(db: Db, words: list[str], limit: int | None) -> list[tuple[int, float]]:
    """PostgreSQL's own text search (unaccent configuration): all words, the phrase first
    (LIMIT NULL is no limit)."""
    sql = (f"SELECT document_id, ts_rank_cd({PG_SEARCH_VECTOR}, q) + "
           f"CASE WHEN {PG_SEARCH_VECTOR} @@ to_tsquery('congvan', :phrase) THEN 1000 ELSE 0 END AS score "
           f"FROM document_text, to_tsquery('congvan', :all) AS q WHERE {PG_SEARCH_VECTOR} @@ q "
           "ORDER BY score DESC, document_id LIMIT :n")
    rows = _rows(db, sql, {"all": " & ".join(words), "phrase": " <-> ".join(words), "n": limit})
    return [(document_id, float(score)) for document_id, score in rows]


def hits(db: Db, ranked: list[tuple[int, float]], words: list[str]) -> list[dict[str, Any]]:
    """Search hits for these ranked ids: the document's fields and a snippet around the match."""
    ids = [i for i, _ in ranked]
    docs: dict[int, Any] = {}
    texts: dict[int, tuple[str, str]] = {}
    paths: dict[int, str] = {}
    for at in range(0, len(ids), CHUNK):
        marks, params = _in(db, "d", ids[at:at + CHUNK])
        docs.update((r[0], r) for r in _rows(
            db, "SELECT document.id, document.number, document.doc_type, document.issue_date, document.subject, "
                "document.issuer_text, organization_1.id, organization_1.name FROM document LEFT OUTER JOIN "
                "organization AS organization_1 ON organization_1.id = document.issuer_id "
                f"WHERE document.id IN {marks}", params))
        texts.update((r[0], (r[1], r[2])) for r in _rows(
            db, "SELECT document_text.document_id, document_text.body, document_text.folded FROM document_text "
                f"WHERE document_text.document_id IN {marks}", params))
        paths.update((r[0], r[1]) for r in _rows(
            db, f"SELECT source.document_id, source.path FROM source WHERE source.document_id IN {marks}", params))
    out = []
    for i, score in ranked:
        _, number, doc_type, issued, subject, issuer_text, org_id, org = docs[i]
        t = texts.get(i)
        out.append({"id": i, "number": number, "doc_type": doc_type, "date": issued,
                    "issuer": org if org_id is not None else issuer_text, "subject": subject,
                    "score": round(score, 6), "snippet": snippet(t[0], t[1], words) if t else "",
                    "source": paths.get(i)})
    return out


def snippet(body: str, folded: str, words: list[str], width: int = 160) -> str:
    """The stretch of the original text around the first match (folded text aligns char for char)."""
    phrase = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b")
    m = phrase.search(folded) or re.search(r"\b(" + "|".join(map(re.escape, words)) + r")\b", folded)
    at = m.start() if m else 0
    start = max(0, at - width // 3)
    piece = " ".join(body[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(body) else "")
