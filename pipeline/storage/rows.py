"""A source's rows: the file's own record, its pages (with where their words stand), its names and
its digital signatures, as ORM objects for an existing document's rebuild, or, for the common
case of a new document, as Core INSERTs whose objects join the session as if loaded: the unit of
work's flush of a new document and its source was a quarter of the one writer's time.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Text, bindparam, cast, event, insert, type_coerce
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from models import Document, Page, Source, SourcePath, SourceSignature

from ..types import ReadResult
from .records import encode, merged

__all__ = ["encode", "merged"]  # where the writer found them before they moved

_SIGNATURE_COLUMNS = [c.key for c in SourceSignature.__table__.columns if c.key not in ("id", "source_id")]


def set_source(source: Source, read: ReadResult, record: dict[str, Any], sig: bytes | None) -> None:
    source.media_type, source.pages = read.media_type, len(read.pages)
    source.text_source, source.record, source.minhash = read.text_source, record, sig
    source.mean_ocr_confidence = record["source"].get("mean_ocr_confidence")
    source.page_rows = [Page(number=p.number, method=p.method, confidence=p.confidence, text=p.text,
                             words=page_words(p)) for p in read.pages]
    source.signature_rows = [signature_row(i, s) for i, s in enumerate(record["source"].get("signatures") or [], 1)]


def page_words(page: Any) -> dict[str, Any] | None:
    """Where the page's words stand (what the web view boxes a value with); None for plain text."""
    if not page.words:
        return None
    return {"width": page.width, "words": [[round(w.x0, 1), round(w.top, 1), round(w.x1, 1), round(w.bottom, 1), w.text]
                                           for w in page.words]}


def signature_row(ordinal: int, s: dict[str, Any]) -> SourceSignature:
    """A row of a signature as pipeline/reading/signatures.py reports it."""
    signer, issuer = s.get("signer") or {}, s.get("issuer") or {}
    return SourceSignature(
        ordinal=ordinal, kind=_cut(s.get("kind"), 20) or "digital", field_name=_cut(s.get("field"), 200),
        page=s.get("page"), signer_cn=_cut(signer.get("cn"), 400), signer_o=_cut(signer.get("o"), 400),
        signer_ou=_cut(signer.get("ou"), 400), signer_l=_cut(signer.get("l"), 200),
        signer_email=_cut(signer.get("email"), 200), issuer_cn=_cut(issuer.get("cn"), 400),
        issuer_o=_cut(issuer.get("o"), 400), serial=_cut(s.get("serial"), 80), signing_time=_cut(s.get("signing_time"), 40),
        dictionary_time=_cut(s.get("dictionary_time"), 40), timestamp=_cut(s.get("timestamp"), 40),
        application=_cut(s.get("application"), 400), sub_filter=_cut(s.get("sub_filter"), 80),
        revision=s.get("revision"), revisions=s.get("revisions"), covers=_cut(s.get("covers"), 40),
        added_after=s.get("added_after"), intact=s.get("intact"), digest=_cut(s.get("digest"), 40),
        weak_digest=s.get("weak_digest"), chain=s.get("chain"), trust=_cut(s.get("trust"), 400), error=s.get("error"))


def _cut(value: Any, width: int) -> str | None:
    """A certificate's text as the column holds it (PostgreSQL refuses what is longer)."""
    return None if value is None else str(value)[:width]


@lru_cache(maxsize=64)
def insert_into(model: Any, returning_id: bool = False, ordered: bool = False) -> Any:
    """`insert(model)` (… RETURNING id) built once: a statement built anew for every document
    costs SQLAlchemy its cache key on every execution."""
    stmt = insert(model)
    return stmt.returning(model.id, sort_by_parameter_order=ordered) if returning_id else stmt


@lru_cache(maxsize=16)  # built once, as insert_into
def _json(table: Any, column: str, encoded: bool, sqlite: bool) -> Any:
    """INSERT … RETURNING id into `table`; with `encoded`, its JSON `column` is given as text already
    encoded (`text_json` in the row): SQLite keeps JSON as text, PostgreSQL casts it to its json type."""
    stmt = insert(table)
    if encoded:
        value = bindparam("text_json", type_=Text)
        stmt = stmt.values({column: type_coerce(value, Text) if sqlite else cast(value, table.__table__.c[column].type)})
    return stmt.returning(table.id)


