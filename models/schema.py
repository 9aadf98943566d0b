"""Documents, their sources and pages, organisations, people, references and tasks.

A Document is a dispatch, not a file: one dispatch received as a scan and as a PDF is one
Document with two Sources. A cited document not yet ingested is a stub Document
(is_stub) that becomes the real one when it arrives.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Organization(Base):
    __tablename__ = "organization"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    key: Mapped[str] = mapped_column(String(400), unique=True, index=True)  # folded canonical form
    kind: Mapped[str | None] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
    parent: Mapped[Organization | None] = relationship(remote_side=[id])
    aliases: Mapped[list[OrganizationAlias]] = relationship(back_populates="organization")


class OrganizationAlias(Base):
    __tablename__ = "organization_alias"
    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    alias: Mapped[str] = mapped_column(String(400))
    key: Mapped[str] = mapped_column(String(400), index=True)
    organization: Mapped[Organization] = relationship(back_populates="aliases")


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Document(Base):
    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(80), index=True)
    symbol: Mapped[str | None] = mapped_column(String(80))
    doc_type: Mapped[str | None] = mapped_column(String(60))
    issue_date: Mapped[str | None] = mapped_column(String(10))  # indexed with is_stub, below
    place: Mapped[str | None] = mapped_column(String(120))
    subject: Mapped[str | None] = mapped_column(Text)
    issuer_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))  # indexed with is_stub, below
    issuer_text: Mapped[str | None] = mapped_column(String(400))
    is_stub: Mapped[bool] = mapped_column(Boolean, default=False)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # body signature (pipeline/storage/neardup.py)
    record: Mapped[dict | None] = mapped_column(JSON)  # the merged record of its sources
    issuer: Mapped[Organization | None] = relationship()
    sources: Mapped[list[Source]] = relationship(back_populates="document")
    tasks: Mapped[list[Task]] = relationship(back_populates="document", foreign_keys="Task.document_id",
                                             cascade="all, delete-orphan", order_by="Task.id")


class Source(Base):
    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(120))
    pages: Mapped[int] = mapped_column(Integer)
    text_source: Mapped[str] = mapped_column(String(20))
    mean_ocr_confidence: Mapped[float | None] = mapped_column(Float)
    record: Mapped[dict | None] = mapped_column(JSON)  # this file's own record; the document merges them
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # its body's signature (pipeline/storage/neardup.py)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    # The archive copy `ingest --archive DIR` wrote and checked (pipeline/archive.py): where, and its bytes' hash.
    archive_path: Mapped[str | None] = mapped_column(Text)
    archive_sha256: Mapped[str | None] = mapped_column(String(64))
    document: Mapped[Document] = relationship(back_populates="sources")
    page_rows: Mapped[list[Page]] = relationship(cascade="all, delete-orphan")
    # Every name these bytes were found under; `path` is the first of them.
    path_rows: Mapped[list[SourcePath]] = relationship(cascade="all, delete-orphan", back_populates="source")
    signature_rows: Mapped[list[SourceSignature]] = relationship(cascade="all, delete-orphan",
                                                                 order_by="SourceSignature.ordinal")

    def reading_rank(self) -> tuple[int, bool, float, int]:
        """The order a document's sources give its fields in: the best read first (text as typed, then
        a PDF partly typed, then OCR; typed text before text whose accents were restored; among OCR the
        higher mean confidence), the first stored among equals. A dispatch received as a scan and then
        as its text layer takes the text layer's values."""
        rank = {"text-layer": 0, "plain-text": 0, "mixed": 1}.get(self.text_source, 2)
        # among typed texts only: nearly every OCR'd page has a word restored, and confidence orders those
        return (rank, rank == 0 and self.restored(), -(self.mean_ocr_confidence or 0.0), self.id or 0)

    def restored(self) -> bool:
        """Its text's accents were put back by the restorer (a text file of stripped or OCR'd text)."""
        return bool(((self.record or {}).get("source") or {}).get("diacritics_restored"))

    def read_as_typed(self) -> bool:
        """Its words are the issuer's own: a text layer or typed text, accents as written."""
        return self.reading_rank()[0] == 0 and not self.restored()


