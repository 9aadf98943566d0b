"""Numbers and days stamped on the image of a born-digital PDF fill the blanks of its text layer,
as candidates of the one resolve step."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline import stamped
from pipeline.types import Page, ReadResult

LAYER = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH AN\nSố: /UBND-KGVX\nV/v triển khai hệ thống\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBình An, ngày tháng 3 năm 2026\n\nKính gửi: Sở Nội vụ\n")


def read_of(text: str, method: str = "text-layer", image: bool = True) -> ReadResult:
    return ReadResult("x.pdf", "0" * 64, "application/pdf", [Page(1, text, method, shows_image=image)])  # type: ignore[arg-type]


def record_of(read: ReadResult, ocr: str = "auto") -> dict[str, Any]:
    from pipeline.extract import extract_record

    return extract_record(read, more=lambda cands: stamped.candidates(read, cands, ocr))  # type: ignore[arg-type]


@pytest.mark.parametrize("image_text,number,date", [
    (LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng"), "845/UBND-KGVX", "2026-03-20"),
    # a stamp that disagrees with the text layer (other symbol, other month) is not taken
    (LAYER.replace("Số: /UBND-KGVX", "Số: 845/UBND-KT").replace("ngày tháng 3", "ngày 20 tháng 4"), None, "2026-03"),
])
def test_blanks_are_filled_only_where_the_image_agrees(monkeypatch: pytest.MonkeyPatch, image_text: str,
                                                       number: str | None, date: str) -> None:
    monkeypatch.setattr(stamped, "ocr_pdf_page", lambda path, n: Page(1, image_text, "ocr"))
    record = record_of(read_of(LAYER))
    assert (record["number"], record["issue_date"]) == (number, date)
    if number:
        assert record["provenance"]["number"]["rule"] == stamped.RULE
        # where the text layer left the blank: the archivist finds the line the stamp filled
        assert LAYER[record["provenance"]["number"]["start"]:].startswith("/UBND-KGVX")
        assert record["provenance"]["issue_date"]["rule"] == stamped.RULE


def test_nothing_is_ocrd_when_nothing_is_blank_or_ocr_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(path: object, n: int) -> Page:
        raise AssertionError("OCR was not needed")

    monkeypatch.setattr(stamped, "ocr_pdf_page", boom)
    assert record_of(read_of(LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng")))["number"]
    assert record_of(read_of(LAYER), "off")["number"] is None


def test_a_page_without_an_image_is_not_ocrd_for_its_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blank left in a text layer that shows no picture (a draft, or a number the widget already
    gave) has nothing for OCR to read but the text layer itself."""
    def boom(path: object, n: int) -> Page:
        raise AssertionError("OCR was not needed")

    monkeypatch.setattr(stamped, "ocr_pdf_page", boom)
    assert record_of(read_of(LAYER, image=False))["number"] is None


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


def test_a_picture_stamped_pdf_is_read_once_and_its_blanks_resolved_with_the_rest(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A real PDF whose text layer leaves the number and day blank and whose page shows a picture:
    the picture is noted while the page is read (pdfplumber opens the file once), only that page
    is OCR'd, and the stamped figures come out of the same resolve step as every other field."""
    import pdfplumber
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from pipeline import recipe

    pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    pdf, stamp = tmp_path / "stamped.pdf", tmp_path / "stamp.png"
    Image.new("RGB", (60, 20), "red").save(stamp)
    page = canvas.Canvas(str(pdf))
    page.setFont("DejaVu", 11)
    body = LAYER + "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành triển khai hệ thống quản lý văn bản điện tử."
    for i, line in enumerate(body.splitlines()):
        page.drawString(40, 800 - 16 * i, line)
    page.drawImage(str(stamp), 80, 740)
    page.save()
    opened: list[object] = []
    real_open = pdfplumber.open
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    ocrd: list[int] = []
    image_text = LAYER.replace("Số: /", "Số: 845/").replace("ngày tháng", "ngày 20 tháng")
    monkeypatch.setattr(stamped, "ocr_pdf_page", lambda path, n: ocrd.append(n) or Page(1, image_text, "ocr"))
    read, record = recipe.run(pdf)
    assert read.pages[0].method == "text-layer" and read.pages[0].shows_image
    assert (record["number"], record["issue_date"]) == ("845/UBND-KGVX", "2026-03-20")
    assert record["provenance"]["number"]["rule"] == stamped.RULE and ocrd == [1] and len(opened) == 1
