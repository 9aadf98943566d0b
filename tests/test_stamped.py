"""Numbers and days stamped on the image of a born-digital PDF fill the blanks of its text layer."""
from __future__ import annotations

import pytest

from pipeline import stamped
from pipeline.types import Page, ReadResult

LAYER = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH AN\nSố: /UBND-KGVX\nV/v triển khai hệ thống\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình An, ngày tháng 3 năm 2026\n\nKính gửi: Sở Nội vụ\n")


def read_of(text: str, method: str = "text-layer") -> ReadResult:
    return ReadResult("x.pdf", "0" * 64, "application/pdf", [Page(1, text, method)])  # type: ignore[arg-type]


@pytest.mark.parametrize("image_text,number,date", [
    (LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng"), "845/UBND-KGVX", "2026-03-20"),
    # a stamp that disagrees with the text layer (other symbol, other month) is not taken
    (LAYER.replace("Số: /UBND-KGVX", "Số: 845/UBND-KT").replace("ngày tháng 3", "ngày 20 tháng 4"), None, "2026-03"),
])
def test_blanks_are_filled_only_where_the_image_agrees(monkeypatch: pytest.MonkeyPatch, image_text: str,
                                                       number: str | None, date: str) -> None:
    from pipeline.extract import extract_record

    monkeypatch.setattr(stamped, "ocr_pdf_page", lambda path, n: Page(1, image_text, "ocr"))
    monkeypatch.setattr(stamped, "draws_images", lambda path, n: True)
    read = read_of(LAYER)
    record = stamped.fill_stamped(read, extract_record(read))
    assert (record["number"], record["issue_date"]) == (number, date)
    if number:
        assert record["provenance"]["number"]["rule"] == stamped.RULE


def test_nothing_is_ocrd_when_nothing_is_blank_or_ocr_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.extract import extract_record

    def boom(path: object, n: int) -> Page:
        raise AssertionError("OCR was not needed")

    monkeypatch.setattr(stamped, "ocr_pdf_page", boom)
    monkeypatch.setattr(stamped, "draws_images", lambda path, n: True)
    full = read_of(LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng"))
    stamped.fill_stamped(full, extract_record(full))
    blank = read_of(LAYER)
    assert stamped.fill_stamped(blank, extract_record(blank), "off")["number"] is None


def test_a_page_without_an_image_is_not_ocrd_for_its_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blank left in a text layer that shows no picture (a draft, or a number the widget already
    gave) has nothing for OCR to read but the text layer itself."""
    from pipeline.extract import extract_record

    def boom(path: object, n: int) -> Page:
        raise AssertionError("OCR was not needed")

    monkeypatch.setattr(stamped, "ocr_pdf_page", boom)
    monkeypatch.setattr(stamped, "draws_images", lambda path, n: False)
    blank = read_of(LAYER)
    assert stamped.fill_stamped(blank, extract_record(blank))["number"] is None


def test_a_widget_number_and_day_are_read_as_page_text() -> None:
    """A born-digital dispatch whose e-office system wrote its number and day into signature
    widgets: the text layer alone says 'Số: /QĐ-UBND' and 'ngày tháng 4' (the draft's month, which
    the widget's '5' covers on the page); with the widgets' text the record has both, and no OCR
    is run (the cache has no page of it)."""
    from pipeline import recipe
    from tests.conftest import ROOT

    read, record = recipe.run(ROOT / "tests/corpus/inputs/sct_04.pdf")
    assert read.pages[0].method == "text-layer"
    assert record["number"] == "1696/QĐ-UBND" and record["issue_date"] == "2026-05-15"
    assert record["provenance"]["number"]["rule"] != stamped.RULE
    # the attached Quy định's 'kèm theo Quyết định số 1696/QĐ-UBND', now numbered, is this document: no reference
    assert all(r["number"] != record["number"] for r in record["references"])