class SourcePath(Base):
    """A path names one file at a time: a file edited in place moves its path to its new bytes."""

    __tablename__ = "source_path"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    path: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[Source] = relationship(back_populates="path_rows")


class SourceSignature(Base):
    """One digital signature of a source file as pyHanko checked it (pipeline/reading/signatures.py):
    a fact about the file's bytes, so it belongs to the source, not to the document. Times are ISO
    8601 text with their offset, as the signature gave them; `error` holds 'cannot be checked: …'."""

    __tablename__ = "source_signature"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)  # signing order in the file
    kind: Mapped[str] = mapped_column(String(20))  # digital
    field_name: Mapped[str | None] = mapped_column(String(200))
    page: Mapped[int | None] = mapped_column(Integer)
    signer_cn: Mapped[str | None] = mapped_column(String(400))
    signer_o: Mapped[str | None] = mapped_column(String(400))
    signer_ou: Mapped[str | None] = mapped_column(String(400))
    signer_l: Mapped[str | None] = mapped_column(String(200))
    signer_email: Mapped[str | None] = mapped_column(String(200))
    issuer_cn: Mapped[str | None] = mapped_column(String(400))
    issuer_o: Mapped[str | None] = mapped_column(String(400))
    serial: Mapped[str | None] = mapped_column(String(80))
    signing_time: Mapped[str | None] = mapped_column(String(40))  # the CMS signing-time attribute
    dictionary_time: Mapped[str | None] = mapped_column(String(40))  # the signature dictionary's /M
    timestamp: Mapped[str | None] = mapped_column(String(40))  # an embedded timestamp token's time
    application: Mapped[str | None] = mapped_column(String(400))  # /Prop_Build /App /Name
    sub_filter: Mapped[str | None] = mapped_column(String(80))
    revision: Mapped[int | None] = mapped_column(Integer)
    revisions: Mapped[int | None] = mapped_column(Integer)
    covers: Mapped[str | None] = mapped_column(String(40))  # whole file | earlier revision | …
    added_after: Mapped[str | None] = mapped_column(Text)
    intact: Mapped[bool | None] = mapped_column(Boolean)
    digest: Mapped[str | None] = mapped_column(String(40))
    weak_digest: Mapped[bool | None] = mapped_column(Boolean)
    chain: Mapped[list | None] = mapped_column(JSON)
    trust: Mapped[str | None] = mapped_column(String(400))
    error: Mapped[str | None] = mapped_column(Text)


class Page(Base):
    __tablename__ = "page"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    # {"width": page width in the words' units, "words": [[x0, top, x1, bottom, text], ...]}: where the
    # words stand, so a value's span can be boxed on the page image (revision 0005; None before it)
    words: Mapped[dict | None] = mapped_column(JSON)


class Signature(Base):
    __tablename__ = "signature"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    title: Mapped[str | None] = mapped_column(String(200))
    authority: Mapped[str | None] = mapped_column(String(10))
    person: Mapped[Person | None] = relationship()


class Recipient(Base):
    __tablename__ = "recipient"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # to | cc
    text: Mapped[str] = mapped_column(Text)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))


class Reference(Base):
    __tablename__ = "reference"
    id: Mapped[int] = mapped_column(primary_key=True)
    from_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    to_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)


