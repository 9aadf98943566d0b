"""Archive copies (pipeline/archive.py): a searchable PDF/A of a scan whose text is congvan's
corrected words where they are printed, made by OCRmyPDF without running Tesseract again, checked
before it is kept, and recorded per source. The scans' OCR is the recorded one (tests/ocr_cache);
the tests that run OCRmyPDF are marked `archive` (a few seconds a page)."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.archive import contains, corrected_lines, title
from pipeline.types import Page, Word
from tests.cli import congvan
from tests.conftest import ROOT

SCAN = ROOT / "tests/regression/corpus/02_cv_tinh_uy__clean.png"  # 118-CV/TU
SIGNED = ROOT / "tests/corpus/inputs/misc_12.pdf"


def _page(raw: list[tuple[str, int, int]], text: str) -> Page:
    """A page whose Tesseract words stand on one line at (x0, x1), and whose corrected text is `text`."""
    return Page(1, text, "ocr", 2000.0, [Word(t, x0, 100, x1, 130) for t, x0, x1 in raw])


def test_each_corrected_word_takes_the_box_of_the_word_it_was_read_from() -> None:
    page = _page([("Sô", 100, 160), ("118-CV/TU", 180, 400), ("câp", 420, 500), ("tinh", 520, 600)],
                 "Số 118-CV/TU cấp tỉnh")
    [line] = corrected_lines(page)
    assert [t for t, _ in line] == ["Số", "118-CV/TU", "cấp", "tỉnh"]
    assert [b[0] for _, b in line] == [100, 180, 420, 520]


def test_a_glued_reading_is_parted_within_its_box_and_two_pieces_are_joined() -> None:
    page = _page([("ngày24", 100, 280), ("tháng", 300, 400), ("0", 420, 440), ("1", 445, 460)], "ngày 24 tháng 01")
    [line] = corrected_lines(page)
    assert [t for t, _ in line] == ["ngày", "24", "tháng", "01"]
    assert 100 <= line[0][1][0] < line[0][1][2] <= line[1][1][0] < line[1][1][2] <= 280  # both inside ngày24's box
    assert line[3][1][0] == 420 and line[3][1][2] == 460  # 01 over the boxes of 0 and 1


def test_touching_boxes_are_drawn_apart_so_a_search_sees_two_words_and_an_accent_box_stays() -> None:
    page = _page([("bh", 440, 521), ("Thành", 520, 647), ("CHANH", 700, 900), ("Á", 796, 807)], "bh Thành CHANH Á")
    boxes = {t: b for line in corrected_lines(page) for t, b in line}
    assert boxes["Thành"][0] - boxes["bh"][2] >= 0.2 * 30 and boxes["bh"][0] == 440
    assert boxes["CHANH"] == (700, 100, 900, 130)  # a detached accent inside the word: left as Tesseract drew it


def test_the_title_is_type_number_and_subject_and_a_search_needs_the_diacritics() -> None:
    record = {"doc_type": "Công văn", "number": "118-CV/TU", "subject": "triển khai Kế hoạch"}
    assert title(record) == "Công văn 118-CV/TU – triển khai Kế hoạch"
    assert title({"number": None, "subject": None}) is None
    assert contains("V/v triển khai\nKế hoạch số 04", "triển khai Kế hoạch")
    assert not contains("V/v trien khai Ke hoach", "triển khai Kế hoạch")


# OCRmyPDF's Tesseract plugin checks at start that the binary is on the PATH, although congvan's engine
# reads every page and Tesseract is never run (which the first test asserts); without it a scan's copy
# is refused with OCRmyPDF's MissingDependencyError, a per-file error.
NEEDS_TESSERACT_ON_PATH = pytest.mark.skipif(shutil.which("tesseract") is None,
                                             reason="OCRmyPDF refuses to start without tesseract on the PATH")


@pytest.mark.archive
@NEEDS_TESSERACT_ON_PATH
def test_a_scan_becomes_a_pdfa_whose_text_is_congvans_without_running_tesseract(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ocrmypdf._exec.tesseract as ocrmypdf_tesseract
    import pikepdf

    from pipeline.tools import ocrmypdf, pdftotext

    def no_tesseract(*args: object, **kwargs: object) -> None:
        raise AssertionError("Tesseract was run again")

    for name in ("generate_hocr", "generate_pdf", "get_orientation", "get_deskew"):
        monkeypatch.setattr(ocrmypdf_tesseract, name, no_tesseract)
    done = congvan("archive", str(SCAN), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    [copy] = (tmp_path / "out").glob("*.pdf")
    assert "pdfa-2b" in done.stdout and ocrmypdf.pdfa_check(copy) is None
    text = pdftotext.text(copy)
    assert "118-CV/TU" in text and contains(text, "Ủy ban nhân dân tỉnh") and contains(text, "Tỉnh ủy Bình An")
    with pikepdf.open(copy) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"].startswith("Công văn 118-CV/TU – triển khai Kế hoạch")
        assert meta["dc:creator"] == ["Tỉnh ủy Bình An"]
        assert str(pdf.Root.Lang) == "vi"
        assert meta["dc:date"] == ["2026-03-16"]


@pytest.mark.archive
@NEEDS_TESSERACT_ON_PATH
def test_ingest_records_each_copy_and_show_lists_it(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    done = congvan("ingest", str(SCAN), "--workers", "1", "--archive", str(tmp_path / "out"), db=db)
    assert done.returncode == 0, done.stderr
    [doc] = json.loads(congvan("show", "--format", "json", "118-CV/TU", db=db).stdout)
    [entry] = doc["archive_copies"]
    assert entry["source"] == str(SCAN)
    assert entry["sha256"] == hashlib.sha256(Path(entry["copy"]).read_bytes()).hexdigest()


@pytest.mark.archive
def test_a_copy_that_cannot_be_written_fails_that_file_only_and_leaves_no_trace(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    blocked = tmp_path / "out"
    blocked.write_text("a file where the folder should be")
    done = congvan("ingest", str(SCAN), "--workers", "1", "--archive", str(blocked), db=db)
    assert done.returncode == 1 and "archive copy failed" in done.stderr and "stored 1" in done.stderr
    [doc] = json.loads(congvan("show", "--format", "json", "118-CV/TU", db=db).stdout)
    assert doc["sources"] == [str(SCAN)] and doc["archive_copies"] == []


@pytest.mark.archive
def test_a_signed_born_digital_pdf_keeps_its_bytes_unless_pdfa_is_asked_and_never_loses_its_signature(
        tmp_path: Path) -> None:
    source = tmp_path / "signed.pdf"
    shutil.copy(SIGNED, source)
    kept = congvan("archive", str(source), "--out", str(tmp_path / "kept"))
    assert kept.returncode == 0, kept.stderr
    [copy] = (tmp_path / "kept").glob("*.pdf")
    assert copy.read_bytes() == source.read_bytes() and "original" in kept.stdout
    converted = congvan("archive", str(source), "--out", str(tmp_path / "pdfa"), "--output-type", "pdfa")
    left = sorted(p.name for p in (tmp_path / "pdfa").glob("*"))
    if converted.returncode == 0:  # converted: said so, and the signed original is beside the copy
        assert "broke its 1 digital signature" in converted.stdout and any(".original." in n for n in left)
    else:  # not convertible to a PDF/A that can be confirmed: a per-file error, nothing half-written
        assert "archive copy" in converted.stderr and left == []


@pytest.mark.archive
@NEEDS_TESSERACT_ON_PATH
def test_a_mixed_pdf_keeps_its_text_pages_and_its_ocr_page_loses_the_old_layer(tmp_path: Path) -> None:
    """Page 1 born digital, page 2 a scan under a garbled scanner layer congvan did not use: the copy
    keeps page 1 as printed (its own text layer) and page 2 carries congvan's words, not the old layer."""
    import pikepdf

    from pipeline.tools import pdftotext

    mixed = tmp_path / "mixed.pdf"
    with pikepdf.new() as pdf:
        for src in (ROOT / "tests/corpus/inputs/sct_18.pdf", ROOT / "tests/regression/corpus/04_cv_so_khcn__garbled_layer.pdf"):
            with pikepdf.open(src) as part:
                pdf.pages.append(part.pages[0])
        pdf.save(mixed)
    done = congvan("archive", str(mixed), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    [copy] = (tmp_path / "out").glob("*.pdf")
    with pikepdf.open(copy) as pdf:
        first, second = pdf.pages
        assert second.get_images()  # the scan, drawn again
        one, two = pikepdf.new(), pikepdf.new()
        one.pages.append(first)
        two.pages.append(second)
        one.save(tmp_path / "1.pdf")
        two.save(tmp_path / "2.pdf")
    with pikepdf.open(ROOT / "tests/corpus/inputs/sct_18.pdf") as src, pikepdf.new() as alone:
        alone.pages.append(src.pages[0])
        alone.save(tmp_path / "src1.pdf")
    assert pdftotext.text(tmp_path / "1.pdf") == pdftotext.text(tmp_path / "src1.pdf")
    ocr_page = pdftotext.text(tmp_path / "2.pdf")
    assert contains(ocr_page, "Sở Khoa học và Công nghệ") and "Thve hien" not in ocr_page
