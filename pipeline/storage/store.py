"""Record -> rows. One document per dispatch, citations resolved to documents or stubs.

Identity follows NĐ 30/2020 Phụ lục VI: number + symbol + issuer, plus the year for state
documents (numbering restarts each year) or the date for Party documents (numbering runs
per term). A cited document not yet ingested becomes a stub that the real one absorbs.
A dispatch that arrives twice is one Document: the same bytes are skipped by hash, the
same dispatch from another file is found by identity or by near-identical body text
(pipeline/storage/neardup.py). Each Source keeps its own record; the Document is rebuilt from its
sources in arrival order (first value wins, each value keeps its source), which makes a
merge and a re-extraction the same operation.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, delete, exists, select, update
from sqlalchemy.orm import Session

from extractors.mend import mend
from extractors.orgs import folded_key, org_kind, same_issuer, starts_with_head
from extractors.text import fold, name_key
from models import (
    Document,
    DocumentBand,
    DocumentText,
    Organization,
    OrganizationAlias,
    Provenance,
    Recipient,
    Reference,
    Signature,
    Source,
    SourcePath,
    Task,
    TaskAssignee,
)

from ..types import ReadResult
from . import batch, corrections, neardup, register, signers
from .db import insert_new
from .rows import add, insert_into, merged, new_rows, set_source

_FIELDS = ("doc_type", "number", "symbol", "issue_date", "place", "subject")


@dataclass
class StoreResult:
    outcome: str  # stored | merged | replaced | duplicate-file | unchanged | reprocessed
    document_id: int


def store(session: Session, read: ReadResult, record: dict[str, Any], reprocess: bool = False,
          signature: bytes | None = None, arrival: register.Arrival | None = None,
          encoded: tuple[str, str] | None = None) -> StoreResult:
    """Write one file's record; the caller owns the transaction (one per file).

    `signature` is the body's MinHash and `encoded` its record as JSON (rows.encode) when the
    worker computed them already. A file whose path
    held other bytes before (edited in place) replaces the source those bytes made. A new
    document gets its line in the incoming register (`arrival` says which register and day).
    """
    source = None if batch.new_bytes(session, read.sha256) else \
        session.scalar(select(Source).where(Source.sha256 == read.sha256))
    if source is not None and not reprocess:
        claim_path(session, source, read.path)
        return StoreResult("duplicate-file", source.document_id)
    sig = signature if signature is not None else neardup.signature(read.text)
    if source is not None:
        stale = claim_path(session, source, read.path) | _drop_unnamed(session, read.path, source)
        record = _named(record, source.path)
        if stale and source.record == record:
            return StoreResult("replaced", source.document_id)
        if source.record == record and [p.text for p in source.page_rows] == [p.text for p in read.pages]:
            return StoreResult("unchanged", source.document_id)
        set_source(source, read, record, sig)
        batch.may_unnumber(session)
        _rebuild(session, source.document)
        return StoreResult("reprocessed", source.document_id)
    free = batch.free_path(session, read.path)  # the usual case: a path no source is named by yet
    prior = None if free else register.entry_of_path(session, read.path)
    replaced = False if free else release_path(session, read.path)
    doc = _same_dispatch(session, record, sig)
    outcome = "replaced" if replaced else "stored" if doc is None else "merged"
    batch.took(session, read.sha256, read.path)
    if doc is not None or not record.get("number"):
        batch.may_unnumber(session)
    if doc is None:
        doc = _new_document(session, read, record, sig, encoded)
    else:
        source = Source(path=read.path, sha256=read.sha256, path_rows=[SourcePath(path=read.path)])
        set_source(source, read, record, sig)
        doc.sources.append(source)
        session.flush()
        _rebuild(session, doc)
    register.enter(session, doc, read.path, arrival or register.Arrival(), prior, fresh=outcome != "merged")
    return StoreResult(outcome, doc.id)


def _new_document(session: Session, read: ReadResult, record: dict[str, Any], sig: bytes | None,
                  encoded: tuple[str, str] | None = None) -> Document:
    """A dispatch seen for the first time: its rows as the rebuild would derive them from its one
    source (which has no corrections and no rows to clear), the document's and source's inserted
    with Core (pipeline/storage/rows.py)."""
    name, parent = _issuer_of(record)
    with session.no_autoflush:
        issuer = organization(session, name, parent) if name else None
        row = {f: record.get(f) or None for f in _FIELDS}
        row.update(issuer_id=issuer.id if issuer else None, issuer_text=name, is_stub=False, minhash=sig,
                   record=merged(record))
        doc = new_rows(session, row, read, record, sig, encoded)
        batch.made(session, doc)
        _derive(session, doc, [(doc.sources[0], record)], "\n".join(p.text for p in sorted(read.pages, key=lambda p: p.number)))
    return doc


def _named(record: dict[str, Any], path: str) -> dict[str, Any]:
    """The record under its source's first path: the same bytes under another name are the same record."""
    src = record.get("source") or {}
    return {**record, "source": {**src, "path": path}} if "path" in src else record


