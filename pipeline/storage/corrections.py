"""Archivists' corrections: stored append-only, applied over extraction on every rebuild.

A document is rebuilt from its sources' records (store._rebuild); `applied` then lays the
corrections not reverted over those records, oldest first, so a correction wins over the first
extraction, over `ingest --reprocess` and over a source merged in later, and the provenance of
a corrected value names the correction. A revert is a row of its own: the table is the audit
trail (who, when, old value, new value, note).

A value is named by a path into the record: a scalar ("subject", "issue_date"), a part of the
issuer or signer ("signer.title"), a whole list of strings ("recipients", "cc"), or a part of a
task or reference ("tasks.3.assignees", "references.0.relation"; the item itself to delete it).
A list item is found again by its anchor (a task's ordinal and text, a reference's number), so a
re-extraction that reorders the list does not move a correction onto another item. A column of
the document's line in the incoming register ("register.arrived", "register.recipient") is not
extracted: its correction sets the line (pipeline/storage/register.py) and is kept here as the
audit trail of it, like every other.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Correction, Document, Source

from ..errors import UsageError

SCALARS = ("doc_type", "number", "symbol", "issue_date", "place", "subject")
PARTS = {"issuer": ("name", "parent"), "signer": ("name", "title", "authority")}
LISTS = ("recipients", "cc")
TASK_PARTS = ("assignees", "text", "deadline", "ordinal")
REFERENCE_PARTS = ("number", "relation", "date", "doc_type", "issuer")
# The record format's own enumerations (../shared/spec/record.md).
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
ROLES = ("lead", "support")
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_TASK_MATCH = 50  # rapidfuzz ratio: a task whose text is less like the anchor's is another task


def paths_of(record: dict[str, Any]) -> list[str]:
    """Every path an archivist may correct in this record."""
    out = [*SCALARS, *(f"{k}.{p}" for k, ps in PARTS.items() for p in ps), *LISTS]
    for i, _ in enumerate(record.get("tasks") or []):
        out += [f"tasks.{i}", *(f"tasks.{i}.{p}" for p in TASK_PARTS)]
    for i, _ in enumerate(record.get("references") or []):
        out += [f"references.{i}", *(f"references.{i}.{p}" for p in REFERENCE_PARTS)]
    if record.get("register"):
        from .register import PARTS as REGISTER_PARTS

        out += [f"register.{p}" for p in REGISTER_PARTS]
    return out


def value_at(record: dict[str, Any], path: str) -> Any:
    """The value a path names in a record (None when absent)."""
    node: Any = record
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def check(path: str, value: Any) -> Any:
    """`value` in the record's normal form for `path`, or UsageError saying why it is not."""
    head, *rest = path.split(".")
    if head in SCALARS:
        return _checked_scalar(head, value)
    if head == "register" and len(rest) == 1:
        from . import register

        return register.check(rest[0], value)
    if head in PARTS and len(rest) == 1 and rest[0] in PARTS[head]:
        if rest[0] == "authority" and value not in (None, *AUTHORITIES):
            raise UsageError(f"an authority is one of {', '.join(AUTHORITIES)} or empty, not {value!r}")
        return _text(value, path)
    if head in LISTS and not rest:
        return _strings(value, path)
    if head in ("tasks", "references") and rest and rest[0].isdigit():
        if len(rest) == 1:
            if value is not None:
                raise UsageError(f"{path} can only be deleted (an empty value); correct its parts instead")
            return None
        part = rest[1] if len(rest) == 2 else ""
        if head == "tasks" and part in TASK_PARTS:
            return _checked_task_part(part, value, path)
        if head == "references" and part in REFERENCE_PARTS:
            return _checked_reference_part(part, value, path)
    raise UsageError(f"{path!r} is not a value of a record that can be corrected")


def _checked_scalar(field: str, value: Any) -> Any:
    value = _text(value, field)
    if value is None:
        return None
    if field == "issue_date":
        return _date(value, field)
    if field == "number":
        return re.sub(r"\s+", "", value)
    if field == "doc_type":
        from extractors.vocab import doc_types

        names = {t.name for t in doc_types()}
        if value not in names:
            raise UsageError(f"{value!r} is not a document type of NĐ 30/2020 (one of: {', '.join(sorted(names))})")
    return value


def _checked_task_part(part: str, value: Any, path: str) -> Any:
    if part == "assignees":
        if not isinstance(value, list):
            raise UsageError(f"{path} is a list of assignees")
        out = []
        for a in value:
            name, role = (a.get("name"), a.get("role")) if isinstance(a, dict) else (None, None)
            if not isinstance(name, str) or not name.strip() or role not in ROLES:
                raise UsageError(f"each assignee of {path} needs a name and a role ({' or '.join(ROLES)}), not {a!r}")
            out.append({"name": " ".join(name.split()), "role": role})
        return out
    if part == "text":
        text = _text(value, path)
        if not text:
            raise UsageError(f"{path}: a task has a text; delete the task instead")
        return text
    value = _text(value, path)
    return _date(value, path) if part == "deadline" and value else value


