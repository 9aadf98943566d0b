"""The graph's identity rules and queries, on hand-made records (no reading, no extraction)."""
from __future__ import annotations

import hashlib
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from models import Document, Provenance, Reference, Source
from pipeline.queries.lookup import PG_SEARCH_VECTOR, search, tasks, trace
from pipeline.storage.db import open_engine
from pipeline.storage.store import store
from pipeline.types import Page, ReadResult

BODY = ("Thực hiện Kế hoạch số 02-KH/BCĐTW của Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành rà soát việc bố trí "
        "hạ tầng kỹ thuật, trang cấp thiết bị công nghệ thông tin cho bộ phận một cửa, báo cáo kết quả trước "
        "ngày 30/11/2025 để tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy theo quy định.")


def put(session: Session, name: str, text: str = BODY, reprocess: bool = False, method: str = "plain-text",
        confidence: float | None = None, **fields: Any) -> str:
    read = ReadResult(name, hashlib.sha256(name.encode()).hexdigest(), "text/plain", [Page(1, text, method)])
    rec: dict[str, Any] = {"source": {"mean_ocr_confidence": confidence}, "references": [], "tasks": [], **fields}
    outcome = store(session, read, rec, reprocess).outcome
    session.commit()
    return outcome


def cite(number: str, date: str | None = None, issuer: str | None = None, relation: str = "implements") -> dict[str, Any]:
    return {"number": number, "date": date, "issuer": issuer, "relation": relation, "doc_type": "Quyết định"}


def docs(session: Session, number: str) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.number == number).order_by(Document.id)))


def test_a_document_cited_before_it_arrives_becomes_the_cited_document(session: Session) -> None:
    put(session, "a.txt", "Công văn a " * 30, number="12/UBND-KT", references=[cite("425/QĐ-UBND", "2025-03-05", "UBND tỉnh")])
    assert [d.is_stub for d in docs(session, "425/QĐ-UBND")] == [True]
    put(session, "b.txt", "Quyết định b " * 30, number="425/QĐ-UBND", issue_date="2025-03-05",
        issuer={"name": "Ủy ban nhân dân tỉnh", "parent": None})
    (real,) = docs(session, "425/QĐ-UBND")
    assert not real.is_stub
    assert session.scalar(select(Reference.to_id)) == real.id


def test_state_numbers_restart_each_year_party_numbers_differ_by_date(session: Session) -> None:
    put(session, "a.txt", "Quyết định a " * 30, number="425/QĐ-UBND", issue_date="2024-05-02")
    put(session, "b.txt", "Công văn b " * 30, number="7/UBND",
        references=[cite("425/QĐ-UBND", "2025-01-09"), cite("425/QĐ-UBND", "2024-05"), cite("03-CV/BCĐ", "2025-10-25")])
    put(session, "c.txt", "Công văn c " * 30, number="03-CV/BCĐ", issue_date="2025-10-30")
    assert [d.is_stub for d in docs(session, "425/QĐ-UBND")] == [False, True]   # 2025's is another decision
    assert [(d.issue_date, d.is_stub) for d in docs(session, "03-CV/BCĐ")] == [("2025-10-25", True), ("2025-10-30", False)]


def test_a_number_that_fits_two_documents_resolves_to_neither(session: Session) -> None:
    put(session, "a.txt", "Công văn a " * 30, number="03-CV/BCĐ", issuer={"name": "Ban Chỉ đạo tỉnh Quảng Ngãi"})
    put(session, "b.txt", "Công văn b " * 30, number="03-CV/BCĐ", issuer={"name": "Ban Chỉ đạo đặc khu Lý Sơn"})
    put(session, "c.txt", "Công văn c " * 30, number="9/UBND", references=[cite("03-CV/BCĐ")])
    target = session.get(Document, session.scalar(select(Reference.to_id)))
    assert target is not None and target.is_stub


def test_one_dispatch_from_two_files_is_one_document_each_value_keeping_its_source(session: Session) -> None:
    noisy = BODY.replace("đổi mới", "dổi mói").replace("thiết bị", "thiet bi").replace("ngày", "ngay")
    assert put(session, "text-layer.pdf", BODY, signer={"name": "Nguyễn Minh Trí", "title": "Bí thư"},
               provenance={"signer": {"rule": "signature.block"}}) == "stored"
    assert put(session, "scan.png", noisy, number="03-CV/BCĐ", issue_date="2025-10-30",
               provenance={"number": {"rule": "header.so-line"}}) == "merged"
    (doc,) = session.scalars(select(Document).where(Document.is_stub.is_(False)))
    assert (doc.number, doc.record and doc.record["signer"]["name"]) == ("03-CV/BCĐ", "Nguyễn Minh Trí")
    came_from = dict(session.execute(select(Provenance.field, Source.path).join(Source)).all())
    assert came_from == {"signer": "text-layer.pdf", "number": "scan.png"}