def claim_path(session: Session, source: Source, path: str) -> bool:
    """`path` names `source`'s bytes now (a second name of the same bytes, or a file edited back);
    True when that dropped the source the path named before."""
    if any(p.path == path for p in source.path_rows):
        return False
    dropped = release_path(session, path)
    source.path_rows.append(SourcePath(path=path))
    batch.took(session, path=path)
    return dropped


def release_path(session: Session, path: str) -> bool:
    """`path` no longer names the bytes it named: their source loses it, and is dropped when no
    other name holds them (the file was edited in place). True when a source was dropped."""
    row = session.scalar(select(SourcePath).where(SourcePath.path == path))
    if row is None:
        return False
    old = row.source
    old.path_rows.remove(row)
    session.flush()
    if old.path_rows:
        old.path = old.path if old.path != path else old.path_rows[0].path
        return False
    drop_source(session, old)
    return True


def _drop_unnamed(session: Session, path: str, keep: Source) -> bool:
    """Sources an edit in place left under this path before paths were kept (revision 0004 gave the
    path to the newest): dropped when --reprocess reads the file again."""
    stale = list(session.scalars(select(Source).where(Source.path == path, Source.id != keep.id,
                                                      ~Source.path_rows.any())))
    for s in stale:
        drop_source(session, s)
    return bool(stale)


def drop_source(session: Session, source: Source) -> None:
    """Remove a source; its document is rebuilt from the others, or, with none left, becomes a
    stub if something cites it, else goes."""
    batch.may_unnumber(session)  # the rebuilt document may have lost its number
    doc = source.document
    session.execute(delete(Provenance).where(Provenance.source_id == source.id))  # the rebuild writes it again
    with session.no_autoflush:  # out of the collection first would flush it as an orphan
        session.delete(source)
        doc.sources.remove(source)
    session.flush()
    if doc.sources:
        _rebuild(session, doc)
        return
    targets = set(session.scalars(select(Reference.to_id).where(Reference.from_id == doc.id)))
    _clear(session, doc)
    register.detach(session, doc.id)
    cited = session.scalar(select(Reference.id).where(Reference.to_id == doc.id).limit(1)) is not None or \
        session.scalar(select(Task.id).where(Task.assigned_by_id == doc.id).limit(1)) is not None
    if cited:
        doc.is_stub, doc.record, doc.minhash, doc.subject, doc.place = True, None, None, None, None
        batch.numbered(session, doc.number, stub=True)
    else:
        session.delete(doc)
        batch.numbered(session, doc.number)
    session.flush()
    _drop_orphan_stubs(session, targets)


# --- identity -------------------------------------------------------------------------------

def is_party_number(number: str) -> bool:
    """Party numbers (03-CV/BCĐ) run per term, state ones (425/QĐ-UBND) restart each year."""
    return "-" in number.split("/", 1)[0]


def same_identity(number: str | None, date_a: str | None, date_b: str | None,
                  issuer_a: str | None, issuer_b: str | None, parent_a: str | None = None,
                  parent_b: str | None = None) -> bool:
    """Can two documents with this number be one? Unknown parts never separate them."""
    if date_a and date_b:
        if number and not is_party_number(number):
            if date_a[:4] != date_b[:4]:
                return False
        elif not (date_a.startswith(date_b) or date_b.startswith(date_a)):
            return False
    return not (issuer_a and issuer_b) or same_issuer(issuer_a, issuer_b, parent_a, parent_b)


