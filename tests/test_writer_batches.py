"""The writer's leaf rows (pages, names, provenance, citations, assignees, search text, bands, the
register's line) kept by a session that defers them (pipeline/storage/rows.py) and inserted one
statement per table: every query of the session still sees them, a rollback drops them, and the
database written is the one the undeferred writer writes."""
from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from models import Document, Page, Recipient, Reference, RegisterEntry, TaskAssignee
from pipeline.storage import batch, rows
from pipeline.storage.db import open_engine
from pipeline.storage.store import store
from pipeline.types import Page as ReadPage
from pipeline.types import ReadResult


def _record(i: int) -> dict[str, Any]:
    return {"source": {}, "number": f"{100 + i}/UBND-VP", "issue_date": f"2025-03-0{i + 1}",
            "issuer": {"name": "Ủy ban nhân dân huyện Đông Sơn"}, "subject": f"về việc thử số {i}",
            "recipients": ["Phòng Tài chính - Kế hoạch", "Lưu: VT"],
            "references": [{"number": "12/2024/NĐ-CP", "relation": "cites", "doc_type": "Nghị định"}],
            "tasks": [{"ordinal": "1", "text": "Phòng Tài chính rà soát kinh phí", "deadline": None,
                       "assignees": [{"name": "Phòng Tài chính - Kế hoạch", "role": "lead"}]}]}


def _read(i: int) -> ReadResult:
    name = f"/tmp/thu_{i}.txt"
    return ReadResult(name, hashlib.sha256(name.encode()).hexdigest(), "text/plain",
                      [ReadPage(1, f"Văn bản thử số {i} của Ủy ban nhân dân huyện.", "plain-text")])


def _store_run(url: str, n: int, defer: bool) -> list[str]:
    engine = open_engine(url)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2].split()[0:3]))
    with Session(engine) as session:
        if defer:
            rows.defer(session)
        items = [(_read(i), _record(i)) for i in range(n)]
        batch.prefetch(session, items)
        for read, record in items:
            store(session, read, record)
        session.commit()
    engine.dispose()
    return [" ".join(s) for s in statements]


def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = open_engine(url)
    out = {}
    with Session(engine) as s:
        for model in (Document, Page, Recipient, Reference, RegisterEntry, TaskAssignee):
            cols = [c for c in model.__table__.columns if c.key not in ("ingested_at", "created_at")]
            out[model.__tablename__] = [tuple(r) for r in s.execute(select(*cols).order_by(model.id))]
    engine.dispose()
    return out


def test_a_run_of_documents_inserts_each_leaf_table_once_and_writes_the_same_rows(tmp_path: Any) -> None:
    deferred, plain = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    went = _store_run(deferred, 5, defer=True)
    _store_run(plain, 5, defer=False)
    assert _tables(deferred) == _tables(plain)
    # the bodies are new in the first document (a SELECT each), so their rows go before the others'
    for table in ("reference", "task_assignee", "document_text", "register_entry"):
        assert went.count(f"INSERT INTO {table}") == 1, table


def test_a_query_of_the_session_sees_the_rows_it_kept_and_a_rollback_drops_them(tmp_path: Any) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'c.db'}")
    with Session(engine) as session:
        rows.defer(session)
        store(session, _read(0), _record(0))
        assert session.scalar(select(func.count()).select_from(Recipient)) == 2  # kept, then inserted before the query
        store(session, _read(1), _record(1))
        session.rollback()
        assert not session.info[rows._PENDING]
        assert session.scalar(select(func.count()).select_from(Recipient)) == 0
    engine.dispose()
