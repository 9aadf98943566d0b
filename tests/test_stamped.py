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
    full = read_of(LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng"))
    stamped.fill_stamped(full, extract_record(full))
    blank = read_of(LAYER)
    assert stamped.fill_stamped(blank, extract_record(blank), "off")["number"] is None