def test_each_field_of_a_merged_document_comes_from_the_best_read_source(session: Session) -> None:
    """A scan stored first, its text layer later: the document's fields and search text are the text
    layer's, whichever arrived first; a field only the scan read still comes from the scan."""
    noisy = BODY.replace("đổi mới", "với MG1").replace("thiết bị", "thiet bi")
    put(session, "scan.png", noisy, method="ocr", confidence=71.0, number="03-CV/BCĐ",
        subject="khẩn’ trương thể hiện các nhiệm vụ", signer={"name": "Nguyễn Minh Trí", "title": "Bí thư"})
    assert put(session, "layer.pdf", BODY, method="text-layer", number="03-CV/BCĐ",
               subject="khẩn trương thực hiện các nhiệm vụ") == "merged"
    (doc,) = session.scalars(select(Document).where(Document.is_stub.is_(False)))
    assert doc.subject == "khẩn trương thực hiện các nhiệm vụ"
    assert doc.record and doc.record["signer"]["name"] == "Nguyễn Minh Trí"
    assert [r["number"] for r in search(session, "đổi mới sáng tạo")] == ["03-CV/BCĐ"]


def test_different_dispatches_with_the_same_template_stay_apart(session: Session) -> None:
    put(session, "a.txt", BODY)
    other = BODY.replace("bộ phận một cửa", "trung tâm dữ liệu").replace("02-KH/BCĐTW", "05-KH/TU").replace(
        "rà soát việc bố trí hạ tầng kỹ thuật, trang cấp thiết bị công nghệ thông tin", "xây dựng kế hoạch đào tạo")
    assert put(session, "b.txt", other) == "stored"


def test_reprocess_replaces_what_changed_and_nothing_else(session: Session) -> None:
    put(session, "a.txt", number="5/UBND", references=[cite("1/QĐ-UBND", "2025-01-01")])
    assert put(session, "a.txt", number="5/UBND", references=[cite("1/QĐ-UBND", "2025-01-01")]) == "duplicate-file"
    assert put(session, "a.txt", reprocess=True, number="5/UBND", references=[cite("1/QĐ-UBND", "2025-01-01")]) == "unchanged"
    assert put(session, "a.txt", reprocess=True, number="5/UBND", subject="Về việc mới",
               references=[cite("2/QĐ-UBND", "2025-02-01")]) == "reprocessed"
    assert docs(session, "1/QĐ-UBND") == []                     # nobody cites it any more
    assert [d.subject for d in docs(session, "5/UBND")] == ["Về việc mới"]
    assert session.scalar(select(func.count()).select_from(Source)) == 1


def test_trace_is_one_query_for_the_chain(session: Session) -> None:
    put(session, "0.txt", "Kế hoạch gốc " * 30, number="1-KH/TW")
    for i in range(1, 6):
        put(session, f"{i}.txt", f"Văn bản cấp {i} " * 30, number=f"{i}/UBND",
            references=[cite("1-KH/TW" if i == 1 else f"{i - 1}/UBND")],
            tasks=[{"ordinal": "1", "text": f"Việc cấp {i}", "assignees": [{"name": f"Phòng số {i}", "role": "lead"}]}])
    statements: list[str] = []
    event.listen(session.get_bind(), "before_cursor_execute", lambda *a: statements.append(a[2]))
    (root,) = trace(session, "1-KH/TW", "down", depth=5)
    depth, node = 0, root
    while node["children"]:
        depth, node = depth + 1, node["children"][0]
    assert (depth, node["number"], node["tasks"][0]["task"]) == (5, "5/UBND", "Việc cấp 5")
    assert len(statements) <= 3   # the chain, the tasks, their assignees: not one per node


def test_search_and_assignee_match_without_accents(session: Session) -> None:
    put(session, "a.txt", BODY, number="1/UBND",
        tasks=[{"ordinal": None, "text": "rà soát", "assignees": [{"name": "Phòng Kinh tế", "role": "lead"}]}])
    put(session, "b.txt", "Về công tác chuyển giao tài sản công và quản lý đất đai " * 8, number="2/UBND")
    hits = search(session, "chuyen doi so")
    assert [h["number"] for h in hits] == ["1/UBND"] and "chuyển đổi số" in hits[0]["snippet"]
    assert [r["document"] for r in tasks(session, assignee="PHONG kinh te")] == ["1/UBND"]