def new_rows(session: Session, doc_row: dict[str, Any], read: ReadResult, record: dict[str, Any],
             sig: bytes | None, encoded: tuple[str, str] | None = None) -> Document:
    """A new document with its one source, inserted with Core (a multi-row INSERT per table); the
    Document and Source come back as persistent objects whose columns are loaded. Pages, names and
    signatures are not objects in the session: `source.page_rows` and the others load if asked for.
    `encoded`: the record and the document's record as JSON (`encode`), so they are not encoded here."""
    conn = session.connection()
    src_json, doc_json = encoded or (None, None)
    sqlite = conn.dialect.name == "sqlite"
    doc_id = conn.execute(_json(Document, "record", doc_json is not None, sqlite),
                          [_row(doc_row, "record", doc_json)]).scalar_one()
    src_row = {"document_id": doc_id, "path": read.path, "sha256": read.sha256, "media_type": read.media_type,
               "pages": len(read.pages), "text_source": read.text_source, "record": record, "minhash": sig,
               "mean_ocr_confidence": record["source"].get("mean_ocr_confidence"), "archive_path": None,
               "archive_sha256": None}
    source_id = conn.execute(_json(Source, "record", src_json is not None, sqlite),
                             [_row(src_row, "record", src_json)]).scalar_one()
    add(session, SourcePath, [{"source_id": source_id, "path": read.path}])
    add(session, Page, [{"source_id": source_id, "number": p.number, "method": p.method, "confidence": p.confidence,
                         "text": p.text, "words": page_words(p)} for p in read.pages])
    signatures = [signature_row(i, s) for i, s in enumerate(record["source"].get("signatures") or [], 1)]
    add(session, SourceSignature, [{"source_id": source_id, **{k: getattr(g, k) for k in _SIGNATURE_COLUMNS}}
                                   for g in signatures])
    doc = Document(id=doc_id, **doc_row)
    source = Source(id=source_id, **src_row)
    for obj in (doc, source):
        make_transient_to_detached(obj)  # what is not set (ingested_at, the collections) loads if read
    session.add(doc)
    session.add(source)
    set_committed_value(doc, "sources", [source])
    set_committed_value(source, "document", doc)
    return doc


# --- rows nothing points at, inserted together ------------------------------------------------------

_PENDING = "congvan.pending_rows"


def defer(session: Session) -> None:
    """From now on `add` keeps the session's leaf rows (a document's pages, names, provenance,
    recipients, citations, assignees, search text, bands, register line) until the session's next
    statement, flush or commit, and inserts each table's in one executemany: a run of documents
    stored together then costs an INSERT per table, not one per table and document. Each table's
    rows go in the order they were added (their ids are what they were), and before anything reads
    the database in this session, so every query sees them; a rollback drops them."""
    if _PENDING in session.info:
        return
    session.info[_PENDING] = {}
    event.listen(session, "do_orm_execute", _flush_before_statement)
    event.listen(session, "before_flush", _flush_before_flush)
    event.listen(session, "before_commit", flush_pending)
    event.listen(session, "after_soft_rollback", _drop_pending)


def add(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert leaf rows of `model` (one executemany), or keep them for the session's next statement
    when it `defer`s."""
    if not rows:
        return
    pending = session.info.get(_PENDING)
    if pending is None:
        session.connection().execute(insert_into(model), rows)
    else:
        pending.setdefault(model, []).extend(rows)


def flush_pending(session: Session, model: Any = None) -> None:
    """The rows `add` kept (of `model` alone, when given), inserted now, each table's in one statement."""
    pending = session.info.get(_PENDING)
    if not pending or (model is not None and model not in pending):
        return
    tables = list(pending.items()) if model is None else [(model, pending[model])]
    for m, _ in tables:
        del pending[m]
    conn = session.connection()
    for model, rows in tables:
        conn.execute(insert_into(model), rows)


def _flush_before_statement(state: Any) -> None:
    flush_pending(state.session)


def _flush_before_flush(session: Session, *_: Any) -> None:
    flush_pending(session)


def _drop_pending(session: Session, *_: Any) -> None:
    pending = session.info.get(_PENDING)
    if pending:
        pending.clear()


def _row(row: dict[str, Any], column: str, text: str | None) -> dict[str, Any]:
    return row if text is None else {**{k: v for k, v in row.items() if k != column}, "text_json": text}
