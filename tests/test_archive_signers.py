"""A signer's name the seal cut short, completed from the people who signed the issuer's other
documents in the archive (pipeline/storage/signers.py)."""
from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Document, Person, Provenance, Signature
from pipeline.storage.store import store
from pipeline.types import Page, ReadResult

SO_Y_TE = {"name": "Sở Y tế", "parent": "Ủy ban nhân dân tỉnh Kiên Giang"}
TAIL = {"signer.name": {"rule": "signature.reread", "abstained": "…", "check": "name-tail",
                        "tail": {"lost": "n", "words": ["Trúc", "Giang"]}}}
DEPUTY = {"title": "Phó Giám đốc", "authority": "KT."}


def put(session: Session, n: int, name: str | None, issuer: dict[str, str] = SO_Y_TE,
        provenance: dict[str, Any] | None = None, method: str = "ocr") -> None:
    text = f"Sở Y tế thông báo lịch học số {n} cho các đơn vị trực thuộc, khóa {n * 7}, tại hội trường {n * 13}."
    read = ReadResult(f"kgu_{n}.pdf", hashlib.sha256(text.encode()).hexdigest(), "application/pdf",
                      [Page(1, text, method)])
    rec = {"source": {}, "references": [], "tasks": [], "number": f"{2000 + n}/TB-SYT", "symbol": "TB-SYT",
           "issue_date": f"2017-11-{n:02d}", "issuer": issuer, "signer": {"name": name, **DEPUTY},
           "provenance": provenance or {}}
    store(session, read, rec)
    session.commit()


def signer(session: Session, n: int) -> str | None:
    doc = session.scalar(select(Document).where(Document.number == f"{2000 + n}/TB-SYT"))
    assert doc is not None
    return (doc.record or {}).get("signer", {}).get("name")


def test_a_tail_is_the_one_signer_of_the_issuer_it_ends_whichever_arrives_first(session: Session) -> None:
    put(session, 1, None, provenance=TAIL)  # nobody of the issuer known yet: it waits
    assert signer(session, 1) is None
    put(session, 2, "Hà Văn Phúc")  # ends no tail
    assert signer(session, 1) is None
    put(session, 3, "Nguyễn Trúc Giang")  # the issuer's signer it ends arrives: the waiting one is signed
    assert signer(session, 1) == "Nguyễn Trúc Giang"
    put(session, 4, None, provenance=TAIL)  # known already: signed as it arrives
    assert signer(session, 4) == "Nguyễn Trúc Giang"
    rules = set(session.scalars(select(Provenance.rule).where(Provenance.field == "signer.name")))
    assert rules == {"signature.archive-name"}
    people = session.scalars(select(Person.name).join(Signature, Signature.person_id == Person.id)).all()
    assert sorted(people) == ["Hà Văn Phúc", *["Nguyễn Trúc Giang"] * 3]


def test_a_tail_two_signers_end_or_another_issuers_signer_ends_stays_empty(session: Session) -> None:
    put(session, 1, "Nguyễn Trúc Giang", issuer={"name": "Sở Tài chính", "parent": "Ủy ban nhân dân tỉnh Kiên Giang"})
    put(session, 2, None, provenance=TAIL)
    assert signer(session, 2) is None  # the one who ends it signs for another issuer
    put(session, 3, "Nguyễn Trúc Giang")
    put(session, 4, "Trần Trúc Giang")
    put(session, 5, None, provenance=TAIL)
    assert signer(session, 5) is None  # 'n' ends Nguyễn and Trần: no guess


def test_an_ocr_name_a_letter_off_is_spelled_as_the_issuers_archive_spells_it(session: Session) -> None:
    put(session, 1, "Nguyễn Trúc Giang")
    put(session, 2, "Nguyễn Trúc Glang")
    assert signer(session, 2) == "Nguyễn Trúc Glang"  # one document is no spelling yet
    put(session, 3, "Nguyễn Trúc Giang")
    put(session, 4, "Nguyễn Trúc Glang")
    assert signer(session, 4) == "Nguyễn Trúc Giang"
    put(session, 5, "Nguyễn Trúc Glang", method="text-layer")  # typed, not read: as typed
    assert signer(session, 5) == "Nguyễn Trúc Glang"
    put(session, 6, "Trần Văn Hải")  # near nobody: as read
    assert signer(session, 6) == "Trần Văn Hải"
