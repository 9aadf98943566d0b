"""`congvan show` on a SQLite archive opened with the standard library (pipeline/storage/direct.py).

The same answer as pipeline/queries/lookup.py's `show` on the ORM (tests/test_show_direct.py
compares the two), in SQL text: SQLAlchemy's and the models' imports took a `show` from the shell
0.6 s, past the 0.25 s a query command is allowed. A fixed number of statements per document shown.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from extractors.text import fold

from .listing import check_length, shown_number


def number_key(number: str) -> str:
    """How typed numbers are compared: accents, case, spaces and dash style ignored
    ("410/qd - ubnd" and "410/QĐ-UBND" are one key)."""
    return re.sub(r"\s+", "", fold(unicodedata.normalize("NFC", number))).translate(_DASHES)


_DASHES = str.maketrans("‐‑‒–—―−", "-------")


def signature_shown(path: str, g: Any) -> dict[str, Any]:
    """One signature of a source as `show` lists it: who, when, what it covers, whether it holds."""
    if g.error:
        return {"source": path, "field": g.field_name, "result": g.error}
    if g.kind != "digital":  # a stamp printed on the page: what it says, with nothing checked
        return {"source": path, "kind": g.kind, "page": g.page,
                "signer": ", ".join(x for x in (g.signer_cn, g.signer_o, g.signer_email) if x),
                "signed": g.signing_time, "trust": g.trust}
    signer = ", ".join(x for x in (g.signer_cn, g.signer_o, g.signer_l, g.signer_email) if x)
    after = f" (then {g.added_after})" if g.added_after else ""
    return {"source": path, "field": g.field_name, "page": g.page, "signer": signer,
            "issuer": ", ".join(x for x in (g.issuer_cn, g.issuer_o) if x), "signed": g.signing_time,
            "M": g.dictionary_time, "app": g.application, "covers": f"{g.covers}{after}",
            "intact": "yes" if g.intact else "NO: the signed bytes changed",
            "digest": f"{g.digest} (weak)" if g.weak_digest else g.digest, "trust": g.trust}


def stored_numbers(conn: sqlite3.Connection) -> list[str]:
    return [n for (n,) in conn.execute("SELECT DISTINCT number FROM document WHERE number IS NOT NULL ORDER BY number")]


def nearest_numbers(conn: sqlite3.Connection, number: str, n: int = 5) -> list[str]:
    """Stored numbers that look most like `number`, best first (what to suggest on a miss)."""
    from rapidfuzz import fuzz, process

    stored = stored_numbers(conn)
    keys = [number_key(s) for s in stored]
    found = process.extract(number_key(number), keys, scorer=fuzz.ratio, limit=n, score_cutoff=60)
    return [stored[i] for _, _, i in found]


def show(conn: sqlite3.Connection, number: str) -> list[dict[str, Any]]:
    """Every document with that number (or, failing it, every number equal to it by number_key),
    each with its sources, fields, references both ways, tasks."""
    check_length("the number", number)
    conn.row_factory = sqlite3.Row
    docs = _documents(conn, [number])
    if not docs:
        key = number_key(number)
        docs = _documents(conn, [n for n in stored_numbers(conn) if n != number and number_key(n) == key])
    return [_document(conn, d) for d in docs]


def _documents(conn: sqlite3.Connection, numbers: list[str]) -> list[sqlite3.Row]:
    if not numbers:
        return []
    marks = ",".join("?" * len(numbers))
    return conn.execute("SELECT document.*, organization.name AS issuer_name FROM document LEFT OUTER JOIN "
                        f"organization ON organization.id = document.issuer_id WHERE document.number IN ({marks}) "
                        "ORDER BY document.id", numbers).fetchall()


def _document(conn: sqlite3.Connection, d: sqlite3.Row) -> dict[str, Any]:
    one = d["id"]
    sources = conn.execute("SELECT * FROM source WHERE document_id = ? ORDER BY id", (one,)).fetchall()
    paths = {s["id"]: s["path"] for s in sources}
    signed = conn.execute("SELECT source_signature.* FROM source_signature JOIN source ON source.id = "
                          "source_signature.source_id WHERE source.document_id = ? ORDER BY source_signature.source_id, "
                          "source_signature.ordinal, source_signature.id", (one,)).fetchall()
    sig = conn.execute("SELECT signature.title, signature.authority, person.name FROM signature LEFT OUTER JOIN person "
                       "ON person.id = signature.person_id WHERE signature.document_id = ? LIMIT 1", (one,)).fetchone()
    recipients = conn.execute("SELECT kind, text FROM recipient WHERE document_id = ?", (one,)).fetchall()
    provenance = conn.execute("SELECT * FROM provenance WHERE document_id = ?", (one,)).fetchall()
    history = conn.execute("SELECT * FROM correction WHERE document_id = ? ORDER BY id", (one,)).fetchall()
    reverted = {c["reverts"] for c in history if c["reverts"] is not None}
    tasks = conn.execute("SELECT id, ordinal, text, deadline FROM task WHERE document_id = ? ORDER BY id", (one,)).fetchall()
    assignees: dict[int, list[dict[str, Any]]] = {t["id"]: [] for t in tasks}
    for a in conn.execute("SELECT task_assignee.task_id, task_assignee.printed, task_assignee.role FROM task_assignee "
                          "JOIN task ON task.id = task_assignee.task_id WHERE task.document_id = ? "
                          "ORDER BY task_assignee.id", (one,)):
        assignees[a["task_id"]].append({"name": a["printed"], "role": a["role"]})
    records = [json.loads(s["record"]) if s["record"] is not None else None for s in sources]
    return {
        "id": one, "number": d["number"], "doc_type": d["doc_type"], "issue_date": d["issue_date"], "place": d["place"],
        "issuer": d["issuer_name"] if d["issuer_id"] is not None else d["issuer_text"], "subject": d["subject"],
        "stub": _bool(d["is_stub"]),
        "sources": [s["path"] for s in sources],
        "read_as": {s["path"]: s["text_source"] for s in sources},
        "signer": {"name": sig["name"], "title": sig["title"], "authority": sig["authority"]} if sig else None,
        "recipients": [r["text"] for r in recipients if r["kind"] == "to"],
        "cc": [r["text"] for r in recipients if r["kind"] == "cc"],
        "cites": _neighbours(conn, one, "from_id", "to_id"), "cited_by": _neighbours(conn, one, "to_id", "from_id"),
        "tasks": [{"index": i, "ordinal": t["ordinal"], "assignees": assignees[t["id"]], "task": t["text"],
                   "deadline": t["deadline"]} for i, t in enumerate(tasks)],
        "value_sources": {p["field"]: {"source": paths.get(p["source_id"]), "rule": p["rule"], "page": p["page"],
                                       "start": p["start"], "end": p["end"]} for p in provenance},
        "corrections": [{"id": c["id"], "path": c["path"], "old": _json(c["old_value"]), "new": _json(c["new_value"]),
                         "author": c["author"], "at": _seconds(c["created_at"]), "note": c["note"],
                         "reverts": c["reverts"], "in_force": c["reverts"] is None and c["id"] not in reverted}
                        for c in history],
        "abstained": _abstained(d, sources, records, bool(tasks)),
        "digital_signatures": [signature_shown(paths[g["source_id"]], SimpleNamespace(**dict(g))) for g in signed],
        "archive_copies": [{"source": s["path"], "copy": s["archive_path"], "sha256": s["archive_sha256"]}
                           for s in sources if s["archive_path"]],
    }


def abstentions(sources: Iterable[tuple[str, Any]], held: Callable[[str], Any]) -> dict[str, dict[str, Any]]:
    """The fields left null because their evidence was weak, with the value not taken and why, from each
    (path, record) of a document's sources; a field the document holds (`held`) is not listed. lookup's ORM
    `show` and this module's share it."""
    out: dict[str, dict[str, Any]] = {}
    for path, record in sources:
        for field, prov in ((record or {}).get("provenance") or {}).items():
            if isinstance(prov, dict) and prov.get("abstained") and field not in out and not held(field):
                out[field] = {"candidate": prov.get("candidate"), "reason": prov.get("reason"), "check": prov.get("check"),
                              "source": path, "page": prov.get("page")}
    return out


def _abstained(d: sqlite3.Row, sources: list[sqlite3.Row], records: list[Any], has_tasks: bool) -> dict[str, dict[str, Any]]:
    """lookup's abstentions on rows: the ORM's relationships (issuer, sources, tasks) as truth values."""
    held = dict(d)
    held.update(issuer=d["issuer_id"], sources=sources, tasks=has_tasks)
    return abstentions(((s["path"], r) for s, r in zip(sources, records, strict=True)), held.get)


def _neighbours(conn: sqlite3.Connection, one: int, near: str, far: str) -> list[dict[str, Any]]:
    rows = conn.execute(f"SELECT document.id, document.number, document.symbol, document.issue_date, document.is_stub, "
                        f"reference.relation FROM document JOIN reference ON reference.{far} = document.id "
                        f"WHERE reference.{near} = ? ORDER BY reference.id", (one,))
    return [{"id": r["id"], "number": shown_number(r["number"], r["symbol"]), "date": r["issue_date"],
             "relation": r["relation"], "stub": _bool(r["is_stub"])} for r in rows]


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _seconds(value: str | None) -> str | None:
    """A stored time as the ORM's datetime gives it, to the second."""
    return datetime.fromisoformat(value).isoformat(sep=" ", timespec="seconds") if value else None
