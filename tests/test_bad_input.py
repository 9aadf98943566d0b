"""A batch survives bad input and being killed: each bad file is named with its reason, the rest
is stored, nothing already stored is touched, and a killed run resumes without duplicates."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.db import open_engine
from tests.conftest import RAW, ROOT, needs_tesseract
from tests.test_cli_graph import congvan


def _script(name: str):  # type: ignore[no-untyped-def]  # noqa: ANN202
    """A module of scripts/ (the bad-input corpus and the batch maker are the benchmarks' too)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_every_bad_file_is_reported_and_nothing_stored_is_touched(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    first = tmp_path / "first"
    first.mkdir()
    (first / "ubnd.txt").write_text((RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert congvan("ingest", str(first), db=db).returncode == 0
    bad = tmp_path / "bad"
    expected = _script("make_bad_inputs").make(bad)
    (bad / "good.txt").write_text((RAW / "05_cv_so_noi_vu.txt").read_text(encoding="utf-8"), encoding="utf-8")
    res = congvan("ingest", str(bad), "--max-pages", "3", "--workers", "2", db=db)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    for name, reason in expected.items():
        line = next((ln for ln in res.stderr.splitlines() if ln.startswith(f"congvan: {bad / name}: ")), "")
        assert reason in line, (name, line)
    assert f"stored 1, merged into existing documents 0, already stored 0, failed {len(expected)}" in res.stderr
    shown = json.loads(congvan("show", "845/UBND-KGVX", "--format", "json", db=db).stdout)
    assert [d["sources"] for d in shown if not d["stub"]] == [[str(first / "ubnd.txt")]]


def test_a_killed_ingest_resumes_with_no_duplicate_and_no_half_stored_document(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    n = 48
    _script("bench_ingest").make_batch(batch, n)  # distinct dispatches: each copy gets its own number
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", str(batch), "--workers", "2",
           "--db", f"sqlite:///{db}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(db, timeout=1) as c:
                stored = c.execute("SELECT count(*) FROM source").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 5:
            break
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    res = congvan("ingest", str(batch), "--workers", "2", db=f"sqlite:///{db}")
    assert res.returncode == 0, res.stderr
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*), count(DISTINCT path) FROM source").fetchone() == (n, n)
        orphans = c.execute("SELECT count(*) FROM document d WHERE NOT d.is_stub AND NOT EXISTS "
                            "(SELECT 1 FROM source s WHERE s.document_id = d.id)").fetchone()[0]
        assert orphans == 0
        assert c.execute("SELECT count(*) FROM page").fetchone()[0] == n
    skipped = int(re.search(r"already stored (\d+)", res.stderr).group(1))  # type: ignore[union-attr]
    assert stored <= skipped < n   # the second run did only what the killed one had not committed


def test_two_ingests_into_one_new_database_lose_and_duplicate_nothing(tmp_path: Path, db_url: str) -> None:
    batch = tmp_path / "batch"
    _script("bench_ingest").make_batch(batch, 40)
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", "--workers", "1", "--db", db_url]
    # The same files in opposite orders, so the two writers meet on every file and dispatch.
    procs = [subprocess.Popen([*cmd, *order], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for order in ([str(batch), str(RAW)], [str(RAW), str(batch)])]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    single = f"sqlite:///{tmp_path / 'one.db'}"
    assert congvan("ingest", str(batch), str(RAW), db=single).returncode == 0

    def counts(url: str) -> tuple[int, ...]:
        engine = open_engine(url, migrate=False)
        with engine.connect() as c:
            row = (*c.exec_driver_sql("SELECT count(*), count(DISTINCT sha256) FROM source").one(),
                   c.exec_driver_sql("SELECT count(*) FROM document WHERE NOT is_stub").scalar_one(),
                   c.exec_driver_sql("SELECT count(*) FROM task").scalar_one())
        engine.dispose()
        return row

    assert counts(db_url) == counts(single)


@pytest.mark.ocr
@needs_tesseract()
def test_a_worker_keeps_one_tesseract_running_and_returns_its_files_in_order(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """A worker reads two files at once so that Tesseract never waits for the next page, but never
    runs two Tesseracts: `--workers N` is N cores' worth of OCR, as the user sized it."""
    import threading

    import pytesseract
    from PIL import Image

    from pipeline.ingest import _process_chunk

    running, peak, guard = 0, 0, threading.Lock()
    real = pytesseract.image_to_data

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN002, ANN003, ANN202
        nonlocal running, peak
        with guard:
            running += 1
            peak = max(peak, running)
        try:
            time.sleep(0.05)
            return real(*args, **kwargs)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(pytesseract, "image_to_data", counting)
    files = []
    for i in range(4):
        files.append(tmp_path / f"blank{i}.png")
        Image.new("L", (600, 400), 255).save(files[-1])
    results = _process_chunk(files, "auto", None, False)
    assert [r.path for r in results] == [str(f) for f in files]
    assert all(r.error for r in results)  # blank pages: no text, each reported with its file
    assert peak == 1
