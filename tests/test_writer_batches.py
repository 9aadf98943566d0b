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


def _store_each(url: str, items: list[tuple[ReadResult, dict[str, Any]]], run: int) -> None:
    """`items` stored as the writer stores them (pipeline/ingest.py), `run` to a transaction."""
    from pipeline.ingest import Summary, _write_ready
    from pipeline.work import Processed

    engine = open_engine(url)
    results = [Processed(read.path, read, record) for read, record in items]
    for i in range(0, len(results), run):
        list(_write_ready(engine, results[i:i + run], Summary(), False))
    engine.dispose()


def test_documents_stored_sixteen_to_a_transaction_are_the_ones_stored_one_at_a_time(tmp_path: Any) -> None:
    """What the writer gathers into one transaction (ingest.GATHER) changes no row: a document of the
    run citing one stored earlier in it, two files of one dispatch, and an unnumbered one found by
    its body's bands (the run's lookups and the band queries built once, batch.held_of)."""
    body = "Ủy ban nhân dân huyện Đông Sơn đề nghị các phòng rà soát kinh phí thực hiện chương trình. " * 4
    items = [(_read(i), _record(i)) for i in range(12)]
    items[5][1]["references"].append({"number": "101/UBND-VP", "relation": "cites", "doc_type": "Công văn"})
    items.append((_read(12), _record(3)))  # the same dispatch from another file: merged into the fourth
    for i in (13, 14):  # no number; one body, read twice: the second is the first's by its bands
        read = _read(i)
        read.pages[0].text = body
        items.append((read, {**_record(i), "number": None}))
    together, alone = f"sqlite:///{tmp_path / 'together.db'}", f"sqlite:///{tmp_path / 'alone.db'}"
    _store_each(together, items, 16)
    _store_each(alone, items, 1)
    assert _tables(together) == _tables(alone)
    assert len(_tables(together)["document"]) < len(items)  # some were merged (and a stub was not made)


class _Later:
    """A submitted item done `after` seconds from now."""

    def __init__(self, value: int, after: float) -> None:
        import time

        self.value, self.at = value, time.monotonic() + after

    def done(self) -> bool:
        import time

        return time.monotonic() >= self.at

    def wait(self, seconds: float) -> bool:
        import time

        time.sleep(max(0.0, min(seconds, self.at - time.monotonic())))
        return self.done()

    def result(self) -> int:
        self.wait(3600)
        return self.value


def test_the_writer_gathers_results_done_soon_after_the_first_and_no_later_ones() -> None:
    from pipeline.ingest import in_order_ready

    delays = {0: 0.0, 1: 0.05, 2: 0.1, 3: 2.0, 4: 2.0}
    runs = list(in_order_ready(lambda i: _Later(i, delays[i]), range(5), window=5, gather=4, linger=0.5))
    assert runs[0] == [0, 1, 2]  # 3 is not done within the half second: it starts the next run
    assert [x for r in runs for x in r] == [0, 1, 2, 3, 4]
    # one in flight at a time: the next is submitted while the writer waits, and the run stops at `gather`
    later = list(in_order_ready(lambda i: _Later(i, 0.05), range(6), window=1, gather=3, linger=1.0))
    assert later == [[0, 1, 2], [3, 4, 5]]
