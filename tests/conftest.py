from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.reading import read_cache
from pipeline.tools import ocr_cache
from tests import pgserver

ROOT = Path(__file__).resolve().parent.parent
# The development set beside the checkout (../shared); CONGVAN_SHARED names it elsewhere (a git worktree).
SHARED = Path(os.environ.get("CONGVAN_SHARED") or ROOT.parent / "shared")
RAW = ROOT / "data" / "raw"
OCR_CACHE = ROOT / "tests" / "ocr_cache"

# Every test reads Tesseract's recorded answers (tests/ocr_cache) unless it is marked `ocr`:
# the same on every machine, and no binary needed. Set here, so worker processes and CLI
# subprocesses inherit it.
os.environ.setdefault(ocr_cache.ENV_DIR, str(OCR_CACHE))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--record-ocr", action="store_true",
                     help="run real Tesseract for pages not yet in tests/ocr_cache and record them")
    parser.addoption("--fresh-reads", action="store_true",
                     help="read the test documents afresh, not from the reads kept by earlier runs (.pytest_cache)")
    parser.addoption("--slow", action="store_true",
                     help="also run the tests marked `slow` (whole development corpora through the recipe, whole "
                          "multi-process ingests); "
                          "scripts/test.sh passes it")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--record-ocr"):
        os.environ[ocr_cache.ENV_MODE] = "record"


# The longest tests first (whole corpora through the recipe, batches through `congvan ingest`):
# pytest-xdist (pytest_xdist_make_scheduler below) gives each core two to start with (a golden corpus,
# then a two-writers ingest) and one more as each ends, so the short ones fill in around them instead
# of a long one starting last.
FIRST = ("tests/test_golden_corpora.py::test_no_figure_falls_below_its_baseline[corpus]",
         "tests/test_golden_corpora.py::test_no_figure_falls_below_its_baseline[devset]",
         "tests/test_bad_input.py::test_two_ingests_into_one_new_database_lose_and_duplicate_nothing[sqlite]",
         "tests/test_bad_input.py::test_two_ingests", "tests/test_bad_input.py::test_a_hostile_corpus",
         "tests/test_cluster.py::test_cluster_ingest", "tests/test_bad_input.py::test_a_killed_ingest")

# Modules whose module-scoped fixtures are dear (`congvan serve` and Chromium, an ingested archive, a
# 1500-document database): each runs on one worker, as one unit of work right after FIRST, so its
# fixtures are built once, not once on each worker that one of its tests happens to land on.
TOGETHER = ("tests/test_browser.py", "tests/test_web.py", "tests/test_bench_baselines.py", "tests/test_cli_graph.py")

# Last: a test that reads the corpora the golden tests read finds their reads kept (`shared_reads`).
LAST = ("tests/test_structure_builders.py::test_both_builders",)


def _runs_slow(config: pytest.Config) -> bool:
    """`--slow`, CONGVAN_SLOW=1, or a `-m` expression that names the marker: a plain `pytest` (or
    `pytest -m "not ocr"`) is the quick run a developer repeats; the slow suites read every scan of
    the development corpora afresh on a fresh clone and run in CI (scripts/test.sh)."""
    return bool(config.getoption("--slow") or os.environ.get("CONGVAN_SLOW") == "1"
                or "slow" in (config.getoption("-m") or ""))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _runs_slow(config):
        skip = pytest.mark.skip(reason="slow: run with --slow (scripts/test.sh does)")
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(skip)

    def rank(item: pytest.Item) -> int:
        if item.nodeid.startswith(LAST):
            return len(FIRST) + 2
        if item.nodeid.startswith(TOGETHER):
            return len(FIRST)
        return next((i for i, prefix in enumerate(FIRST) if item.nodeid.startswith(prefix)), len(FIRST) + 1)

    items.sort(key=rank)  # stable: the rest keep their order


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist's `--dist load` (the default), with each TOGETHER module one unit of work. Its own
    `--dist loadgroup` cannot be used: it renames tests through an attribute pytest 9 no longer reads."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Together(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.partition("::")[0]
            return module if module in TOGETHER else nodeid

    config.option.loadscopereorder = False  # units in conftest's order, not the largest first
    return Together(config, log)


