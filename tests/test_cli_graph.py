"""The graph through the CLI, as an analyst uses it: seeds 000-004 ingested together."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import congvan
from tests.conftest import RAW, SHARED, needs_shared, needs_tesseract


@pytest.fixture(scope="module")
def seeds_db(module_db_url: str) -> str:
    """Seeds 000-004 ingested into SQLite and into PostgreSQL: every query below runs on both."""
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared not present")
    db = module_db_url
    res = congvan("ingest", str(SHARED / "corpus" / "seeds"), db=db)
    assert res.returncode == 0, res.stderr
    return db


@needs_shared()
def test_same_dispatch_twice_is_one_document_and_citations_resolve(seeds_db: str) -> None:
    docs = json.loads(congvan("show", "03-CV/BCĐ", "--format", "json", db=seeds_db).stdout)
    real = [d for d in docs if not d["stub"]]
    stubs = [d for d in docs if d["stub"]]
    assert len(real) == 1 and len(real[0]["sources"]) == 2          # 000 (text layer) + 001 (OCR)
    assert real[0]["issue_date"] == "2025-10-30"                     # from 001's header
    assert real[0]["signer"]["name"] == "Nguyễn Minh Trí"            # from 000's signature block
    assert any(c["relation"] == "implements" for c in real[0]["cited_by"])  # 002 resolves to it
    assert [s["issue_date"] for s in stubs] == ["2025-10-25"]        # the other Ban Chỉ đạo's 03-CV/BCĐ


@needs_shared()
def test_ingest_is_idempotent(seeds_db: str) -> None:
    res = congvan("ingest", str(SHARED / "corpus" / "seeds"), db=seeds_db)
    assert res.returncode == 0
    assert "stored 0" in res.stderr and "already stored 5" in res.stderr


@needs_shared()
def test_trace_down_shows_the_directive_travelling_down(seeds_db: str) -> None:
    (root,) = json.loads(congvan("trace", "02-KH/BCĐTW", "--down", "--format", "json", db=seeds_db).stdout)
    assert root["stub"]                                             # the central plan itself was not ingested
    dispatch = next(c for c in root["children"] if c["number"] == "03-CV/BCĐ")   # 000 + 001
    assert [c["symbol"] for c in dispatch["children"]] == ["UBND"]  # 002, which implements it
    assert dispatch["children"][0]["relation"] == "implements" and dispatch["children"][0]["tasks"]
    table = congvan("trace", "02-KH/BCĐTW", db=seeds_db).stdout
    assert "03-CV/BCĐ" in table and "…/UBND" in table and "Phòng Kinh tế" in table


@needs_shared()
def test_search_ignores_accents_and_export_opens_in_networkx(seeds_db: str, tmp_path: Path) -> None:
    import networkx as nx

    hits = json.loads(congvan("search", "chuyen doi so", "--format", "json", db=seeds_db).stdout)
    assert len(hits) >= 3 and all("chuyển đổi số" in h["snippet"].lower() for h in hits)
    out = tmp_path / "g.graphml"
    assert congvan("export", "--format", "graphml", "--out", str(out), db=seeds_db).returncode == 0
    g = nx.read_graphml(out)
    assigns = [d for _, _, d in g.edges(data=True) if d["type"] == "assigns"]
    assert assigns and any(d["role"] == "lead" for d in assigns)
    assert any(d["type"] == "cites" and d["relation"] == "implements" for _, _, d in g.edges(data=True))
    sent_to = {g.nodes[t]["label"] for _, t, d in g.edges(data=True) if d["type"] == "sent_to"}
    assert "Phòng Kinh tế" in sent_to or any(label.startswith("Ủy ban") for label in sent_to)
    edges_csv = congvan("export", "--format", "csv", db=seeds_db).stdout.splitlines()
    assert edges_csv[0].startswith("source,source_label,target") and len(edges_csv) == g.number_of_edges() + 1


@needs_shared()
def test_tasks_query_ignores_accents_and_case(seeds_db: str) -> None:
    rows = json.loads(congvan("tasks", "--assignee", "phong kinh te", "--format", "json", db=seeds_db).stdout)
    assert [r["assignees"][0]["name"] for r in rows] == ["Phòng Kinh tế"]


def test_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "fake.pdf").write_bytes(b"this is not a pdf")
    (tmp_path / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    (tmp_path / "ok.txt").write_text((RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 't.db'}"
    res = congvan("ingest", str(tmp_path), db=db)
    assert res.returncode == 1
    assert f"congvan: {tmp_path / 'empty.pdf'}: empty file" in res.stderr
    assert "fake.pdf: has a .pdf extension but is not a PDF file" in res.stderr
    assert "truncated.pdf:" in res.stderr
    assert "stored 1" in res.stderr and "Traceback" not in res.stderr
    assert json.loads(congvan("show", "845/UBND-KGVX", "--format", "json", db=db).stdout)[0]["issuer"] == "Ủy ban nhân dân tỉnh Bình An"


def test_extract_prints_every_key_of_the_spec() -> None:
    res = congvan("extract", str(RAW / "02_cv_tinh_uy.txt"), "--json")
    rec = json.loads(res.stdout)
    for key in ("source", "doc_type", "number", "symbol", "issue_date", "place", "issuer", "subject",
                "recipients", "cc", "signer", "references", "tasks", "entities"):
        assert key in rec


@needs_tesseract()
@pytest.mark.ocr
def test_bundled_samples_scan_pdf_and_text_are_one_document(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    res = congvan("ingest", str(RAW), "--workers", "2", db=db)
    assert res.returncode == 0, res.stderr
    (doc,) = [d for d in json.loads(congvan("show", "845/UBND-KGVX", "--format", "json", db=db).stdout) if not d["stub"]]
    assert {Path(s).suffix for s in doc["sources"]} == {".txt", ".pdf", ".png"}
    assert {c["number"] for c in doc["cited_by"]} >= {"312/SKHCN-QLCN", "527/SNV-CCVC", "56/TB-UBND"}
    rows = json.loads(congvan("tasks", "--assignee", "so noi vu", "--format", "json", db=db).stdout)
    assert any(r["document"] == "845/UBND-KGVX" and r["deadline"] == "2026-04-30" for r in rows)
