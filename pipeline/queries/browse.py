"""Browsing the archive: documents by facet and search, page by page, and the review queue.

The search itself is lookup.search_ranked (FTS5 or PostgreSQL text search, accents ignored);
here its hits are filtered by the facets, documents that hold the query with its own tones are
put first, and one page is cut out. Each facet counts the documents the other choices leave.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import Correction, Document, DocumentText, Organization, Signature, Source, Task, TaskAssignee

from ..storage.corrections import in_force
from .lookup import hits, search_ranked, shown_number

PER_PAGE = 50
MAX_HITS = 1000  # a search's hits considered for facets and pages; past it the page says so
FACET_ROWS = 15
# A source's mean OCR word confidence below this sends its document to the review queue: on the
# regression scans a reading this uncertain is where most field errors are.
LOW_CONFIDENCE = 0.70
REVIEWED_FIELDS = ("doc_type", "number", "issue_date", "issuer", "subject")


@dataclass(frozen=True)
class Facets:
    """A documents page's choices; every one is optional and together they are its URL."""

    q: str | None = None
    doc_type: str | None = None
    issuer: int | None = None
    year: str | None = None
    read: str | None = None
    page: int = 1


def documents(session: Session, f: Facets) -> dict[str, Any]:
    """One page of documents with the facet counts, searched when `f.q` is given."""
    words: list[str] = []
    ranked: list[tuple[int, float]] | None = None
    if f.q:
        words, ranked = search_ranked(session, f.q, MAX_HITS)
        ranked = _tones_first(session, f.q, ranked)
    conds = _conditions(f, ranked)
    total = session.scalar(select(func.count()).select_from(Document).where(*conds)) or 0
    start = (f.page - 1) * PER_PAGE
    if ranked is not None:
        keep = set(session.scalars(select(Document.id).where(*conds)))
        page_ids = [(i, s) for i, s in ranked if i in keep][start:start + PER_PAGE]
        rows = hits(session, page_ids, words)
    else:
        org = Organization
        q = (select(Document.id, Document.number, Document.symbol, Document.doc_type, Document.issue_date,
                    Document.subject, Document.issuer_text, org.name).outerjoin(org, org.id == Document.issuer_id)
             .where(*conds).order_by(Document.issue_date.desc().nulls_last(), Document.id.desc())
             .offset(start).limit(PER_PAGE))
        rows = [{"id": r.id, "number": shown_number(r.number, r.symbol), "doc_type": r.doc_type, "date": r.issue_date,
                 "issuer": r.name or r.issuer_text, "subject": r.subject, "snippet": ""} for r in session.execute(q)]
    return {"rows": rows, "total": total, "page": f.page, "pages": max(1, -(-total // PER_PAGE)),
            "capped": ranked is not None and len(ranked) >= MAX_HITS, "facets": _facets(session, f, ranked)}


def _conditions(f: Facets, ranked: list[tuple[int, float]] | None, leave: str | None = None) -> list[Any]:
    conds: list[Any] = [Document.is_stub.is_(False)]
    if ranked is not None:
        conds.append(Document.id.in_([i for i, _ in ranked]))
    if f.doc_type and leave != "doc_type":
        conds.append(Document.doc_type == f.doc_type)
    if f.issuer is not None and leave != "issuer":
        conds.append(Document.issuer_id == f.issuer)
    if f.year and leave != "year":
        conds.append(Document.issue_date >= f.year)
        conds.append(Document.issue_date < str(int(f.year) + 1))
    if f.read and leave != "read":
        conds.append(Document.id.in_(select(Source.document_id).where(Source.text_source == f.read)))
    return conds


def _facets(session: Session, f: Facets, ranked: list[tuple[int, float]] | None) -> dict[str, list[tuple[Any, str, int]]]:
    """(value, label, count) per facet, most documents first (years newest first)."""
    def counted(column: Any, leave: str, *joins: Any) -> list[Any]:
        # a join (a document's sources) may repeat a document; a column of document cannot
        n = func.count(func.distinct(Document.id)) if joins else func.count()
        q = select(column, n.label("n")).select_from(Document)
        for j in joins:
            q = q.join(*j)
        q = q.where(*_conditions(f, ranked, leave), column.is_not(None)).group_by(column)
        return list(session.execute(q.order_by(n.desc()).limit(FACET_ROWS)))

    issuers = counted(Document.issuer_id, "issuer")
    names = {i: n for i, n in session.execute(select(Organization.id, Organization.name)
                                              .where(Organization.id.in_([r[0] for r in issuers])))}
    return {
        "doc_type": [(r[0], r[0], r[1]) for r in counted(Document.doc_type, "doc_type")],
        "issuer": [(r[0], names.get(r[0], "?"), r[1]) for r in issuers],
        "year": _years(session, _conditions(f, ranked, "year")),
        "read": [(r[0], r[0], r[1]) for r in counted(Source.text_source, "read", (Source, Source.document_id == Document.id))],
    }


def _years(session: Session, conds: list[Any]) -> list[tuple[Any, str, int]]:
    """Documents per year, newest first: counted per date in the (issue_date, is_stub) index's
    order and summed here (a GROUP BY on the year sorted every row again)."""
    tally: dict[str, int] = defaultdict(int)
    for day, n in session.execute(select(Document.issue_date, func.count()).where(*conds, Document.issue_date.is_not(None))
                                  .group_by(Document.issue_date)):
        tally[(day or "")[:4]] += n
    return [(y, y, n) for y, n in sorted(tally.items(), reverse=True)][:FACET_ROWS]


def _tones_first(session: Session, query: str, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Hits holding the query as typed, tones and all, before those that match it only folded
    ("quyết định" before "quyet dinh" and "quyết đính"); the order within each part is kept."""
    typed = " ".join(unicodedata.normalize("NFC", query).split())
    if not ranked or typed.isascii():
        return ranked
    forms = {typed, typed.lower(), typed[:1].upper() + typed[1:].lower(), typed.upper()}
    exact: set[int] = set()
    ids = [i for i, _ in ranked]
    for k in range(0, len(ids), 1000):
        chunk = ids[k:k + 1000]
        exact |= set(session.scalars(select(DocumentText.document_id).where(
            DocumentText.document_id.in_(chunk), or_(*(DocumentText.body.contains(v, autoescape=True) for v in forms)))))
    return [h for h in ranked if h[0] in exact] + [h for h in ranked if h[0] not in exact]


# --- the review queue ------------------------------------------------------------------------------

def review(session: Session, limit: int = 200) -> list[dict[str, Any]]:
    """Values to check, oldest document first: abstained (a field or a task's assignee left
    empty), read with low OCR confidence, or read differently by two sources of one dispatch.
    A value with a correction in force is checked already and leaves the queue.

    A document's id is its arrival order (it is made when its first file is stored), so each
    kind is one query for its oldest `limit` rows (and as many more as corrections could hide).
    """
    corrected: dict[int, set[str]] = defaultdict(set)
    live = in_force(session.scalars(select(Correction).order_by(Correction.id)).all())
    for c in live:
        corrected[c.document_id].add(_key(c.path))
    n = limit + len(live)
    real = Document.is_stub.is_(False)
    found: list[tuple[int, str, str, str]] = []  # (document, path, kind, detail)
    for field in REVIEWED_FIELDS:
        column = Document.issuer_id if field == "issuer" else getattr(Document, field)
        for doc_id in session.scalars(select(Document.id).where(real, column.is_(None)).order_by(Document.id).limit(n)):
            found.append((doc_id, "issuer.name" if field == "issuer" else field, "abstained", ""))
    signed = select(Signature.document_id).where(Signature.person_id.is_not(None))
    for doc_id in session.scalars(select(Document.id).where(real, ~Document.id.in_(signed)).order_by(Document.id).limit(n)):
        found.append((doc_id, "signer.name", "abstained", "no signer read"))
    unassigned = session.execute(select(Task.document_id, Task.id, Task.ordinal, Task.text)
                                 .where(~Task.id.in_(select(TaskAssignee.task_id))).order_by(Task.id).limit(n)).all()
    index = _task_index(session, {t.document_id for t in unassigned})
    found += [(t.document_id, f"tasks.{index[t.id]}.assignees", "abstained",
               f"task {t.ordinal or '(unnumbered)'} has no assignee: {t.text[:100]}") for t in unassigned]
    for s in session.execute(select(Source.document_id, Source.path, Source.mean_ocr_confidence)
                             .where(Source.mean_ocr_confidence < LOW_CONFIDENCE).order_by(Source.document_id).limit(n)):
        found.append((s.document_id, "source", "low-confidence",
                      f"{s.path} read at mean OCR confidence {s.mean_ocr_confidence:.2f}"))
    found += _disagreements(session, n)
    found = sorted((f for f in found if _key(f[1]) not in corrected[f[0]]), key=lambda f: (f[0], f[1]))[:limit]
    ids = {f[0] for f in found}
    docs = {d.id: d for d in session.execute(select(Document.id, Document.number, Document.symbol, Document.doc_type,
                                                    Document.record).where(Document.id.in_(ids), real))}
    arrived = {i: t for i, t in session.execute(select(Source.document_id, func.min(Source.ingested_at))
                                                .where(Source.document_id.in_(ids)).group_by(Source.document_id))}
    return [{"document_id": i, "number": shown_number(docs[i].number, docs[i].symbol), "doc_type": docs[i].doc_type,
             "arrived": arrived.get(i), "path": path, "kind": kind,
             "detail": detail or _reason(docs[i].record, path.split(".")[0])}
            for i, path, kind, detail in found if i in docs]


def _key(path: str) -> str:
    """A corrected path as the queue counts it: any part of a reviewed field checks the field."""
    head = path.split(".")[0]
    return head if head in REVIEWED_FIELDS or head == "signer" else path


def _reason(record: dict[str, Any] | None, field: str) -> str:
    prov = (record or {}).get("provenance") or {}
    why = (prov.get(field) or {}).get("reason")
    return why or "nothing read"


def _task_index(session: Session, doc_ids: set[int]) -> dict[int, int]:
    """Each task's place in its document's list (what a correction's path counts)."""
    out: dict[int, int] = {}
    count: dict[int, int] = defaultdict(int)
    for task_id, doc_id in session.execute(select(Task.id, Task.document_id)
                                           .where(Task.document_id.in_(doc_ids)).order_by(Task.id)):
        out[task_id] = count[doc_id]
        count[doc_id] += 1
    return out


def _disagreements(session: Session, limit: int) -> list[tuple[int, str, str, str]]:
    """Fields two sources of the oldest documents read differently (the first source's value is kept)."""
    multi = (select(Source.document_id).group_by(Source.document_id).having(func.count(Source.id) > 1)
             .order_by(Source.document_id).limit(limit))
    by_doc: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for s in session.execute(select(Source.document_id, Source.path, Source.record)
                             .where(Source.document_id.in_(multi)).order_by(Source.id)):
        by_doc[s.document_id].append((s.path, s.record or {}))
    out = []
    for doc_id, records in by_doc.items():
        for field in REVIEWED_FIELDS:
            read = {path: _shown(r.get(field)) for path, r in records if r.get(field)}
            if len(set(read.values())) > 1:
                out.append((doc_id, "issuer.name" if field == "issuer" else field, "disagree",
                            "; ".join(f"{v} ({p})" for p, v in read.items())))
    return out


def _shown(value: Any) -> str:
    return value.get("name") or "" if isinstance(value, dict) else str(value)
