"""Archivists' corrections in storage, on hand-made records, on SQLite and PostgreSQL: a correction
wins over every later extraction, follows its task when a re-extraction reorders the list, and
a revert gives the extraction back; the documents page puts the query's own tones first."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Document, Provenance, Task, TaskAssignee
from pipeline.errors import UsageError
from pipeline.queries.browse import Facets, documents
from pipeline.storage.corrections import correct, current, revert
from tests.test_storage import BODY, put


def task(ordinal: str, text: str, who: str) -> dict[str, Any]:
    return {"ordinal": ordinal, "text": text, "assignees": [{"name": who, "role": "lead"}], "deadline": None}


PLAN = task("1", "Rà soát hạ tầng kỹ thuật của bộ phận một cửa", "Sở Nội vụ")
REPORT = task("2", "Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh", "Sở Tài chính")


def the_doc(session: Session) -> Document:
    doc = session.scalar(select(Document).where(Document.number == "5/UBND"))
    assert doc is not None
    return doc


def assignees(session: Session) -> dict[str, list[str]]:
    rows = session.execute(select(Task.text, TaskAssignee.printed).join(TaskAssignee).order_by(TaskAssignee.id))
    out: dict[str, list[str]] = {}
    for text, who in rows:
        out.setdefault(text, []).append(who)
    return out


def test_a_correction_wins_over_every_later_extraction(session: Session) -> None:
    put(session, "a.txt", number="5/UBND", subject="Về việc cũ", tasks=[PLAN, REPORT],
        provenance={"subject": {"rule": "header.vv", "page": 1, "start": 0, "end": 5}})
    doc = the_doc(session)
    fixed = correct(session, doc, "subject", "triển khai chuyển đổi số", "lan", "the V/v line was cut")
    correct(session, doc, "tasks.1.assignees", [{"name": "Sở Kế hoạch và Đầu tư", "role": "lead"}], "lan")
    correct(session, doc, "tasks.0.deadline", "2025-06-30", "lan")                  # none was read
    session.commit()
    # read again, differently: a task found before the corrected one, another subject
    assert put(session, "a.txt", reprocess=True, number="5/UBND", subject="Về việc khác",
               tasks=[task("1", "Tuyên truyền về chuyển đổi số", "Sở Văn hóa"), PLAN, REPORT]) == "reprocessed"
    doc = the_doc(session)
    assert doc.subject == "triển khai chuyển đổi số"
    assert assignees(session)[REPORT["text"]] == ["Sở Kế hoạch và Đầu tư"]     # followed its task
    assert assignees(session)[PLAN["text"]] == ["Sở Nội vụ"]
    assert session.scalar(select(Task.deadline).where(Task.text == PLAN["text"])) == "2025-06-30"
    rule = session.scalar(select(Provenance.rule).where(Provenance.field == "subject"))
    assert rule == f"correction #{fixed.id} by lan"
    # a second file of the same dispatch, merged in, does not undo it either
    put(session, "b.txt", BODY + " bản chụp", number="5/UBND", subject="Về việc của bản chụp")
    assert the_doc(session).subject == "triển khai chuyển đổi số"


def test_a_revert_gives_the_extraction_back_and_keeps_the_history(session: Session) -> None:
    put(session, "a.txt", number="5/UBND", issue_date="2025-03-05", tasks=[PLAN])
    doc = the_doc(session)
    row = correct(session, doc, "issue_date", "2025-03-06", "lan")
    assert (row.old_value, the_doc(session).issue_date) == ("2025-03-05", "2025-03-06")
    back = revert(session, row.id, "minh", "the scan was right")
    session.commit()
    assert the_doc(session).issue_date == "2025-03-05"
    assert (back.reverts, back.new_value, back.author) == (row.id, "2025-03-05", "minh")
    with pytest.raises(UsageError):
        revert(session, row.id, "minh")


def test_a_correction_that_breaks_the_record_format_is_refused(session: Session) -> None:
    put(session, "a.txt", number="5/UBND", tasks=[PLAN])
    doc = the_doc(session)
    for path, value in [("issue_date", "5/3/2025"), ("issue_date", "2025-02-30"), ("doc_type", "Thư tình"),
                        ("signer.authority", "XYZ."), ("tasks.0.assignees", [{"name": "Sở Nội vụ", "role": "boss"}]),
                        ("tasks.7.deadline", "2025-04-01"), ("references.0.relation", "likes")]:
        with pytest.raises(UsageError):
            correct(session, doc, path, value, "lan")
    assert current(session, doc)["tasks"] == [PLAN]


def test_deleting_a_task_or_a_reference_lasts(session: Session) -> None:
    wrong = {"number": "9/QĐ-UBND", "date": None, "issuer": None, "relation": "cites", "doc_type": "Quyết định"}
    put(session, "a.txt", number="5/UBND", tasks=[PLAN, REPORT], references=[wrong])
    doc = the_doc(session)
    correct(session, doc, "tasks.0", None, "lan")
    correct(session, doc, "references.0", None, "lan")
    session.commit()
    put(session, "a.txt", reprocess=True, number="5/UBND", subject="lại", tasks=[PLAN, REPORT], references=[wrong])
    assert list(assignees(session)) == [REPORT["text"]]
    assert session.scalar(select(Document).where(Document.number == "9/QĐ-UBND")) is None   # its stub went too


def test_the_query_s_own_tones_come_first(session: Session) -> None:
    put(session, "a.txt", "Quyet dinh ve quyet dinh thanh lap to cong tac quyet dinh " * 5, number="1/UBND")
    put(session, "b.txt", BODY + " Quyết định thành lập tổ công tác.", number="2/UBND")
    rows = documents(session, Facets(q="quyết định"))["rows"]
    assert [r["number"] for r in rows] == ["2/UBND", "1/UBND"]
    folded = documents(session, Facets(q="quyet dinh"))["rows"]
    assert [r["number"] for r in folded][0] == "1/UBND"                         # BM25 alone, unaccented
