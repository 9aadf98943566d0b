from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pgserver

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RAW = ROOT / "data" / "raw"


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared development set not present")


def needs_tesseract() -> pytest.MarkDecorator:
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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every storage and query test runs on SQLite and on PostgreSQL (a fresh database each)."""
    return _db_url(request, request.param, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _db_url(request, request.param, tmp_path_factory.mktemp("db"))
