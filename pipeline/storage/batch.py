"""What a run of files stored in one transaction lacks in the database, found by a few set-based
queries at the run's start instead of a lookup per document and per citation.

The one writer bounds the ingest rate, and most of its time went into single-row SELECTs whose
answer is nearly always "none": no source with these bytes, no path naming them, no document
or stub with this number, no register line yet. `prefetch` asks each once for the whole run;
store.py then skips a lookup whose answer is known, and tells this module what it creates
(`numbered`, `took`), so a later document of the same run still finds it. Only what is known
to be absent is remembered: anything else is looked up as before.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from models import Document, Organization, Person, Source, SourcePath

from ..types import ReadResult

_KEY = "congvan.prefetch"


@dataclass
class Prefetch:
    new_sha: set[str] = field(default_factory=set)  # bytes no source holds
    free_paths: set[str] = field(default_factory=set)  # paths no source is named by
    no_document: set[str] = field(default_factory=set)  # numbers no document (real or stub) has
    no_stub: set[str] = field(default_factory=set)  # numbers no stub has
    by_number: dict[str, list[Document]] = field(default_factory=dict)  # number -> its documents, until one changes
    persons: dict[str, int] = field(default_factory=dict)  # signer name -> id
    last_number: dict[tuple[str, int], int] = field(default_factory=dict)  # (register, year) -> last số đến given
    held: list[Any] = field(default_factory=list)  # rows loaded into the session's identity map, kept alive
    unnumbered: bool | None = None  # whether a live document has no number (None: not asked, or may have changed)


def of(session: Session) -> Prefetch | None:
    return session.info.get(_KEY)


def prefetch(session: Session, items: Iterable[tuple[ReadResult, dict[str, Any]]]) -> Prefetch:
    """Ask once for the run what each document's store would ask one at a time; the answer lives
    as long as the session (one transaction: the writer opens a session per run)."""
    items = list(items)
    shas = {read.sha256 for read, _ in items}
    paths = {read.path for read, _ in items}
    numbers: set[str | None] = set()
    signers: set[str | None] = set()
    bodies: set[str | None] = set()
    for _, record in items:
        numbers.add(record.get("number"))
        numbers |= {ref.get("number") for ref in record.get("references") or []}
        numbers |= {(t.get("assigned_by") or {}).get("number") for t in record.get("tasks") or []}
        signers.add((record.get("signer") or {}).get("name"))
        issuer = record.get("issuer")
        if isinstance(issuer, dict):
            bodies |= {issuer.get("name"), issuer.get("parent")}
        bodies |= {ref.get("issuer") for ref in record.get("references") or []}
    return _ask(session, shas, paths, {n for n in numbers if n}, {n for n in signers if n}, {b for b in bodies if b})


def _ask(session: Session, shas: set[str], paths: set[str], numbers: set[str], signers: set[str],
         bodies: set[str]) -> Prefetch:
    from .store import hold_known_organizations

    pre = Prefetch(new_sha=shas - set(_in(session, Source.sha256, shas)),
                   free_paths=paths - set(_in(session, SourcePath.path, paths)))
    docs = list(session.scalars(_documents_numbered(), {"values": sorted(numbers)})) if numbers else []
    for d in docs:
        pre.by_number.setdefault(d.number or "", []).append(d)
    pre.no_document = numbers - set(pre.by_number)
    pre.no_stub = numbers - {d.number for d in docs if d.is_stub}
    if signers:
        pre.persons = {name: i for name, i in session.connection().execute(_persons_named(), {"values": sorted(signers)})}
    pre.held = hold_known_organizations(session, bodies)
    session.info[_KEY] = pre
    return pre


def _in(session: Session, column: Any, values: set[str]) -> list[str]:
    """Which of `values` the column holds: a Core query on the session's connection (the run's first
    statements: nothing is pending to flush), without the ORM's per-statement work."""
    return list(session.connection().scalars(held_of(column), {"values": sorted(values)})) if values else []


# The run's queries built once, each with an expanding IN of its values: a statement built anew for
# every run coerced each value into an expression and computed the statement's cache key again.

@lru_cache(maxsize=8)
def held_of(column: Any) -> Any:
    """`SELECT column WHERE column IN :values`."""
    return select(column).where(column.in_(bindparam("values", expanding=True)))


@lru_cache(maxsize=1)
def _documents_numbered() -> Any:
    return (select(Document).where(Document.number.in_(bindparam("values", expanding=True)))
            .options(selectinload(Document.issuer).selectinload(Organization.parent)))


@lru_cache(maxsize=1)
def _persons_named() -> Any:
    return select(Person.name, Person.id).where(Person.name.in_(bindparam("values", expanding=True)))


def documents(session: Session, number: str) -> list[Document] | None:
    """The documents with this number, real and stubs, when the run's start found them and none has
    changed since; None: look them up."""
    pre = of(session)
    if pre is None:
        return None
    if number in pre.no_document:
        return []
    return pre.by_number.get(number)


def any_unnumbered(session: Session) -> bool:
    """Whether a live (not stub) document has no number: asked once a run, not once a document."""
    pre = of(session)
    if pre is not None and pre.unnumbered is not None:
        return pre.unnumbered
    found = session.scalar(select(Document.id).where(Document.is_stub.is_(False), Document.number.is_(None))
                           .limit(1)) is not None
    if pre is not None:
        pre.unnumbered = found
    return found


def may_unnumber(session: Session) -> None:
    """A document was made from a record without a number, or rebuilt: ask `any_unnumbered` again."""
    pre = of(session)
    if pre is not None:
        pre.unnumbered = None


def lacks_document(session: Session, number: str) -> bool:
    """True when no document has this number (so the lookup can be skipped); False: look it up."""
    return _holds(session, "no_document", number)


def lacks_stub(session: Session, number: str) -> bool:
    return _holds(session, "no_stub", number)


def _holds(session: Session, found: str, key: str) -> bool:
    """`key` is in what the run's lookups found (`found`, an attribute of the run's prefetch); False
    when nothing was prefetched, so the caller looks it up."""
    pre = of(session)
    return pre is not None and key in getattr(pre, found)


def numbered(session: Session, number: str | None, stub: bool = False) -> None:
    """A document (a stub when `stub`) now has this number in the session, or has lost it, or was
    deleted: what was found for the number no longer holds."""
    pre = of(session)
    if pre is not None and number:
        pre.no_document.discard(number)
        pre.by_number.pop(number, None)
        if stub:
            pre.no_stub.discard(number)


def made(session: Session, doc: Document) -> None:
    """`doc` (a stub or not) was just made with its number: what the run knows of the number gains it,
    so a later document of the run citing or bearing the same number (the same decree cited by every
    dispatch of the run) needs no lookup; a number the run knows nothing of is looked up as before."""
    pre = of(session)
    number = doc.number
    if pre is None or not number:
        return
    if number in pre.no_document or number in pre.by_number:
        pre.no_document.discard(number)
        pre.by_number[number] = [*pre.by_number.get(number, []), doc]
        if doc.is_stub:
            pre.no_stub.discard(number)
    else:
        numbered(session, number, stub=bool(doc.is_stub))


def new_bytes(session: Session, sha: str) -> bool:
    return _holds(session, "new_sha", sha)


def free_path(session: Session, path: str) -> bool:
    return _holds(session, "free_paths", path)


def took(session: Session, sha: str | None = None, path: str | None = None) -> None:
    """A source with these bytes, or a name for one, now exists in the session."""
    pre = of(session)
    if pre is not None:
        pre.new_sha.discard(sha or "")
        pre.free_paths.discard(path or "")