class Task(Base):
    __tablename__ = "task"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    ordinal: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[str | None] = mapped_column(String(10), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    document: Mapped[Document] = relationship(back_populates="tasks", foreign_keys=[document_id])
    assigned_by: Mapped[Document | None] = relationship(foreign_keys=[assigned_by_id])
    assignees: Mapped[list[TaskAssignee]] = relationship(cascade="all, delete-orphan", order_by="TaskAssignee.id")


class TaskAssignee(Base):
    __tablename__ = "task_assignee"
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # lead | support
    printed: Mapped[str] = mapped_column(String(400))
    organization: Mapped[Organization] = relationship()


class Provenance(Base):
    """Where one extracted value came from: source file, page, span and rule."""

    __tablename__ = "provenance"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    field: Mapped[str] = mapped_column(String(40))
    page: Mapped[int | None] = mapped_column(Integer)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    rule: Mapped[str | None] = mapped_column(String(80))


class Correction(Base):
    """One archivist's change to one value of a document's record, or the revert of an earlier one.

    Append-only: nothing updates or deletes a row. The document is rebuilt from its sources and
    then the corrections not reverted, oldest first (pipeline/storage/corrections.py), so a
    correction wins over every later extraction. `path` names the value in the record
    ("subject", "signer.name", "tasks.3.assignees"); `anchor` is what located a list item when the
    correction was made (its ordinal and text, a reference's number), so it finds the item again
    when a re-extraction reorders the list. No foreign key on document: a document dropped with its
    last source (a file edited in place) leaves its corrections as history, under its number.
    """

    __tablename__ = "correction"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[str | None] = mapped_column(String(80))  # the document's number when corrected
    path: Mapped[str] = mapped_column(String(120))
    anchor: Mapped[dict | None] = mapped_column(JSON)
    old_value: Mapped[object | None] = mapped_column(JSON)
    new_value: Mapped[object | None] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    reverts: Mapped[int | None] = mapped_column(Integer)  # the correction this row takes back


class RegisterEntry(Base):
    """A document's line in the incoming register (sổ đăng ký văn bản đến, NĐ 30/2020/NĐ-CP Phụ lục IV
    mục VI): its số đến, sequential per register and year of arrival, and its ngày đến, given once
    when the document first arrives and kept through re-ingest and reprocess. The archivist's columns
    (who it went to, when, a note) start empty. A document dropped with its last source leaves its line
    (document_id NULL): a number once given is never given again.
    """

    __tablename__ = "register_entry"
    __table_args__ = (UniqueConstraint("register", "year", "number", name="uq_register_entry_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # số đến
    arrived: Mapped[str] = mapped_column(String(10))  # ngày đến, YYYY-MM-DD
    document_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    recipient: Mapped[str | None] = mapped_column(String(400))  # đơn vị hoặc người nhận
    forwarded: Mapped[str | None] = mapped_column(String(10))  # ngày chuyển, YYYY-MM-DD
    note: Mapped[str | None] = mapped_column(Text)  # ghi chú
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class Account(Base):
    """Who may use `congvan serve`: a reader reads, an archivist also corrects, an admin also keeps
    the register's numbers. The password is kept as an argon2 hash only (pipeline/web/auth.py)."""

    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class DocumentText(Base):
    """The body text for full-text search; `folded` is the same text diacritic-free and lower-case,
    character for character, so a match in it cuts a snippet out of `body`. On SQLite an FTS5
    index over `folded` is kept in step by triggers (migration 0002)."""

    __tablename__ = "document_text"
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(Text)


class DocumentBand(Base):
    """One MinHash band of a document's body: documents sharing a bucket are near-duplicate candidates."""

    __tablename__ = "document_band"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    bucket: Mapped[int] = mapped_column(BigInteger, index=True)


Index("ix_reference_pair", Reference.from_id, Reference.to_id)
# the documents page's facets (migration 0005); they serve lookups by issuer and date too
Index("ix_document_issuer_stub", Document.issuer_id, Document.is_stub)
Index("ix_document_issue_date_stub", Document.issue_date, Document.is_stub)
Index("ix_document_doc_type_stub", Document.doc_type, Document.is_stub)
# covering indexes for "tasks of these bodies" and "tasks of these documents" (scripts/bench_queries.py)
Index("ix_task_assignee_org_task", TaskAssignee.organization_id, TaskAssignee.task_id)
Index("ix_task_document_task", Task.document_id, Task.id)
