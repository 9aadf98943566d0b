"""Numbers and days stamped onto a born-digital PDF as a picture after it was made: candidates for the resolve step.

An e-office system signs the PDF of a dispatch and then writes its number and day onto the
page. Most write them as text in a signature widget's appearance, which reading merges into
the page's words (pipeline/reading/annotations.py); some stamp them as an image, so the text
layer says `Số: /UBND-KGVX` and `ngày tháng 01 năm 2025` while the page shows `Số:
507/UBND-KGVX` and `ngày 24 tháng 01`. This stage runs between the components and the one
resolve step (extractors/resolve.py): when the header's candidates leave the number or the day
blank and the first page showed a picture (noted while it was read: the PDF is not opened
again), that page is OCR'd and its header component read once more; a figure is offered only
when it agrees with what the text layer did say (same ký hiệu; same month and year), at the
span where the text layer left the blank, and the resolve step checks it as it checks any
other (grammar, calendar, the e-signature's day, chronology). The OCR confidence of the picture
is not held against it: agreeing with the text layer is the evidence it lacks.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from extractors.base import Candidate
from extractors.components import BY_ID
from extractors.resolve import choose

from .reading.files import OcrMode, ocr_pdf_page
from .types import ReadResult

RULE = "header.stamped-ocr"
_FIELDS = ("number", "symbol", "issue_date")


def needs_ocr(read: ReadResult, cands: list[Candidate], ocr: OcrMode = "auto") -> bool:
    """Whether the header left a blank that only a picture on the first page can fill."""
    first = read.pages[0] if read.pages else None
    if ocr == "off" or read.media_type != "application/pdf" or first is None or first.method != "text-layer" \
            or not first.shows_image:
        return False
    blank_number, blank_day = _blanks(choose([c for c in cands if c.field in _FIELDS]))
    return blank_number or blank_day


def candidates(read: ReadResult, cands: list[Candidate], ocr: OcrMode = "auto") -> list[Candidate]:
    """The number and the day read from the first page's picture where the text layer left them
    blank and the picture agrees with it; [] without OCR when nothing is blank or nothing is drawn."""
    if not needs_ocr(read, cands, ocr):
        return []
    from .extract import structure

    chosen = choose([c for c in cands if c.field in _FIELDS])
    blank_number, blank_day = _blanks(chosen)
    page = ocr_pdf_page(Path(read.path), 1)
    seen = choose([c for c in BY_ID["header"].run(structure(dataclasses.replace(read, pages=[page])))
                   if c.field in _FIELDS])
    out: list[Candidate] = []
    symbol, number = chosen.get("symbol"), seen.get("number")
    if blank_number and symbol and number and seen.get("symbol") and seen["symbol"].value == symbol.value:
        out.append(_at(symbol, "number", number.value))
    day, date = chosen.get("issue_date"), seen.get("issue_date")
    if blank_day and day and date and len(str(date.value)) == 10 and str(date.value).startswith(str(day.value)):
        out.append(_at(day, "issue_date", date.value, day.score + 0.5))  # the same date, completed
    return out


def _blanks(chosen: dict[str, Candidate]) -> tuple[bool, bool]:
    """(a ký hiệu read without its number, a date read without its day): what a stamp fills.
    A number read and then refused is no blank: the resolve step's reason stands."""
    day = chosen.get("issue_date")
    return "number" not in chosen and "symbol" in chosen, day is not None and len(str(day.value)) == 7


def _at(blank: Candidate, fld: str, value: str, score: float | None = None) -> Candidate:
    """The stamped value where the text layer printed the blank it fills."""
    return Candidate(fld, value, blank.start, blank.end, RULE, blank.score if score is None else score,
                     extra={"read_from": "OCR of page 1 (a picture stamped on it)"}, zone=blank.zone)