def test_a_document_citing_its_own_number_cites_another_document(session: Session) -> None:
    # seed 000: itself 03-CV/BCĐ (its date unread), it implements another body's 03-CV/BCĐ of 25/10
    put(session, "a.txt", number="03-CV/BCĐ", references=[cite("03-CV/BCĐ", "2025-10-25", "Ban Chỉ đạo tỉnh")])
    own, cited = docs(session, "03-CV/BCĐ")
    assert (own.is_stub, cited.is_stub) == (False, True)
    assert session.scalar(select(Reference.to_id).where(Reference.from_id == own.id)) == cited.id


def test_the_migrations_build_the_schema_the_models_describe(db_url: str) -> None:
    from alembic import command

    from pipeline.storage.db import alembic_config

    open_engine(db_url).dispose()
    command.check(alembic_config(db_url))  # raises when a model change has no migration


@pytest.mark.parametrize(("cited", "header", "parent", "same"), [
    ("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Bình An", None, True),           # an organ for its body
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bình An", None, True),           # abbreviated, place left out
    ("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh", None, True),
    ("Ban Chỉ đạo tỉnh", "Ban Chỉ đạo về phát triển khoa học, công nghệ", "Đảng bộ tỉnh Bình An", True),
    ("UBND tỉnh Bình An", "UBND tỉnh Hòa Phú", None, False),
    ("Ủy ban nhân dân", "Văn phòng Ủy ban nhân dân tỉnh", None, False),
    ("Ban Chỉ đạo tỉnh Quảng Ngãi về phát triển khoa học", "Ban Chỉ đạo đặc khu Lý Sơn", None, False),
])
def test_a_citation_names_its_issuer_shortly(cited: str, header: str, parent: str | None, same: bool) -> None:
    from extractors.orgs import same_issuer

    assert same_issuer(cited, header, None, parent) is same


def test_postgres_search_runs_on_its_text_search_index(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite searches its FTS5 table")
    put(session, "a.txt", BODY, number="1/UBND")
    assert [h["number"] for h in search(session, "02-KH/BCD TW")] == []         # every word must occur
    assert [h["number"] for h in search(session, "ke hoach 02-KH/BCDTW")] == ["1/UBND"]
    session.execute(text("SET enable_seqscan = off"))
    plan = " ".join(session.scalars(text(
        "EXPLAIN SELECT document_id FROM document_text WHERE "
        f"{PG_SEARCH_VECTOR} @@ to_tsquery('congvan', 'chuyen & doi')")))
    assert "ix_document_text_search" in plan     # the query's expression is the index's


def test_a_database_at_the_newest_schema_opens_without_alembic(db_url: str) -> None:
    """A query command checks the revision with one SELECT; Alembic's head is the one db.HEAD names,
    so a new migration cannot be skipped by a stale constant."""
    from alembic.script import ScriptDirectory

    from pipeline.storage import db

    assert ScriptDirectory.from_config(db.alembic_config(db_url)).get_current_head() == db.HEAD
    engine = open_engine(db_url)
    assert db.revision(engine) == db.HEAD
    engine.dispose()
    assert db.revision(open_engine(db_url, migrate=False)) == db.HEAD


def test_streamed_tasks_keep_each_task_with_its_own_assignees(session: Session) -> None:
    """CSV and JSON stream the tasks a batch at a time; a batch boundary must not move an assignee."""
    from pipeline.queries.lookup import iter_tasks

    for i in range(1, 6):
        put(session, f"{i}.txt", f"Văn bản số {i} " * 30, number=f"{i}/UBND", issue_date=f"2025-0{i}-01",
            tasks=[{"ordinal": str(k), "text": f"Việc {i}.{k}", "assignees": [{"name": f"Phòng số {i}{k}", "role": "lead"}]}
                   for k in (1, 2, 3)])
    streamed = list(iter_tasks(session, batch=2))
    assert streamed == tasks(session)
    assert [(r["task"], r["assignees"][0]["name"]) for r in streamed][3:5] == [("Việc 2.1", "Phòng số 21"),
                                                                              ("Việc 2.2", "Phòng số 22")]
    assert len(list(iter_tasks(session, limit=4, batch=3))) == 4


@pytest.mark.parametrize("text", [BODY, BODY * 5, "Số 12/UBND " * 40])
def test_the_minhash_is_datasketch_s_so_stored_signatures_stay_comparable(text: str) -> None:
    """neardup computes datasketch 2's MinHash itself (importing datasketch pulled in scipy)."""
    from datasketch import MinHash

    from pipeline.storage import neardup

    chars = neardup.body_chars(text)
    theirs = MinHash(num_perm=neardup.NUM_PERM, seed=1, scheme="affine32")
    theirs.update_batch([chars[i:i + neardup.SHINGLE].encode() for i in range(len(chars) - neardup.SHINGLE + 1)])
    assert neardup.signature(text) == bytes(theirs.hashvalues.astype("<u8").tobytes())
