"""The incoming register (sổ đăng ký văn bản đến): each ingested document gets a số đến and a ngày
đến that stay through re-ingest and reprocess, an archivist's change to its line is a correction
like any other (audited, revertible, refused when it breaks the register), and the register comes
out as xlsx and CSV with the ten columns of NĐ 30/2020 Phụ lục IV."""
from __future__ import annotations

import csv
import io
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from models import Correction, Document, RegisterEntry
from pipeline.cli import app
from pipeline.errors import UsageError
from pipeline.ingest import run
from pipeline.storage import register
from pipeline.storage.corrections import correct, revert
from pipeline.storage.db import open_engine
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "regression" / "gold"
TEXTS = ["01_kh_bcd_tinh__multipage", "02_cv_tinh_uy__clean", "03_cv_ubnd_tinh__skewed"]
HEADINGS = ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu nội dung",
            "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú"]


def entries(url: str) -> dict[str, tuple[int, int, str]]:
    """Each document's (year, số đến, ngày đến), by its number."""
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        rows = s.execute(select(Document.number, RegisterEntry.year, RegisterEntry.number, RegisterEntry.arrived)
                         .join(RegisterEntry, RegisterEntry.document_id == Document.id))
        out = {n: (y, k, a) for n, y, k, a in rows}
    engine.dispose()
    return out


@pytest.fixture()
def batch(tmp_path: Path) -> tuple[str, Path]:
    files = tmp_path / "in"
    files.mkdir()
    for stem in TEXTS:
        shutil.copy(GOLD / f"{stem}.txt", files / f"{stem}.txt")
    return f"sqlite:///{tmp_path / 'reg.db'}", files


def test_each_document_gets_a_number_that_reingest_and_reprocess_keep(batch: tuple[str, Path]) -> None:
    url, files = batch
    run([files], url, arrival=register.Arrival(day="2025-03-04"))
    first = entries(url)
    assert sorted(k for _, k, _ in first.values()) == [1, 2, 3]
    assert {y for y, _, _ in first.values()} == {2025} and {a for _, _, a in first.values()} == {"2025-03-04"}
    run([files], url, arrival=register.Arrival(day="2025-05-05"))              # the same bytes again
    run([files], url, reprocess=True, arrival=register.Arrival(day="2025-05-05"))
    assert entries(url) == first
    # a later arrival takes the next number; without a day given, the file's own time says the day
    late = files / "07_qd_ubnd_tinh__fax.txt"
    shutil.copy(GOLD / late.name, late)
    os.utime(late, (datetime(2025, 6, 9, 10).timestamp(),) * 2)
    run([late], url)
    assert entries(url)["410/QĐ-UBND"] == (2025, 4, "2025-06-09")
    # the next year's register starts again from 1
    other = files / "08_bc_so_khcn__lowres.txt"
    shutil.copy(GOLD / other.name, other)
    os.utime(other, (datetime(2026, 1, 2, 8).timestamp(),) * 2)
    run([other], url)
    assert entries(url)["95/BC-SKHCN"] == (2026, 1, "2026-01-02")


def test_a_file_edited_in_place_keeps_its_line(batch: tuple[str, Path]) -> None:
    url, files = batch
    run([files], url, arrival=register.Arrival(day="2025-03-04"))
    before = entries(url)["845/UBND-KGVX"]
    f = files / "03_cv_ubnd_tinh__skewed.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\nBản sửa.\n", encoding="utf-8")
    summary = run([files], url, arrival=register.Arrival(day="2025-09-09"))
    assert summary.replaced == [str(f)]
    assert entries(url)["845/UBND-KGVX"] == before


def test_an_archivists_change_is_an_audited_correction_and_breaking_the_register_is_refused(
        batch: tuple[str, Path]) -> None:
    url, files = batch
    run([files], url, arrival=register.Arrival(day="2025-03-04"))
    engine = open_engine(url, create=False)
    with Session(engine) as s:
        doc = s.scalar(select(Document).where(Document.number == "118-CV/TU"))
        assert doc is not None
        row = correct(s, doc, "register.recipient", "Phòng Kinh tế", "lan", "chuyển theo ý kiến lãnh đạo")
        correct(s, doc, "register.forwarded", "2025-03-05", "lan")
        s.commit()
        entry = register.entry_of(s, doc.id)
        assert entry is not None and (entry.recipient, entry.forwarded) == ("Phòng Kinh tế", "2025-03-05")
        assert (row.author, row.old_value, row.new_value) == ("lan", None, "Phòng Kinh tế")
        taken = next(k for n, (_, k, _) in entries(url).items() if n != "118-CV/TU")
        for path, value in [("register.number", str(taken)), ("register.number", "0"), ("register.arrived", "2024-12-30"),
                            ("register.arrived", "04/03/2025"), ("register.forwarded", "2025-02-30"),
                            ("register.receipt", "x")]:
            with pytest.raises(UsageError):
                correct(s, doc, path, value, "lan")
        s.rollback()
        revert(s, row.id, "minh")
        s.commit()
        entry = register.entry_of(s, doc.id)
        assert entry is not None and entry.recipient is None and entry.forwarded == "2025-03-05"
        assert [c.author for c in s.scalars(select(Correction).order_by(Correction.id))] == ["lan", "lan", "minh"]
    engine.dispose()
    # a reprocess re-extracts the record, never the register's line
    run([files], url, reprocess=True)
    assert entries(url)["118-CV/TU"][2] == "2025-03-04"


def test_the_register_comes_out_as_xlsx_and_csv_with_the_decrees_columns(batch: tuple[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    url, files = batch
    run([files], url, arrival=register.Arrival(day="2025-03-04"))
    out = tmp_path / "so-den.xlsx"
    res = CliRunner().invoke(app, ["register", "--year", "2025", "--format", "xlsx", "--out", str(out), "--db", url])
    assert res.exit_code == 0, res.output
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" and "2025" in rows[1][0]
    assert list(rows[4]) == HEADINGS and list(rows[5]) == [f"({i})" for i in range(1, 11)]
    lines = rows[6:]
    assert [r[1] for r in lines] == [1, 2, 3]
    by_number = {r[3]: r for r in lines}
    line = by_number["118-CV/TU"]
    assert line[0] == datetime(2025, 3, 4) and line[2] == "Tỉnh ủy Bình An"
    assert line[5].startswith("Công văn") and isinstance(line[4], datetime)
    res = CliRunner().invoke(app, ["register", "--year", "2025", "--format", "csv", "--db", url])
    assert res.exit_code == 0
    table = list(csv.reader(io.StringIO(res.stdout)))
    assert table[0] == HEADINGS and table[1][0] == "04/03/2025" and len(table) == 4
    bad = CliRunner().invoke(app, ["register", "--year", "2025", "--format", "pdf", "--db", url])
    assert bad.exit_code != 0


def test_documents_stored_before_the_register_are_numbered_in_arrival_order(batch: tuple[str, Path]) -> None:
    from alembic import command

    from pipeline.storage.db import alembic_config

    url, files = batch
    run([files], url, arrival=register.Arrival(day="2025-03-04"))
    cfg = alembic_config(url)
    command.downgrade(cfg, "0006")
    command.upgrade(cfg, "head")
    numbered = entries(url)
    assert sorted(k for _, k, _ in numbered.values()) == [1, 2, 3]
    assert {a for _, _, a in numbered.values()} == {date.today().isoformat()}  # the day they were ingested
