"""Numbers and days stamped onto a born-digital PDF after it was made.

An e-office system signs the PDF of a dispatch and then stamps its number and day onto the
page image layer, so the text layer says `Số: /UBND-KGVX` and `ngày tháng 01 năm 2025`
while the page shows `Số: 507/UBND-KGVX` and `ngày 24 tháng 01`. When the text layer left
them blank, the first page is OCR'd and its header read again; a value is taken only when
it agrees with what the text layer did say (same symbol, same month and year).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .extract import extract_record
from .reading.files import OcrMode, ocr_pdf_page
from .types import ReadResult

RULE = "header.stamped-ocr"


def fill_stamped(read: ReadResult, record: dict[str, Any], ocr: OcrMode = "auto") -> dict[str, Any]:
    """The record with its blank number and day read from the page image, where they agree."""
    refused = ((record.get("provenance") or {}).get("number") or {}).get("abstained")  # read, and not taken
    blank_number = record.get("number") is None and bool(record.get("symbol")) and not refused
    blank_day = len(record.get("issue_date") or "") == 7  # YYYY-MM
    first = read.pages[0] if read.pages else None
    if ocr == "off" or read.media_type != "application/pdf" or first is None or first.method != "text-layer" \
            or not (blank_number or blank_day):
        return record
    page = ocr_pdf_page(Path(read.path), 1)
    seen = extract_record(ReadResult(read.path, read.sha256, read.media_type, [page]))
    prov = record.setdefault("provenance", {})
    number = seen.get("number") or _doubted(seen, "number")
    if blank_number and number and seen.get("symbol") == record["symbol"]:
        record["number"] = number
        prov["number"] = {**_where(seen["provenance"].get("number", {})), "rule": RULE}
    date = seen.get("issue_date") or _doubted(seen, "issue_date") or ""
    if blank_day and len(date) == 10 and date.startswith(record["issue_date"]):
        record["issue_date"] = date
        prov["issue_date"] = {**_where(seen["provenance"].get("issue_date", {})), "rule": RULE}
    return record


def _doubted(seen: dict[str, Any], field: str) -> str | None:
    """A value the page's reading left null for its OCR confidence alone: agreeing with the text
    layer is the evidence it lacked (stamped figures are often read at low confidence)."""
    prov = (seen.get("provenance") or {}).get(field) or {}
    return prov.get("candidate") if prov.get("abstained") and prov.get("check") == "ocr-confidence" else None


def _where(prov: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in prov.items() if k not in ("abstained", "check", "reason", "candidate")}