def _issuer_of(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(name, parent) of a record's issuer."""
    issuer = record.get("issuer")
    return (issuer.get("name"), issuer.get("parent")) if isinstance(issuer, dict) else (None, None)


def _doc_parent(d: Document) -> str | None:
    return d.issuer.parent.name if d.issuer is not None and d.issuer.parent is not None else None


def _same_dispatch(session: Session, record: dict[str, Any], sig: bytes | None) -> Document | None:
    number = record.get("number")
    issuer, parent = _issuer_of(record)
    if number and not batch.lacks_document(session, number):
        found = batch.documents(session, number)
        for d in session.scalars(select(Document).where(Document.number == number, Document.is_stub.is_(False))) \
                if found is None else [d for d in found if not d.is_stub]:
            if same_identity(number, d.issue_date, record.get("issue_date"), d.issuer_text, issuer,
                             _doc_parent(d), parent):
                return d
    if sig is None:
        return None
    buckets = list(neardup.buckets(sig))
    if not number:
        rows = list(session.execute(_unnumbered_in_band(False), {"buckets": buckets}))
    else:  # two numbered documents are never one dispatch by body alone (one form sent many times):
        # the few of that number, each asked for a shared band, then the unnumbered ones if there are
        # any. Not "every document sharing a band" first: copies of one form share their bands.
        # (none to ask for when the run's lookups found no document of the number: the usual new one)
        rows = [] if batch.lacks_document(session, number) else list(session.execute(
            _numbered_in_band(), {"number": number, "buckets": buckets}))
        if batch.any_unnumbered(session):
            rows += session.execute(_unnumbered_in_band(True), {"buckets": buckets})
    best, best_sim = None, neardup.THRESHOLD
    for doc_id, minhash in rows:
        sim = neardup.similarity(sig, minhash) if minhash else 0.0
        if sim >= best_sim:
            best, best_sim = doc_id, sim
    return session.get(Document, best) if best is not None else None


# The body lookups built once, the bands an expanding parameter: built anew for every document (most
# of which then ran neither) they were a tenth of the writer's time.

@lru_cache(maxsize=2)
def _unnumbered_in_band(unnumbered: bool) -> Any:
    """Live documents sharing a band with `:buckets`; only those without a number when `unnumbered`."""
    in_band = Document.id.in_(select(DocumentBand.document_id)
                              .where(DocumentBand.bucket.in_(bindparam("buckets", expanding=True))).distinct())
    where = [Document.is_stub.is_(False), *([Document.number.is_(None)] if unnumbered else []), in_band]
    return select(Document.id, Document.minhash).where(*where)


@lru_cache(maxsize=1)
def _numbered_in_band() -> Any:
    """Live documents of `:number` sharing a band with `:buckets`."""
    return select(Document.id, Document.minhash).where(
        Document.is_stub.is_(False), Document.number == bindparam("number"),
        exists().where(DocumentBand.document_id == Document.id,
                       DocumentBand.bucket.in_(bindparam("buckets", expanding=True))))


# --- rebuilding a document from its sources ---------------------------------------------------

_MENDED = ("subject", "issuer")  # phrases a text copy without a header still spells in its body


def _mended(records: list[tuple[Source, dict[str, Any]]]) -> list[tuple[Source, dict[str, Any]]]:
    """The OCR'd sources' subject and issuer spelled as the best-read source (a text layer, typed
    text) spells the same words (extractors/mend.py), so a field only the scan has is not left with
    words its restoration got wrong; provenance says so."""
    best = records[0][0] if records else None
    if best is None or not best.read_as_typed() or len(records) < 2:
        return records
    text = "\n".join(p.text for p in sorted(best.page_rows, key=lambda p: p.number))
    out = [records[0]]
    for src, rec in records[1:]:
        if src.read_as_typed():
            out.append((src, rec))
            continue
        rec = dict(rec)
        for field in _MENDED:
            value = rec.get(field)
            phrase = value.get("name") if isinstance(value, dict) else value
            if isinstance(phrase, str) and (new := mend(phrase, text)):
                rec[field] = {**value, "name": new} if isinstance(value, dict) else new
                rec["provenance"] = {**(rec.get("provenance") or {}), field: {
                    **((rec.get("provenance") or {}).get(field) or {}), "mended_from": best.path}}
        out.append((src, rec))
    return out


def rebuild(session: Session, doc: Document) -> None:
    """Derive `doc` again from its sources and its corrections (after a correction or a revert)."""
    _rebuild(session, doc)


def _rebuild(session: Session, doc: Document) -> None:
    """Derive every row of `doc` from its sources and its corrections."""
    with session.no_autoflush:  # flushes happen where ids are needed, not before every query
        _rebuild_fields(session, doc)


def _rebuild_fields(session: Session, doc: Document) -> None:
    sources = sorted(doc.sources, key=Source.reading_rank)  # each field from the best-read source
    records = corrections.applied(session, doc, _mended([(s, s.record or {}) for s in sources]))
    old_targets = set(session.scalars(select(Reference.to_id).where(Reference.from_id == doc.id)))
    _clear(session, doc)
    batch.numbered(session, doc.number, stub=doc.is_stub)  # the number it had (a stub's, or before a reprocess)
    for f in _FIELDS:
        setattr(doc, f, next((r[f] for _, r in records if r.get(f)), None))
    batch.numbered(session, doc.number)
    name, parent = next((_issuer_of(r) for _, r in records if _issuer_of(r)[0]), (doc.issuer_text, None))
    doc.issuer_text = name
    doc.issuer = organization(session, name, parent) if name else None
    doc.is_stub = False
    doc.record = merged(*(r for _, r in records))
    doc.minhash = sources[0].minhash
    session.flush()
    _derive(session, doc, records, "\n".join(p.text for p in sorted(sources[0].page_rows, key=lambda p: p.number)))
    if old_targets:
        _drop_orphan_stubs(session, old_targets)


def _derive(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]], body: str) -> None:
    """The rows derived from the document's fields and records: `body` is its best-read source's text."""
    _provenance(session, doc, records)
    _signature(session, doc, records)
    _recipients(session, doc, records)
    _references(session, doc, records)
    _tasks(session, doc, records)
    _search_text(session, doc, body)
    _absorb_stubs(session, doc)


