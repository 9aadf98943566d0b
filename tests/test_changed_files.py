"""Files that change between ingests: an edited file replaces what it was, one file under two names
is one source, a reprocess of what did not change changes nothing, and extract --out keeps every
file's record."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pipeline.storage.db import open_engine
from tests.cli import congvan
from tests.conftest import RAW

DISPATCH = (RAW / "05_cv_so_noi_vu.txt").read_text(encoding="utf-8")
SUBJECT = "bố trí công chức phụ trách chuyển đổi số"


def _rows(url: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    engine = open_engine(url, migrate=False)
    with engine.connect() as c:
        rows = [tuple(r) for r in c.exec_driver_sql(sql)]
    engine.dispose()
    return rows


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_an_edited_file_replaces_its_old_source_and_two_names_of_one_file_are_one_source(
        tmp_path: Path, db_url: str) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "cv.txt").write_text(DISPATCH, encoding="utf-8")
    (batch / "copy of cv.txt").write_text((RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (batch / "same.txt").write_bytes((batch / "copy of cv.txt").read_bytes())
    first = congvan("ingest", str(batch), "--workers", "1", db=db_url)
    assert first.returncode == 0, first.stderr
    assert "stored 2" in first.stderr and "already stored 1" in first.stderr
    owner = dict(_rows(db_url, "SELECT path, source_id FROM source_path"))
    assert owner[str(batch / "copy of cv.txt")] == owner[str(batch / "same.txt")] != owner[str(batch / "cv.txt")]
    assert len(_rows(db_url, "SELECT 1 FROM source")) == 2 and len(owner) == 3

    (batch / "cv.txt").write_text(DISPATCH.replace(SUBJECT, "kiện toàn tổ công nghệ số cộng đồng"), encoding="utf-8")
    edited = congvan("ingest", str(batch), "--workers", "1", db=db_url)
    assert edited.returncode == 0, edited.stderr
    assert "replaced (edited in place) 1" in edited.stderr
    shown = json.loads(congvan("show", "527/SNV-CCVC", "--format", "json", db=db_url).stdout)
    (doc,) = [d for d in shown if not d["stub"]]
    assert doc["sources"] == [str(batch / "cv.txt")]
    assert "kiện toàn tổ công nghệ số cộng đồng" in doc["subject"] and SUBJECT not in doc["subject"]
    assert len(_rows(db_url, "SELECT 1 FROM source")) == 2

    again = congvan("ingest", str(batch), "--workers", "1", "--reprocess", db=db_url)
    assert again.returncode == 0 and "reprocessed 0, unchanged 3" in again.stderr, again.stderr
    assert len(_rows(db_url, "SELECT 1 FROM source")) == 2 and len(_rows(db_url, "SELECT 1 FROM source_path")) == 3


def test_extract_out_never_writes_one_record_over_another(tmp_path: Path) -> None:
    """scan.txt and scan.docx both wrote scan.json; and a later run must not overwrite another file's record."""
    batch = tmp_path / "in"
    batch.mkdir()
    (batch / "scan.txt").write_text(DISPATCH, encoding="utf-8")
    paragraphs = "".join(f"<w:p><w:r><w:t>{ln}</w:t></w:r></w:p>"
                         for ln in (RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8").splitlines())
    with zipfile.ZipFile(batch / "scan.docx", "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   f'2006/main"><w:body>{paragraphs}</w:body></w:document>')
    out = tmp_path / "out"
    res = congvan("extract", str(batch / "scan.txt"), str(batch / "scan.docx"), "--out", str(out))
    assert res.returncode == 0, res.stderr

    def written() -> dict[str, str]:
        return {p.name: json.loads(p.read_text(encoding="utf-8"))["source"]["path"] for p in out.iterdir()}

    assert written() == {"scan.txt.json": str(batch / "scan.txt"), "scan.docx.json": str(batch / "scan.docx")}
    assert congvan("extract", str(batch / "scan.txt"), "--out", str(out)).returncode == 0
    assert congvan("extract", str(batch / "scan.docx"), "--out", str(out)).returncode == 0
    assert written() == {"scan.txt.json": str(batch / "scan.txt"), "scan.docx.json": str(batch / "scan.docx"),
                         "scan.json": str(batch / "scan.txt"), "scan-2.json": str(batch / "scan.docx")}
