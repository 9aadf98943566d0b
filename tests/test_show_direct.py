"""`congvan show` on a SQLite file answers with the standard library (pipeline/queries/shown.py): the
same documents, field for field, as the ORM's `show` (pipeline/queries/lookup.py), on an archive with
what a shown document can hold: sources, signer, recipients, references both ways, stubs, tasks with
assignees, provenance, abstentions, corrections and a revert, digital and printed signatures, an
archive copy, numbers typed loosely and a miss."""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Document, Source, SourceSignature
from pipeline.queries import lookup, shown
from pipeline.storage import corrections, direct
from tests.cli import congvan
from tests.test_storage import cite, put

TASK = {"assignees": [{"name": "Sở Tài chính", "role": "lead"}, {"name": "Sở Nội vụ", "role": "support"}],
        "task": "Rà soát và báo cáo kết quả", "deadline": "2025-12-31", "ordinal": "1."}


def _archive(session: Session) -> None:
    put(session, "q.txt", "Quyết định thành lập " * 30, number="410/QĐ-UBND", doc_type="Quyết định",
        issue_date="2025-03-05", issuer={"name": "Ủy ban nhân dân tỉnh Quảng Ngãi", "parent": None},
        references=[cite("12/KH-UBND", "2025-01-02")])
    put(session, "c.txt", "Công văn triển khai " * 30, number="845/UBND-KGVX", subject="Về việc triển khai",
        references=[cite("410/QĐ-UBND")], tasks=[TASK, {**TASK, "ordinal": "2.", "deadline": None}],
        recipients=["Sở Tài chính", "Sở Nội vụ"], cc=["Lưu: VT"],
        signer={"name": "Nguyễn Văn An", "title": "Chủ tịch", "authority": "TM."},
        provenance={"subject": {"page": 1, "start": 3, "end": 9, "rule": "header.vv"},
                    "issue_date": {"abstained": True, "candidate": "2025-13-01", "reason": "not a date", "page": 1}})
    doc = session.scalars(select(Document).where(Document.number == "845/UBND-KGVX")).one()
    first = corrections.correct(session, doc, "subject", "Về việc triển khai kế hoạch", "an")
    corrections.correct(session, doc, "tasks.0.deadline", "2025-11-30", "bình", note="theo công văn mới")
    session.flush()
    corrections.revert(session, first.id, "an")
    source = session.scalars(select(Source).where(Source.document_id == doc.id)).one()
    source.archive_path, source.archive_sha256 = "/archive/c.pdf", "ab" * 32
    session.add_all([SourceSignature(source_id=source.id, ordinal=1, kind="digital", field_name="Sig1", page=1,
                                     signer_cn="Nguyễn Văn An", signer_o="UBND", covers="whole file", intact=True,
                                     digest="sha1", weak_digest=True, added_after="a form filled", trust="not checked"),
                     SourceSignature(source_id=source.id, ordinal=0, kind="stamp", page=2, signer_cn="Văn thư",
                                     signing_time="2025-03-06T08:00:00+07:00", trust="not checked"),
                     SourceSignature(source_id=source.id, ordinal=2, kind="digital", error="cannot be checked: x")])
    session.commit()


def test_show_on_the_standard_library_is_the_orms(session: Session, db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        return  # the standard library opens SQLite files only; PostgreSQL stays on the ORM
    _archive(session)
    conn = direct.connect(db_url)
    assert conn is not None
    numbers = [n for n in session.scalars(select(Document.number).distinct()) if n is not None]
    assert len(numbers) == 3
    for typed in [*numbers, "410/qd-ubnd", " 845 / UBND – KGVX ", "999/XX", "410/QĐ-UBNX"]:
        want = lookup.show(session, typed)
        assert json.dumps(shown.show(conn, typed), default=str) == json.dumps(want, default=str), typed
        if not want:
            assert shown.nearest_numbers(conn, typed) == lookup.nearest_numbers(session, typed)
    (doc,) = shown.show(conn, "845/UBND-KGVX")
    assert [c["in_force"] for c in doc["corrections"]] == [False, True, False]  # the revert itself is no correction in force
    assert len(doc["digital_signatures"]) == 3 and doc["abstained"] and doc["archive_copies"]
    for fmt in ("table", "json", "csv"):
        assert congvan("show", "845/UBND-KGVX", "--format", fmt, db=db_url).returncode == 0