def _checked_reference_part(part: str, value: Any, path: str) -> Any:
    value = _text(value, path)
    if part == "number":
        if not value:
            raise UsageError(f"{path}: a reference has a number; delete the reference instead")
        return re.sub(r"\s+", "", value)
    if part == "relation":
        from extractors.vocab import relation_triggers

        relations = sorted({rel for _, rel in relation_triggers()} | {"cites"})
        if value not in relations:
            raise UsageError(f"a relation is one of {', '.join(relations)}, not {value!r}")
    if part == "date" and value:
        return _date(value, path)
    return value


def _text(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{path} is text, not {type(value).__name__}")
    value = " ".join(value.split())
    return value or None


def _strings(value: Any, path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{path} is a list of names")
    return [" ".join(v.split()) for v in value if v.strip()]


def _date(value: str, path: str) -> str:
    """ISO YYYY-MM-DD (or YYYY-MM, YYYY when the day or month is left blank), a real date."""
    if not _ISO.fullmatch(value):
        raise UsageError(f"{path} is a date as YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    try:
        date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    except ValueError:
        raise UsageError(f"{path}: {value!r} is not a date") from None
    return value


# --- writing ---------------------------------------------------------------------------------------

def correct(session: Session, doc: Document, path: str, value: Any, author: str, note: str | None = None) -> Correction:
    """Store one correction and rebuild the document with it; the caller commits."""
    from .store import rebuild

    if doc.is_stub or not doc.sources:
        raise UsageError("a document that is not ingested (a stub) has no record to correct")
    author = _text(author, "author") or ""
    if not author:
        raise UsageError("a correction names who made it")
    value = check(path, value)
    head, *rest = path.split(".")
    if head == "register":
        from . import register

        old, value = register.change(session, doc, rest[0], value)
        row = Correction(document_id=doc.id, number=doc.number, path=path, old_value=old, new_value=value,
                         author=author, note=_text(note, "note"))
        session.add(row)
        session.flush()
        return row
    view = current(session, doc)
    old = value_at(view, path)
    if head in ("tasks", "references") and value_at(view, f"{head}.{rest[0]}") is None:
        raise UsageError(f"the document has no {head}.{rest[0]}")
    row = Correction(document_id=doc.id, number=doc.number, path=path, anchor=_anchor(view, path),
                     old_value=old, new_value=value, author=author, note=_text(note, "note"))
    session.add(row)
    session.flush()
    rebuild(session, doc)
    return row


def revert(session: Session, correction_id: int, author: str, note: str | None = None) -> Correction:
    """Take a correction back (a row of its own) and rebuild its document; the caller commits."""
    from .store import rebuild

    target = session.get(Correction, correction_id)
    if target is None or target.reverts is not None:
        raise UsageError(f"no correction #{correction_id} to revert")
    if session.scalar(select(Correction.id).where(Correction.reverts == correction_id)) is not None:
        raise UsageError(f"correction #{correction_id} is reverted already")
    author = _text(author, "author") or ""
    if not author:
        raise UsageError("a revert names who made it")
    row = Correction(document_id=target.document_id, number=target.number, path=target.path, anchor=target.anchor,
                     old_value=target.new_value, new_value=target.old_value, author=author,
                     note=_text(note, "note"), reverts=target.id)
    session.add(row)
    session.flush()
    if target.path.startswith("register."):
        from . import register

        # the column as the corrections still in force leave it: the last one's value, else the first value
        same = [c for c in history(session, target.document_id) if c.path == target.path]
        kept = in_force(same)
        register.set_again(session, target.document_id, target.path.split(".", 1)[1],
                           kept[-1].new_value if kept else same[0].old_value)
        return row
    doc = session.get(Document, target.document_id)
    if doc is not None and doc.sources:
        rebuild(session, doc)
    return row


def _anchor(view: dict[str, Any], path: str) -> dict[str, Any] | None:
    head, *rest = path.split(".")
    if head not in ("tasks", "references") or not rest:
        return None
    item = value_at(view, f"{head}.{rest[0]}") or {}
    if head == "tasks":
        return {"index": int(rest[0]), "ordinal": item.get("ordinal"), "text": item.get("text")}
    return {"index": int(rest[0]), "number": item.get("number")}


# --- reading ---------------------------------------------------------------------------------------

def history(session: Session, doc_id: int) -> list[Correction]:
    """Every correction of a document and every revert, oldest first."""
    return list(session.scalars(select(Correction).where(Correction.document_id == doc_id).order_by(Correction.id)))


def in_force(rows: Sequence[Correction]) -> list[Correction]:
    """The corrections not reverted, oldest first."""
    reverted = {r.reverts for r in rows if r.reverts is not None}
    return [r for r in rows if r.reverts is None and r.id not in reverted]


def corrected_ids(session: Session) -> list[int]:
    """The documents with a correction in force, by id."""
    rows = session.scalars(select(Correction).order_by(Correction.id)).all()
    return sorted({c.document_id for c in in_force(rows) if not c.path.startswith("register.")})


# --- applying --------------------------------------------------------------------------------------

def applied(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]
            ) -> list[tuple[Source, dict[str, Any]]]:
    """The sources' records with the document's corrections laid over them.

    The merged view (the value the rebuild would choose from the sources) is corrected, and every
    record then carries the corrected value of each key a correction touched, so whichever source
    the rebuild takes it from, it is the correction's; their provenance names the correction.
    """
    view, touched = _corrected(session, doc, records)
    if not touched:
        return records
    out = []
    for s, r in records:
        r = {**r, **{k: copy.deepcopy(view.get(k)) for k in touched}}
        prov = dict(r.get("provenance") or {})
        for k, c in touched.items():
            if k in SCALARS or k in PARTS:
                prov[k] = {"page": None, "start": None, "end": None, "rule": f"correction #{c.id} by {c.author}"[:80]}
        r["provenance"] = prov
        out.append((s, r))
    return out


def current(session: Session, doc: Document) -> dict[str, Any]:
    """The document's record as stored rows show it: its sources' values with its corrections.

    What a correction's old value and anchor are read from, and what a gold record is written from.
    """
    records = [(s, s.record or {}) for s in sorted(doc.sources, key=Source.reading_rank)]
    return _corrected(session, doc, records)[0]


def _corrected(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]
               ) -> tuple[dict[str, Any], dict[str, Correction]]:
    """The corrected view and, per top-level key, the last correction that changed it."""
    view = _view(records)
    if doc.id is None or not records:
        return view, {}
    # SQLite may give a dropped document's id to a new one: corrections older than every source
    # of the document are another document's.
    first = min((s.ingested_at for s, _ in records if s.ingested_at is not None), default=None)
    rows = [c for c in in_force(history(session, doc.id)) if first is None or c.created_at is None or c.created_at >= first]
    touched: dict[str, Correction] = {}
    for c in rows:
        if _patch(view, c):
            touched[c.path.split(".")[0]] = c
    return view, touched


def _view(records: list[tuple[Source, dict[str, Any]]]) -> dict[str, Any]:
    """What the rebuild takes from the sources, before corrections (store._rebuild_fields's rules)."""
    rs = [r for _, r in records]
    view: dict[str, Any] = {f: next((r[f] for r in rs if r.get(f)), None) for f in SCALARS}
    for key in PARTS:
        view[key] = copy.deepcopy(next((r[key] for r in rs if (r.get(key) or {}).get("name")), None))
    for key in LISTS:
        view[key] = list(next((r[key] for r in rs if r.get(key)), []))
    refs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for r in rs:
        numbers = set()
        for ref in r.get("references") or []:
            numbers.add(ref["number"])
            if ref["number"] not in seen and all(x["number"] != ref["number"] for x in refs):
                refs.append(copy.deepcopy(ref))
        seen |= numbers
    view["references"] = refs
    view["tasks"] = copy.deepcopy(max((r.get("tasks") or [] for r in rs), key=len, default=[]))
    return view


def _patch(view: dict[str, Any], c: Correction) -> bool:
    """Lay one correction on the view; False when the item it names is no longer there."""
    head, *rest = c.path.split(".")
    if head == "register":  # the register's line holds it, not the record
        return False
    if head in SCALARS or head in LISTS:
        view[head] = copy.deepcopy(c.new_value)
        return True
    if head in PARTS:
        part = view.get(head) or dict.fromkeys(PARTS[head])
        part[rest[0]] = c.new_value
        view[head] = part
        return True
    items = view.get(head) or []
    at = _find(items, head, c.anchor or {})
    if at is None:
        return False
    if len(rest) == 1:
        del items[at]
    else:
        items[at][rest[1]] = copy.deepcopy(c.new_value)
    return True


def _find(items: list[dict[str, Any]], head: str, anchor: dict[str, Any]) -> int | None:
    if head == "references":
        return next((i for i, r in enumerate(items) if r.get("number") == anchor.get("number")), None)
    from rapidfuzz import fuzz

    def score(i: int) -> float:
        t = items[i]
        same_ordinal = t.get("ordinal") == anchor.get("ordinal")
        likeness = fuzz.ratio(t.get("text") or "", anchor.get("text") or "")
        if likeness < _TASK_MATCH:
            return -1.0
        return likeness + (100 if same_ordinal else 0) - abs(i - anchor.get("index", i)) / 1000

    best = max(range(len(items)), key=score, default=None)
    return best if best is not None and score(best) >= _TASK_MATCH else None