def _clear(session: Session, doc: Document) -> None:
    for model in (Provenance, Signature, Recipient, DocumentBand, DocumentText):
        session.execute(delete(model).where(model.document_id == doc.id))  # type: ignore[attr-defined]
    session.execute(delete(Reference).where(Reference.from_id == doc.id))
    tasks = select(Task.id).where(Task.document_id == doc.id)
    session.execute(delete(TaskAssignee).where(TaskAssignee.task_id.in_(tasks)))
    session.execute(delete(Task).where(Task.document_id == doc.id))
    session.expire(doc, ["tasks"])
    session.flush()


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Leaf rows nothing else points at, in one executemany (with the run's other documents' when the
    session defers them, rows.defer): the unit of work's per-object bookkeeping was most of the
    writer's time, and the writer bounds the ingest rate. Core, on the session's connection (its
    transaction): the ORM's bulk insert cost as much again as the SQL."""
    add(session, model, rows)


def _provenance(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> None:
    rows: dict[str, dict[str, Any]] = {}
    for s, r in records:
        for field, prov in (r.get("provenance") or {}).items():
            if field not in rows and r.get(field) and isinstance(prov, dict):  # a list's items carry their own
                rows[field] = {"document_id": doc.id, "source_id": s.id, "field": field, "page": prov.get("page"),
                               "start": prov.get("start"), "end": prov.get("end"), "rule": prov.get("rule")}
    _insert(session, Provenance, list(rows.values()))


# Bodies already committed, per database: (name, id, has a parent) and (id, alias key) seen. Rows
# made in a transaction stay out until a later one finds them, so a rollback leaves no stale id;
# bodies are never deleted, so an id found once stays good.
_KNOWN: weakref.WeakKeyDictionary[Any, tuple[dict[str, tuple[int, bool]], set[tuple[int, str]]]] = \
    weakref.WeakKeyDictionary()


def forget_known(bind: Any) -> None:
    """Drop what `_KNOWN` holds for a database after a rollback that may have taken rows it names."""
    _KNOWN.pop(bind, None)


def hold_known_organizations(session: Session, names: set[str]) -> list[Organization]:
    """The bodies already known by these names, loaded in one query: `organization` then finds
    them in the session's identity map instead of a SELECT each (the caller keeps the list alive)."""
    known = _KNOWN.get(session.get_bind(), ({}, set()))[0]
    ids = {known[n][0] for n in names if n in known}
    return list(session.scalars(_organizations_of(), {"values": sorted(ids)})) if ids else []


@lru_cache(maxsize=1)
def _organizations_of() -> Any:
    """`hold_known_organizations`' query, built once (batch.held_of says why)."""
    return select(Organization).where(Organization.id.in_(bindparam("values", expanding=True)))


def organization_id(session: Session, name: str) -> int:
    """`organization(session, name).id`, without loading a body already known."""
    hit = _KNOWN.get(session.get_bind(), ({}, set()))[0].get(name)
    return hit[0] if hit is not None else organization(session, name).id


def organization(session: Session, name: str, parent: str | None = None) -> Organization:
    """The body with this canonical name, made on first sight, with the printed name as an alias."""
    known, aliases = _KNOWN.setdefault(session.get_bind(), ({}, set()))
    hit = known.get(name)
    if hit is not None and (parent is None or hit[1]):
        org = session.get(Organization, hit[0])
        if org is not None:
            return org
    cache: dict[str, Organization] = session.info.setdefault("organizations", {})
    made: set[Organization] = session.info.setdefault("made", set())
    if name in cache and (parent is None or cache[name].parent_id is not None):
        return cache[name]
    key = folded_key(name)
    org = session.scalar(select(Organization).where(Organization.key == key))
    committed = org is not None and org not in made
    if org is None:
        org_id, ours = insert_new(session, Organization, "key", name=name, key=key, kind=org_kind(name))
        org = session.get_one(Organization, org_id)
        if ours:
            made.add(org)
        committed = not ours
    if parent and org.parent_id is None and folded_key(parent) != key:
        org.parent_id = organization(session, parent).id
        committed = False
    alias_key = name_key(name)
    if (org.id, alias_key) not in aliases:
        if session.scalar(select(OrganizationAlias.id).where(OrganizationAlias.organization_id == org.id,
                                                             OrganizationAlias.key == alias_key)):
            aliases.add((org.id, alias_key))
        else:
            session.add(OrganizationAlias(organization_id=org.id, alias=name, key=alias_key))
    if committed:
        known[name] = (org.id, org.parent_id is not None)
    cache[name] = org
    return org


def _signature(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> None:
    source, signer, rec = next(((s, r["signer"], r) for s, r in records if (r.get("signer") or {}).get("name")),
                               (None, None, {}))
    if source is None or signer is None:  # a name the seal cut short: the one of the issuer's signers it ends
        if signers.from_archive(session, doc, records):
            signers.complete_waiting(session, doc)
        return
    name = signer["name"]
    if source.text_source == "ocr" and not signers.corrected(rec):  # a letter misread: as the issuer's archive spells it
        name = signers.spelled(session, doc, source, name)
    person = signers.person_id(session, name)
    _insert(session, Signature, [{"document_id": doc.id, "person_id": person, "title": signer.get("title"),
                                  "authority": signer.get("authority")}])
    signers.complete_waiting(session, doc)


def _recipients(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> None:
    rows = []
    for kind, key in (("to", "recipients"), ("cc", "cc")):
        names: list[str] = next((r[key] for _, r in records if r.get(key)), [])
        for text in names:
            org = organization_id(session, text) if starts_with_head(text) else None  # not "Như trên", "Lưu: VT"
            rows.append({"document_id": doc.id, "kind": kind, "text": text, "organization_id": org})
    _insert(session, Recipient, rows)


def resolve_cited(session: Session, number: str, date: str | None, issuer: str | None,
                  doc_type: str | None, citing: Document | None = None) -> Document:
    """The document a citation points at: the one compatible real document, else a stub.

    A number that fits two real documents is ambiguous and gets a stub of its own; a
    document never resolves a citation to itself (it may cite another body's same number).
    """
    found = batch.documents(session, number)
    if found is None:
        found = list(session.scalars(select(Document).where(Document.number == number)))
    matches = [d for d in found if d is not citing and same_identity(number, d.issue_date, date, d.issuer_text, issuer, _doc_parent(d))]
    real = [d for d in matches if not d.is_stub]
    if len(real) == 1:
        return real[0]
    stubs = [d for d in matches if d.is_stub]
    if stubs:
        stub = stubs[0]
        stub.issue_date = stub.issue_date or date
        stub.issuer_text = stub.issuer_text or issuer
        stub.doc_type = stub.doc_type or doc_type
        return stub
    symbol = number.split("-", 1)[-1] if is_party_number(number) else number.split("/", 1)[-1]
    stub = Document(number=number, symbol=symbol, doc_type=doc_type, issue_date=date, issuer_text=issuer, is_stub=True)
    if issuer:
        stub.issuer = organization(session, issuer)
    session.add(stub)
    session.flush()
    batch.made(session, stub)
    return stub


def _references(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> None:
    """Every citation, once. A later source of the same dispatch adds only numbers the earlier
    ones lack: its reading of a number they cite is the same citation, often read worse."""
    rows: dict[int, dict[str, Any]] = {}
    earlier: set[str] = set()
    for _, r in records:
        refs = r.get("references") or []
        for ref in refs:
            if ref["number"] in earlier:
                continue
            target = resolve_cited(session, ref["number"], ref.get("date"), ref.get("issuer"), ref.get("doc_type"), doc)
            rows.setdefault(target.id, {"from_id": doc.id, "to_id": target.id,
                                        "relation": ref.get("relation") or "cites", "text": ref.get("text")})
        earlier |= {ref["number"] for ref in refs}
    _insert(session, Reference, list(rows.values()))


def _tasks(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> None:
    """The tasks of the source that found most: two readings of one dispatch list the same tasks."""
    best = max((r.get("tasks") or [] for _, r in records), key=len, default=[])
    rows = []
    for t in best:
        by = t.get("assigned_by") or None
        by_doc = resolve_cited(session, by["number"], by.get("date"), None, by.get("doc_type"), doc) \
            if by and by.get("number") else None
        rows.append({"document_id": doc.id, "ordinal": t.get("ordinal"), "text": t.get("text") or "",
                     "deadline": t.get("deadline"), "assigned_by_id": by_doc.id if by_doc else None})
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "sqlite":  # ordered RETURNING would be an INSERT per row; SQLite, written by
        # one connection at a time, numbers a multi-row INSERT's rows upwards in the order they are listed
        ids = sorted(conn.execute(insert_into(Task, returning_id=True), rows).scalars())
    else:
        ids = list(conn.execute(insert_into(Task, returning_id=True, ordered=True), rows).scalars())
    _insert(session, TaskAssignee, [
        {"task_id": task_id, "organization_id": organization_id(session, a["name"]), "role": a["role"],
         "printed": a["name"]} for task_id, t in zip(ids, best, strict=True) for a in t.get("assignees") or []])


def _search_text(session: Session, doc: Document, body: str) -> None:
    """The search text of a document and the bands of its signature: its best-read source's."""
    _insert(session, DocumentText, [{"document_id": doc.id, "body": body, "folded": fold(body)}])
    if doc.minhash is not None:
        _insert(session, DocumentBand, [{"document_id": doc.id, "bucket": b} for b in neardup.buckets(doc.minhash)])


def _absorb_stubs(session: Session, doc: Document) -> None:
    """Stubs of this document (cited before it arrived) become it: their citations point here."""
    if not doc.number or batch.lacks_stub(session, doc.number):
        return
    # Stubs are flushed when made (resolve_cited), so this needs no flush; most documents have none.
    stubs = list(session.scalars(select(Document).where(Document.number == doc.number, Document.is_stub.is_(True))))
    if not stubs:
        return
    session.flush()  # the citations added above must exist before they are re-pointed
    own = set(session.scalars(select(Reference.to_id).where(Reference.from_id == doc.id)))
    for stub in stubs:
        if stub.id in own or not same_identity(doc.number, stub.issue_date, doc.issue_date,
                                               stub.issuer_text, doc.issuer_text, None, _doc_parent(doc)):
            continue
        session.execute(update(Reference).where(Reference.to_id == stub.id).values(to_id=doc.id))
        session.execute(update(Task).where(Task.assigned_by_id == stub.id).values(assigned_by_id=doc.id))
        session.delete(stub)
        batch.numbered(session, stub.number, stub=True)
    session.flush()


def _drop_orphan_stubs(session: Session, ids: set[int]) -> None:
    """A re-extraction that no longer cites a document leaves no stub nobody cites."""
    session.flush()
    for d in session.scalars(select(Document).where(Document.id.in_(ids), Document.is_stub.is_(True))):
        cited = session.scalar(select(Reference.id).where(Reference.to_id == d.id).limit(1))
        assigned = session.scalar(select(Task.id).where(Task.assigned_by_id == d.id).limit(1))
        if cited is None and assigned is None:
            session.delete(d)
            batch.numbered(session, d.number, stub=True)
    session.flush()
