"""Kept reads (CONGVAN_READ_CACHE): a re-run over the same bytes is not read again, and nothing
it returns differs from a fresh read: an edited file, other options or another engine read afresh."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.reading import files, read_cache
from pipeline.types import Limits
from tests.conftest import RAW

DISPATCH = "ỦY BAN NHÂN DÂN\nTỈNH BÌNH AN\nSố: 12/UBND-VX\nV/v họp\nKính gửi: Sở Y tế\n"


@pytest.fixture
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.setenv(read_cache.ENV_DIR, str(tmp_path / "reads"))
    calls: list[Path] = []
    real = files._read

    def spy(path, *args):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
        calls.append(path)
        return real(path, *args)

    monkeypatch.setattr(files, "_read", spy)
    return calls


def test_the_same_bytes_are_read_once_under_any_name(tmp_path: Path, counted: list[Path]) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(DISPATCH, encoding="utf-8")
    b.write_text(DISPATCH, encoding="utf-8")
    first, again = files.read_file(a), files.read_file(b)
    assert counted == [a]
    assert again.path == str(b) and again.pages == first.pages and again.sha256 == first.sha256


def test_an_edited_file_other_limits_or_an_own_engine_are_read_again(tmp_path: Path, counted: list[Path]) -> None:
    a = tmp_path / "a.txt"
    a.write_text(DISPATCH, encoding="utf-8")
    files.read_file(a)
    a.write_text(DISPATCH + "Nơi nhận:\n", encoding="utf-8")
    assert "Nơi nhận" in files.read_file(a).text
    files.read_file(a, limits=Limits(max_pages=3))
    files.read_file(a, restorer=False)
    assert len(counted) == 4


def test_a_scan_s_first_page_image_comes_back_for_the_handwritten_reader(counted: list[Path]) -> None:
    scan = next(p for p in sorted((RAW / "rendered").iterdir()) if p.suffix.lower() in (".png", ".jpg", ".tif", ".tiff", ".pdf"))
    fresh = files.read_file(scan)
    kept = files.read_file(scan)
    assert len(counted) == 1
    assert fresh.pages[0].image is not None
    assert kept.pages[0].image.tobytes() == fresh.pages[0].image.tobytes()
    assert [p.words for p in kept.pages] == [p.words for p in fresh.pages]
