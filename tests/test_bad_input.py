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

from pipeline import ingest
from pipeline.errors import InputError
from pipeline.reading import read_cache
from pipeline.reading.files import read_file
from pipeline.storage.db import open_engine
from tests.cli import congvan, congvan_process
from tests.conftest import RAW, ROOT, needs_tesseract


def _script(name: str):  # type: ignore[no-untyped-def]  # noqa: ANN202
    """A module of scripts/ (the bad-input corpus and the batch maker are the benchmarks' too)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _errors(stderr: str, root: Path) -> dict[str, list[str]]:
    """Each file's error lines `congvan: PATH: reason`, by path relative to `root`."""
    out: dict[str, list[str]] = {}
    for line in stderr.splitlines():
        if line.startswith(f"congvan: {root}/"):
            path, _, reason = line.removeprefix(f"congvan: {root}/").partition(": ")
            out.setdefault(path, []).append(reason)
    return out


def _consistent(url: str) -> dict[str, int]:
    """The database's own check (SQLite) and the invariants of ours, on both: every real document has
    a source, every source a path and its pages, every citation and task a document at each end."""
    engine = open_engine(url, migrate=False)
    with engine.connect() as c:
        q = c.exec_driver_sql
        if engine.dialect.name == "sqlite":
            assert q("PRAGMA integrity_check").scalar_one() == "ok"
            assert q("PRAGMA foreign_key_check").all() == []
        assert q("SELECT count(*) FROM document d WHERE NOT d.is_stub AND NOT EXISTS "
                 "(SELECT 1 FROM source s WHERE s.document_id = d.id)").scalar_one() == 0
        assert q("SELECT count(*) FROM source s WHERE NOT EXISTS "
                 "(SELECT 1 FROM source_path p WHERE p.source_id = s.id)").scalar_one() == 0
        assert q("SELECT count(*) FROM source s WHERE s.pages <> "
                 "(SELECT count(*) FROM page p WHERE p.source_id = s.id)").scalar_one() == 0
        assert q("SELECT count(*) FROM document d WHERE NOT d.is_stub AND NOT EXISTS "
                 "(SELECT 1 FROM document_text t WHERE t.document_id = d.id)").scalar_one() == 0
        assert q("SELECT count(*) FROM reference r LEFT JOIN document d ON d.id = r.to_id "
                 "WHERE d.id IS NULL").scalar_one() == 0
        assert q("SELECT count(*) FROM task t LEFT JOIN document d ON d.id = t.document_id "
                 "WHERE d.id IS NULL").scalar_one() == 0
        counts = {t: q(f"SELECT count(*) FROM {t}").scalar_one() for t in ("source", "source_path", "document")}
        paths = [r[0] for r in q("SELECT path FROM source_path")]
    engine.dispose()
    return {**counts, **{p: 1 for p in paths}}


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_a_hostile_corpus_gives_each_bad_file_one_error_and_stores_every_good_one(tmp_path: Path, db_url: str) -> None:
    """scripts/make_bad_inputs.py on SQLite and PostgreSQL: special files, links, NULs, bombs, strips, long
    texts, damaged PDFs, images and Word files beside odd but good ones (CRLF, UTF-16, Windows-1258, one
    line of citations, NULs in a PDF text layer, which PostgreSQL refuses in text)."""
    db = db_url
    first = tmp_path / "first"
    first.mkdir()
    (first / "ubnd.txt").write_text((RAW / "03_cv_ubnd_tinh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert congvan("ingest", str(first), db=db).returncode == 0
    bad = tmp_path / "bad"
    cases = _script("make_bad_inputs").make(bad, big=False)
    assert len(cases) >= 40
    # A program of its own: what its workers print (a Python warning, a traceback) must reach its stderr.
    # A file that hangs is stopped at its budget and reported so (a wall-clock bound on the whole
    # batch failed on a loaded machine without any file hanging); a batch that hangs, at the timeout.
    res = congvan_process("ingest", str(bad), "--max-pages", "3", "--workers", "2", "--file-timeout", "60", db=db,
                          timeout=300)
    assert "--file-timeout" not in res.stderr, "a file hung past its budget"
    assert res.returncode == 1 and "Traceback" not in res.stderr and "Warning" not in res.stderr, res.stderr
    errors = _errors(res.stderr, bad)
    for name, case in cases.items():
        if case.expect is None:
            assert name not in errors, (name, errors.get(name))
        else:
            assert len(errors.get(name, [])) == 1 and case.expect in errors[name][0], (name, errors.get(name))
    assert set(errors) <= set(cases), set(errors) - set(cases)
    good = [n for n, c in cases.items() if c.expect is None]
    skipped = sum(c.expect is not None and c.expect.startswith(("not a regular", "a dangling", "a symbolic",
                                                                 "a folder already")) for c in cases.values())
    assert (f"failed {len(cases) - len(good) - skipped}, skipped {skipped} ") in res.stderr
    stored = _consistent(db)
    assert all(stored.get(str(bad / n)) for n in good), [n for n in good if not stored.get(str(bad / n))]
    # One source, two paths: same_bytes_b for same_bytes_a's bytes, good.txt for first/ubnd.txt's.
    assert stored["source_path"] == stored["source"] + 2
    shown = json.loads(congvan("show", "845/UBND-KGVX", "--format", "json", db=db).stdout)
    assert [d["sources"] for d in shown if not d["stub"]] == [[str(first / "ubnd.txt")]]  # untouched


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
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


def _counts(url: str) -> tuple[int, ...]:
    engine = open_engine(url, migrate=False)
    with engine.connect() as c:
        row = (*c.exec_driver_sql("SELECT count(*), count(DISTINCT sha256) FROM source").one(),
               c.exec_driver_sql("SELECT count(*) FROM document WHERE NOT is_stub").scalar_one(),
               c.exec_driver_sql("SELECT count(*) FROM task").scalar_one())
    engine.dispose()
    return row


@pytest.fixture(scope="module")
def two_ingests_batch(tmp_path_factory: pytest.TempPathFactory, reads_dir: Path) -> tuple[Path, tuple[int, ...]]:
    """The batch of the two-writers test and what one ingest alone stores of it and of data/raw
    (the same for SQLite and PostgreSQL, so ingested once). The yardstick's reads are kept
    (read_cache) for the racing ingests: the race is between the writers, not the readers."""
    top = tmp_path_factory.mktemp("two-ingests")
    batch = top / "batch"
    _script("bench_ingest").make_batch(batch, 40)
    single = f"sqlite:///{top / 'one.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(read_cache.ENV_DIR, str(reads_dir))
        summary = ingest.run([batch, RAW], single, workers=0)  # the yardstick: in this process, no pool
    assert not summary.failed, summary.failed
    return batch, _counts(single)


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_two_ingests_into_one_new_database_lose_and_duplicate_nothing(
        two_ingests_batch: tuple[Path, tuple[int, ...]], db_url: str, reads_dir: Path) -> None:
    batch, alone = two_ingests_batch
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", "--workers", "1", "--db", db_url]
    # The same files in opposite orders, so the two writers meet on every file and dispatch.
    env = os.environ | {read_cache.ENV_DIR: str(reads_dir)}
    procs = [subprocess.Popen([*cmd, *order], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
             for order in ([str(batch), str(RAW)], [str(RAW), str(batch)])]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert _counts(db_url) == alone


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


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_a_file_over_its_budget_is_reported_and_its_worker_replaced(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """Whatever hangs (a regex, a library, a device), the file fails after --file-timeout and the batch
    goes on: the file's chunk is run again a file at a time, so its neighbours are still stored."""
    from pipeline import ingest, work
    from pipeline.types import Limits

    real = work.process

    def hanging(path, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(path).name == "hang.txt":
            time.sleep(3600)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(work, "process", hanging)  # the pool's workers are forked from here (a chunk runs work.process)
    files = []
    for name in ("a.txt", "hang.txt", "b.txt", "c.txt"):
        files.append(tmp_path / name)
        files[-1].write_text((RAW / "05_cv_so_noi_vu.txt").read_text(encoding="utf-8") + name, encoding="utf-8")
    t0 = time.perf_counter()
    results = list(ingest.process_all(files, workers=1, limits=Limits(file_seconds=4)))
    assert time.perf_counter() - t0 < 60
    assert [r.path for r in results] == [str(f) for f in files]
    assert [r.error is None for r in results] == [True, False, True, True]
    assert "took longer than its 4 s budget (--file-timeout)" in (results[1].error or "")


@pytest.mark.parametrize("together", [False, True], ids=["one-by-one", "finished-together"])
def test_a_database_error_on_one_document_is_its_own_and_the_batch_goes_on(tmp_path: Path, db_url: str, together: bool,
                                                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """Also when the workers finished the documents together, so the writer stores them in one
    transaction: the refused one is rolled back, the others are stored, in order."""
    from sqlalchemy.exc import DataError

    from pipeline import ingest

    if together:
        monkeypatch.setattr(ingest, "process_ready", lambda files, *a, **k: iter([[ingest.process(f, sign=True)
                                                                                   for f in files]]))

    real = ingest.store

    def refusing(session, read, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN002, ANN003, ANN202
        if read.path.endswith("refused.txt"):
            real(session, read, *args, **kwargs)  # written, then refused: the rollback must undo it
            raise DataError("INSERT", {}, ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes"))
        return real(session, read, *args, **kwargs)

    monkeypatch.setattr(ingest, "store", refusing)
    for i, name in enumerate(("a.txt", "refused.txt", "b.txt", "c.txt")):
        (tmp_path / name).write_bytes(RAW.joinpath(sorted(p.name for p in RAW.glob("*.txt"))[i]).read_bytes())
    summary = ingest.run([tmp_path], db_url, workers=0)
    assert summary.stored == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert summary.failed == [(str(tmp_path / "refused.txt"), "the database refused it (ValueError: PostgreSQL text "
                                                               "fields cannot contain NUL (0x00) bytes)")]
    engine = open_engine(db_url, migrate=False)
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM source").scalar_one() == 3
        assert c.exec_driver_sql("SELECT count(*) FROM document WHERE NOT is_stub").scalar_one() == 3
    engine.dispose()


def test_a_tesseract_failure_says_what_failed_not_that_it_timed_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
    import pytesseract
    import pytest
    from PIL import Image

    from pipeline.errors import ExternalToolError
    from pipeline.tools.tesseract import TesseractEngine, languages

    if "vie" not in languages():
        pytest.skip("tesseract with Vietnamese data not installed")

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN002, ANN003, ANN202
        raise pytesseract.TesseractError(1, "Warning: Invalid resolution 0 dpi.\nError in pixReadStream: "
                                            "Pix not read\nUnsupported image type.")

    # the live path with its binary stood in for: no recorded answer, no Tesseract needed
    monkeypatch.delenv("CONGVAN_OCR_CACHE", raising=False)
    monkeypatch.setattr("pipeline.tools.tesseract.version", lambda: "tesseract (stand-in)")
    monkeypatch.setattr(pytesseract, "image_to_data", failing)
    try:
        TesseractEngine(timeout=120).ocr(Image.new("L", (100, 100), 255))
    except ExternalToolError as e:
        assert "timed out" not in e.reason and "exit status 1" in e.reason and "Unsupported image type" in e.reason
    else:
        raise AssertionError("no error")

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(pytesseract, "image_to_data", slow)
    try:
        TesseractEngine(timeout=120).ocr(Image.new("L", (100, 100), 255))
    except ExternalToolError as e:
        assert e.reason == "timed out after 120 s"


def test_special_files_named_on_the_command_line_are_refused_before_they_are_read(tmp_path: Path) -> None:
    """A FIFO would block the hashing before anything else, a link to /dev/zero never end."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    for command in (("ingest", "--db", f"sqlite:///{tmp_path / 'n.db'}"), ("extract",)):
        res = congvan(*command, str(tmp_path / "pipe.txt"), str(tmp_path / "zero.pdf"))
        assert res.returncode == 1 and "Traceback" not in res.stderr
        assert f"congvan: {tmp_path / 'pipe.txt'}: not a regular file (a FIFO)" in res.stderr.splitlines()
        assert f"congvan: {tmp_path / 'zero.pdf'}: not a regular file (a character device)" in res.stderr.splitlines()


def test_a_pdf_behind_a_few_bytes_of_something_else_is_read_as_the_pdf(tmp_path: Path) -> None:
    """A download step's prefix before '%PDF-' (seen on a real e-office PDF): PDF readers accept the header
    within the first kilobyte, and so does congvan; a file named .pdf without it is still refused."""
    original = Path(__file__).parent / "corpus" / "inputs" / "sct_02.pdf"  # its number and day in a signature widget
    prefixed = tmp_path / "prefixed.pdf"
    prefixed.write_bytes(bytes(range(0x75, 0x75 + 22)) + original.read_bytes())
    text = read_file(prefixed, ocr="off").text
    assert text == read_file(original, ocr="off").text and "7432" in text  # the widget read, as readers count offsets
    far = tmp_path / "far.pdf"
    far.write_bytes(b"x" * 2000 + original.read_bytes())
    with pytest.raises(InputError, match="not a PDF file"):
        read_file(far, ocr="off")