@pytest.fixture(autouse=True)
def _live_ocr_only_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test marked `ocr` runs the real binary; every other test must not be able to."""
    if request.node.get_closest_marker("ocr"):
        monkeypatch.delenv(ocr_cache.ENV_DIR, raising=False)


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared development set not present")


def needs_tesseract() -> pytest.MarkDecorator:
    """For tests marked `ocr` (real Tesseract)."""
    return pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def gold(stem: str) -> dict:
    return json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pg_base() -> Iterator[str | None]:
    with pgserver.server() as base:
        yield base


def _db_url(request: pytest.FixtureRequest, kind: str, folder: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'g.db'}"
    base = request.getfixturevalue("pg_base")
    if base is None:
        if os.environ.get("CONGVAN_REQUIRE_PG"):
            pytest.fail("CONGVAN_REQUIRE_PG is set but no PostgreSQL server is installed")
        pytest.skip("PostgreSQL not installed")
    return pgserver.new_database(base)


@pytest.fixture
def session(db_url: str) -> Iterator[Any]:
    """An ORM session on a fresh database of each kind."""
    from sqlalchemy.orm import Session

    from pipeline.storage.db import open_engine

    engine = open_engine(db_url)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every storage and query test runs on SQLite and on PostgreSQL (a fresh database each)."""
    return _db_url(request, request.param, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _db_url(request, request.param, tmp_path_factory.mktemp("db"))


def session_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's temporary folder, the same for every pytest-xdist worker."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def session_lock(folder: Path, name: str) -> Iterator[None]:
    """Held by one pytest-xdist worker at a time: what the first makes under it, the others reuse."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.lock").open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


def _reads_depend_on() -> str:
    """What a kept read depends on that read_cache's key does not name, because within one run it
    cannot change: the installed libraries (pdfplumber, Pillow, numpy…), poppler, and the recorded
    OCR the reads replayed (its manifest and which pixels it has answers for)."""
    h = hashlib.sha256(read_cache._fingerprint().encode())  # the reading code: old reads go with it
    h.update("|".join(sorted(f"{d.name}=={d.version}" for d in importlib.metadata.distributions())).encode())
    with contextlib.suppress(OSError):
        h.update(subprocess.run(["pdftoppm", "-v"], capture_output=True, timeout=30).stderr)
    h.update((OCR_CACHE / ocr_cache.MANIFEST).read_bytes())
    h.update("|".join(sorted(p.name for p in OCR_CACHE.iterdir())).encode())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def reads_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of kept reads (pipeline/reading/read_cache.py) shared by the pytest-xdist workers,
    so the corpora that several tests read whole are read once; kept between runs in pytest's cache
    (.pytest_cache/d/congvan-reads, never committed), so a run after a change to the extractors reads
    no page again. A fresh clone has none (its first run reads everything, as does `--fresh-reads`
    or `-p no:cacheprovider`); a read is kept under the hash of what it depends on, and a folder
    under another hash (older code, libraries or recordings) is removed."""
    cache = getattr(request.config, "cache", None)
    if cache is None or request.config.getoption("--fresh-reads"):
        return session_folder(tmp_path_factory) / "reads"
    kept = cache.mkdir("congvan-reads")
    folder = kept / _reads_depend_on()
    with session_lock(kept, "prune"):
        for old in kept.iterdir():
            if old.is_dir() and old != folder:
                shutil.rmtree(old, ignore_errors=True)
        folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def shared_reads(reads_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For tests that read real documents with the default engines and change nothing about
    reading: they share one read of each file (worker processes inherit the setting)."""
    monkeypatch.setenv(read_cache.ENV_DIR, str(reads_dir))
    return reads_dir
