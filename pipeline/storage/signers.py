"""A signer's name the seal left without its first letters, completed from the archive.

On a scan the reading of the signature block may keep only the end of the name ('n Trúc Giang';
pipeline/signature_block.py keeps it in provenance as `signer.name.tail`, the name itself null).
The people who signed the same issuer's other documents are the names it may end: when exactly
one of them ends it (extractors.signer_name.complete), that is the signer, with the rule
`signature.archive-name`; when none or several do, the name stays empty. A document stored with
a tail is marked (a provenance row `signature.name-tail`), so a signer who arrives later with the
issuer's next document completes it then.
"""
from __future__ import annotations

import weakref
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from extractors.signer_name import complete
from models import Document, Person, Provenance, Signature, Source

from . import batch, rows
from .db import insert_new

TAIL_RULE = "signature.name-tail"
ARCHIVE_RULE = "signature.archive-name"
SPELLING_RULE = "signature.archive-spelling"
SAME_PERSON = 90  # rapidfuzz similarity of an OCR'd name to an archive's spelling: a letter in ten misread
SEEN = 2  # documents of the issuer an archive's spelling must have signed to stand for an OCR'd name
# Per database, the issuers with a document waiting for its signer's name: read once a process (one
# scan of the provenance rows), then kept, so a signed document of any other issuer costs no query. An
# issuer left here by a rolled-back transaction costs one query that finds nothing.
_WAITING: weakref.WeakKeyDictionary[Any, set[int]] = weakref.WeakKeyDictionary()


def _waiting(session: Session) -> set[int]:
    bind = session.get_bind()
    if bind not in _WAITING:
        _WAITING[bind] = set(session.scalars(select(Document.issuer_id).distinct().join(
            Provenance, Provenance.document_id == Document.id).where(Provenance.rule == TAIL_RULE)))
    return _WAITING[bind]


def tail_of(records: list[tuple[Source, dict[str, Any]]]) -> tuple[Source, tuple[str, tuple[str, ...]]] | None:
    """The first source whose reading kept the end of a name it could not read whole."""
    for source, r in records:
        tail = ((r.get("provenance") or {}).get("signer.name") or {}).get("tail")
        if isinstance(tail, dict) and tail.get("words"):
            return source, (str(tail.get("lost") or ""), tuple(str(w) for w in tail["words"]))
    return None


def _issuer_names(session: Session, issuer_id: int) -> list[str]:
    return list(session.scalars(
        select(Person.name).distinct().join(Signature, Signature.person_id == Person.id)
        .join(Document, Document.id == Signature.document_id).where(Document.issuer_id == issuer_id)))


def from_archive(session: Session, doc: Document, records: list[tuple[Source, dict[str, Any]]]) -> bool:
    """Sign `doc` with the one person of its issuer's other documents its signer's tail ends; else mark
    it as waiting for one. True when it was signed."""
    found = tail_of(records)
    if found is None or doc.issuer_id is None:
        return False
    source, tail = found
    name = complete(tail, _issuer_names(session, doc.issuer_id))
    if name is None:
        rows.add(session, Provenance, [{"document_id": doc.id, "source_id": source.id,
                                                           "field": "signer.name", "rule": TAIL_RULE}])
        _waiting(session).add(doc.issuer_id)
        return False
    _sign(session, doc, source, name, next((r.get("signer") or {} for s, r in records if s is source), {}))
    return True


def complete_waiting(session: Session, doc: Document) -> None:
    """The issuer's documents waiting for a name their tail ends, now that `doc` was signed."""
    if doc.issuer_id is None or doc.issuer_id not in _waiting(session):
        return
    waiting = session.scalars(select(Document).join(Provenance, Provenance.document_id == Document.id).where(
        Document.issuer_id == doc.issuer_id, Document.id != doc.id, Provenance.rule == TAIL_RULE)).unique().all()
    if not waiting:
        return
    names = _issuer_names(session, doc.issuer_id)
    for other in waiting:
        records = [(s, s.record or {}) for s in sorted(other.sources, key=Source.reading_rank)]
        found = tail_of(records)
        name = complete(found[1], names) if found else None
        if found is None or name is None:
            continue
        session.execute(update(Provenance).where(Provenance.document_id == other.id, Provenance.rule == TAIL_RULE)
                        .values(rule=ARCHIVE_RULE))
        _sign(session, other, found[0], name, (found[0].record or {}).get("signer") or {}, provenance=False)


def person_id(session: Session, name: str) -> int:
    """The person of this name, made on first sight (another ingest making the same person at once
    costs no retried transaction: storage.db.insert_new); the run's prefetch answers for the persons
    its documents name (storage.batch)."""
    pre = batch.of(session)
    if pre is not None and name in pre.persons:
        return pre.persons[name]
    found = session.scalar(select(Person.id).where(Person.name == name)) or insert_new(session, Person, "name", name=name)[0]
    if pre is not None:
        pre.persons[name] = found
    return found


def _sign(session: Session, doc: Document, source: Source, name: str, signer: dict[str, Any],
          provenance: bool = True) -> None:
    person = person_id(session, name)
    rows.add(session, Signature, [{"document_id": doc.id, "person_id": person,
                                                      "title": signer.get("title"), "authority": signer.get("authority")}])
    if provenance:
        rows.add(session, Provenance, [{"document_id": doc.id, "source_id": source.id,
                                                           "field": "signer.name", "rule": ARCHIVE_RULE}])
    record = dict(doc.record or {})
    record["signer"] = {**(record.get("signer") or signer), "name": name}
    doc.record = record


def corrected(record: dict[str, Any]) -> bool:
    """Whether an archivist's correction gave the record's signer (pipeline/storage/corrections.py)."""
    rules = [str((p or {}).get("rule") or "") for k, p in (record.get("provenance") or {}).items()
             if k == "signer" or k.startswith("signer.")]
    return any(r.startswith("correction #") for r in rules)


def spelled(session: Session, doc: Document, source: Source, name: str) -> str:
    """An OCR'd signer's name as the archive spells it ('Nguyễn Trúc Glang' -> 'Nguyễn Trúc Giang'): the
    one other name it nearly is that signed SEEN or more of the issuer's documents, and more of them
    than the name as read. A name near two others, or near one seen less often, stays as read (two
    people a letter apart who sign for one issuer are told apart once each has signed as often)."""
    if doc.issuer_id is None:
        return name
    counts = dict(session.execute(
        select(Person.name, func.count(Signature.id)).join(Signature, Signature.person_id == Person.id)
        .join(Document, Document.id == Signature.document_id)
        .where(Document.issuer_id == doc.issuer_id, Document.id != doc.id).group_by(Person.name)).all())
    near = [n for n in counts if n != name and fuzz.ratio(n.lower(), name.lower()) >= SAME_PERSON]
    if len(near) != 1 or counts[near[0]] < max(SEEN, counts.get(name, 0) + 1):
        return name
    rows.add(session, Provenance, [{"document_id": doc.id, "source_id": source.id,
                                                       "field": "signer.name", "rule": SPELLING_RULE}])
    record = dict(doc.record or {})
    record["signer"] = {**(record.get("signer") or {}), "name": near[0]}
    doc.record = record
    return near[0]
