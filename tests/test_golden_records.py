"""Golden-record tests: each readable development document, field by field, scorer's normalisation."""
from __future__ import annotations

import pytest

from pipeline.evaluation.scoring import norm, similar
from pipeline.ingest import process
from tests.conftest import SHARED, gold, needs_shared

pytestmark = [needs_shared(), pytest.mark.usefixtures("shared_reads")]
SCALARS = ["doc_type", "number", "issue_date", "place", "subject"]
# (file, fields that must match exactly as gold has them)
CASES = [
    ("corpus/seeds/000_2b851b36b2217f7d.txt", SCALARS + ["issuer", "signer", "recipients", "cc"]),
    ("corpus/seeds/002_adbdce90201e4d92.txt", SCALARS + ["issuer", "signer", "recipients", "cc"]),
    ("corpus/seeds/003_05a0722aff00194c.txt", SCALARS + ["issuer"]),
    ("corpus/seeds/004_edc881980a9edaaf.txt", SCALARS + ["issuer", "signer", "recipients", "cc"]),
    ("corpus/external/ocrvbhc_1.pdf", ["doc_type", "place", "issuer", "subject", "signer", "recipients", "cc"]),
]


# Scans through Tesseract (its recorded reading, tests/ocr_cache): the header and the signature block under a red seal.
SCAN_CASES = [
    ("corpus/external/ocrvbhc_7.pdf", ["doc_type", "number", "place", "issuer", "subject", "signer", "recipients"]),
    ("corpus/external/ocrvbhc_6.pdf", ["doc_type", "issue_date", "place", "issuer", "subject", "signer",
                                       "recipients"]),
]


def _record(rel: str, ocr: str = "off") -> dict:
    res = process(SHARED / rel, ocr)  # type: ignore[arg-type]
    assert res.error is None, res.error
    assert res.record is not None
    return res.record


@pytest.mark.parametrize(("rel", "fields", "ocr"), [(*c, "off") for c in CASES] + [
    (*c, "auto") for c in SCAN_CASES],
    ids=[c[0].split("/")[-1] for c in CASES + SCAN_CASES])
def test_header_fields(rel: str, fields: list[str], ocr: str) -> None:
    rec, g = _record(rel, ocr), gold(rel.split("/")[-1].rsplit(".", 1)[0])
    for f in fields:
        if f in ("recipients", "cc"):
            assert len(rec[f]) == len(g[f]), f
            for want, got in zip(g[f], rec[f], strict=True):
                assert similar(want, got), (f, want, got)
        elif f == "issuer":
            assert similar((g[f] or {}).get("name"), (rec[f] or {}).get("name")) or not g[f] and not rec[f], f
        elif f == "signer":
            for k in ("name", "title", "authority"):
                assert norm((g[f] or {}).get(k)) == norm((rec[f] or {}).get(k)), (f, k)
        else:
            assert (norm(g[f]) == norm(rec[f])) or similar(g[f], rec[f]), (f, g[f], rec[f])


@pytest.mark.parametrize("stem", ["000_2b851b36b2217f7d", "002_adbdce90201e4d92", "004_edc881980a9edaaf"])
def test_references(stem: str) -> None:
    rec, g = _record(f"corpus/seeds/{stem}.txt"), gold(stem)
    got = {r["number"]: r for r in rec["references"]}
    assert set(got) == {r["number"] for r in g["references"]}
    for want in g["references"]:
        r = got[want["number"]]
        assert r["date"] == want["date"] or want["date"] is None
        assert r["relation"] == want["relation"], want["number"]
        if want["issuer"]:
            assert similar(want["issuer"], r["issuer"]), (want["issuer"], r["issuer"])


def test_task_table_rows_keep_assigning_document_and_deadline() -> None:
    rec, g = _record("corpus/seeds/003_05a0722aff00194c.txt"), gold("003_05a0722aff00194c")
    assert len(rec["tasks"]) == len(g["tasks"]) == 38
    for want, got in zip(g["tasks"], rec["tasks"], strict=True):
        assert got["ordinal"] == want["ordinal"]
        assert got["deadline"] == want["deadline"], want["ordinal"]
        assert got["assigned_by"]["number"] == want["assigned_by"]["number"], want["ordinal"]


def test_numbered_tasks_with_lead_and_support() -> None:
    rec = _record("corpus/seeds/004_edc881980a9edaaf.txt")
    t2 = next(t for t in rec["tasks"] if t["ordinal"] == "2")
    assert [(a["name"], a["role"]) for a in t2["assignees"]] == [
        ("Phòng Bưu chính - Viễn thông và Chuyển đổi số", "lead"),
        ("Trung tâm phục vụ hành chính công", "support"), ("Sở Nội vụ", "support")]


def test_coordinated_assignees_share_the_tail() -> None:
    rec = _record("corpus/seeds/000_2b851b36b2217f7d.txt")
    t2 = next(t for t in rec["tasks"] if t["ordinal"] == "2")
    assert [a["name"] for a in t2["assignees"]] == [
        "Hội đồng nhân dân đặc khu", "Ủy ban nhân dân đặc khu", "Ủy ban Mặt trận Tổ quốc Việt Nam đặc khu"]


def test_unnumbered_assignment_with_deadline() -> None:
    rec = _record("corpus/external/ocrvbhc_1.pdf")
    (task,) = [t for t in rec["tasks"] if t["ordinal"] is None]
    assert task["assignees"][0]["name"] == "Sở Thông tin và Truyền thông"
    assert task["deadline"] == "2025-02-10"
