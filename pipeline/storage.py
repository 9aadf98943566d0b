"""Record -> rows. One document per dispatch, citations resolved to documents or stubs.

Identity follows NĐ 30/2020 Phụ lục VI: number + symbol + issuer, plus the year for state
documents (numbering restarts each year) or the date for Party documents (numbering runs
per term). A cited document not yet ingested becomes a stub that the real one replaces.
A dispatch that arrives twice is one Document: the same bytes are skipped by hash, the
same dispatch from another file is found by identity or by near-identical body text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from extractors.orgs import folded_key
from models import (
    Document,
    Organization,
    OrganizationAlias,
    Page,
    Person,
    Provenance,
    Recipient,
    Reference,
    Signature,
    Source,
    Task,
    TaskAssignee,
)

from .normalize import fold
from .types import ReadResult

NEAR_DUPLICATE = 80.0  # rapidfuzz ratio on folded body text: seed 000 vs its OCR 001 scores 90.7, 000 vs 002 (which implements it) 58.0
_FIELDS = ("doc_type", "number", "symbol", "issue_date", "place", "subject")


@dataclass
class StoreResult:
    outcome: str  # stored | merged | duplicate-file
    document_id: int


def store(session: Session, read: ReadResult, record: dict[str, Any]) -> StoreResult:
    existing = session.scalar(select(Source).where(Source.sha256 == read.sha256))
    if existing is not None:
        return StoreResult("duplicate-file", existing.document_id)
    doc = _same_dispatch(session, record, read)
    outcome = "merged" if doc is not None else "stored"
    if doc is None:
        doc = _promote_stub(session, record) or Document(is_stub=False)
        session.add(doc)
    _fill(session, doc, record, read)
    source = Source(path=read.path, sha256=read.sha256, media_type=read.media_type, pages=len(read.pages),
                    text_source=read.text_source, mean_ocr_confidence=record["source"].get("mean_ocr_confidence"))
    source.page_rows = [Page(number=p.number, method=p.method, confidence=p.confidence, text=p.text) for p in read.pages]
    doc.sources.append(source)
    session.flush()
    for field, prov in (record.get("provenance") or {}).items():
        session.add(Provenance(document_id=doc.id, source_id=source.id, field=field, page=prov.get("page"),
                               start=prov.get("start"), end=prov.get("end"), rule=prov.get("rule")))
    return StoreResult(outcome, doc.id)


def body_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))[:4000]


def _same_dispatch(session: Session, record: dict[str, Any], read: ReadResult) -> Document | None:
    if record.get("number"):
        for d in session.scalars(select(Document).where(Document.number == record["number"], Document.is_stub.is_(False))):
            if _compatible(d.issue_date, record.get("issue_date"), d.issuer_text, _issuer_name(record)):
                return d
    key = body_key(read.text)
    if len(key) < 200:
        return None
    query = select(Document).where(Document.is_stub.is_(False), Document.body_key.is_not(None))
    if record.get("number"):
        query = query.where(or_(Document.number.is_(None), Document.number == record["number"]))
    for d in session.scalars(query):
        if d.body_key and fuzz.ratio(key[:3000], d.body_key[:3000]) >= NEAR_DUPLICATE:
            return d
    return None


def _promote_stub(session: Session, record: dict[str, Any]) -> Document | None:
    if not record.get("number"):
        return None
    for d in session.scalars(select(Document).where(Document.number == record["number"], Document.is_stub.is_(True))):
        if _compatible(d.issue_date, record.get("issue_date"), d.issuer_text, _issuer_name(record)):
            d.is_stub = False
            return d
    return None


def _compatible(date_a: str | None, date_b: str | None, issuer_a: str | None, issuer_b: str | None) -> bool:
    if date_a and date_b and not (date_a.startswith(date_b) or date_b.startswith(date_a)):
        return False
    if issuer_a and issuer_b:
        ka, kb = folded_key(issuer_a), folded_key(issuer_b)
        return ka.startswith(kb[:14]) or kb.startswith(ka[:14]) or fuzz.partial_ratio(ka, kb) >= 85
    return True


def _issuer_name(record: dict[str, Any]) -> str | None:
    issuer = record.get("issuer")
    return issuer.get("name") if isinstance(issuer, dict) else None


def _fill(session: Session, doc: Document, record: dict[str, Any], read: ReadResult) -> None:
    """Set fields the document lacks; values already stored from another source are kept."""
    for f in _FIELDS:
        if getattr(doc, f) is None and record.get(f):
            setattr(doc, f, record[f])
    name = _issuer_name(record)
    if name and doc.issuer_id is None:
        doc.issuer = organization(session, name)
        doc.issuer_text = name
    doc.body_key = doc.body_key or body_key(read.text)
    merged = dict(doc.record or {})
    for k, v in record.items():
        if k != "provenance" and not merged.get(k) and v:
            merged[k] = v
    doc.record = merged
    session.flush()
    _signature(session, doc, record)
    _recipients(session, doc, record)
    _references(session, doc, record)
    _tasks(session, doc, record)


def organization(session: Session, name: str) -> Organization:
    key = folded_key(name)
    org = session.scalar(select(Organization).where(Organization.key == key))
    if org is None:
        org = Organization(name=name, key=key)
        session.add(org)
        session.flush()
    alias_key = re.sub(r"[^a-z0-9 ]", "", fold(name)).strip()
    if not session.scalar(select(OrganizationAlias).where(OrganizationAlias.organization_id == org.id,
                                                          OrganizationAlias.key == alias_key)):
        session.add(OrganizationAlias(organization_id=org.id, alias=name, key=alias_key))
    return org


def _signature(session: Session, doc: Document, record: dict[str, Any]) -> None:
    signer = record.get("signer")
    if not signer or not signer.get("name"):
        return
    if session.scalar(select(Signature).where(Signature.document_id == doc.id)):
        return
    person = session.scalar(select(Person).where(Person.name == signer["name"])) or Person(name=signer["name"])
    session.add(Signature(document_id=doc.id, person=person, title=signer.get("title"), authority=signer.get("authority")))


def _recipients(session: Session, doc: Document, record: dict[str, Any]) -> None:
    if session.scalar(select(Recipient).where(Recipient.document_id == doc.id)):
        return
    for kind, key in (("to", "recipients"), ("cc", "cc")):
        for text in record.get(key) or []:
            session.add(Recipient(document_id=doc.id, kind=kind, text=text))


def resolve_cited(session: Session, number: str, date: str | None, issuer: str | None,
                  doc_type: str | None) -> Document:
    """The document a citation points at: the unambiguous match, else a (possibly new) stub."""
    matches = [d for d in session.scalars(select(Document).where(Document.number == number))
               if _compatible(d.issue_date, date, d.issuer_text, issuer)]
    real = [d for d in matches if not d.is_stub]
    if len(real) == 1:
        return real[0]
    stubs = [d for d in matches if d.is_stub]
    if stubs and not real:
        stub = stubs[0]
        stub.issue_date = stub.issue_date or date
        stub.issuer_text = stub.issuer_text or issuer
        return stub
    stub = Document(number=number, doc_type=doc_type, issue_date=date, issuer_text=issuer, is_stub=True,
                    symbol=number.split("-", 1)[-1] if "-" in number.split("/")[0] else number.split("/", 1)[-1])
    if issuer:
        stub.issuer = organization(session, issuer)
    session.add(stub)
    session.flush()
    return stub


def _references(session: Session, doc: Document, record: dict[str, Any]) -> None:
    have = {r.to_id for r in session.scalars(select(Reference).where(Reference.from_id == doc.id))}
    for ref in record.get("references") or []:
        target = resolve_cited(session, ref["number"], ref.get("date"), ref.get("issuer"), ref.get("doc_type"))
        if target.id == doc.id or target.id in have:
            continue
        have.add(target.id)
        session.add(Reference(from_id=doc.id, to_id=target.id, relation=ref.get("relation") or "cites",
                              text=ref.get("text")))


def _tasks(session: Session, doc: Document, record: dict[str, Any]) -> None:
    if doc.tasks:
        return
    for t in record.get("tasks") or []:
        by = t.get("assigned_by") or None
        by_doc = resolve_cited(session, by["number"], by.get("date"), None, by.get("doc_type")) if by and by.get("number") else None
        task = Task(ordinal=t.get("ordinal"), text=t.get("text") or "", deadline=t.get("deadline"),
                    assigned_by=by_doc)
        for a in t.get("assignees") or []:
            task.assignees.append(TaskAssignee(organization=organization(session, a["name"]), role=a["role"],
                                               printed=a["name"]))
        doc.tasks.append(task)
