"""Abstain rather than guess: each check on a made-up header, with a value it takes and one it
leaves null (the reason and the value not taken kept in provenance), and `congvan show` listing
what was left null."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extractors.base import DocText
from pipeline.extract import build_record, extract_record
from pipeline.reading.layout import words_to_text
from pipeline.types import Page, ReadResult, Word
from tests.cli import congvan

TODAY = date(2026, 12, 1)


def header(number: str = "12/KH-STC", day: str = "12", month: str = "03", year: str = "2025", heading: str = "",
           body: str = "Sở Tài chính đề nghị các đơn vị triển khai thực hiện.", above: str = "") -> str:
    title = f"{heading}\nVề việc triển khai nhiệm vụ tài chính" if heading else "V/v triển khai nhiệm vụ tài chính"
    return (f"{above}UBND TỈNH BÌNH AN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ TÀI CHÍNH                Độc lập - Tự do - Hạnh phúc\n"
            f"Số: {number}               Bình An, ngày {day} tháng {month} năm {year}\n"
            f"{title}\n\nKính gửi: Ủy ban nhân dân các huyện.\n\n{body}\n\n"
            "Nơi nhận:                   GIÁM ĐỐC\n- Như trên;\n- Lưu: VT.\n\n                   Nguyễn Văn An\n")


def record(text: str) -> dict[str, Any]:
    return build_record(DocText(text), TODAY)


def abstained(rec: dict[str, Any], field: str) -> dict[str, Any] | None:
    prov = rec["provenance"].get(field) or {}
    return prov if prov.get("abstained") else None


@pytest.mark.parametrize(("number", "taken"), [
    ("12/KH-STC", True), ("5/2024/NĐ-CP", True), ("18-CT/TU", True), ("123-TB/TU", True), ("345/QĐ-BYT", True),
    ("1Z/K@-STC", False),   # OCR debris where the sequence number and the ký hiệu are printed
    ("18-XQ/TU", False),    # a Party number's type slot holds no type abbreviation
    ("5/2024/XQ-CP", False),  # nor does a legal document's, after its year
    ("24/HD-BCA-", False),  # the ký hiệu goes on past what was read
])
def test_a_number_that_fails_the_ky_hieu_grammar_abstains(number: str, taken: bool) -> None:
    rec = record(header(number=number))
    if taken:
        assert rec["number"] == number and not abstained(rec, "number")
    else:
        a = abstained(rec, "number")
        assert rec["number"] is None and a is not None and a["check"] == "grammar", rec["provenance"].get("number")
        assert a["candidate"].startswith(number.split("/")[0].split("-")[0]) and a["reason"]


def test_a_type_abbreviation_other_than_the_headings_is_noted_and_the_number_kept() -> None:
    rec = record(header(number="12/QĐ-STC", heading="KẾ HOẠCH"))
    assert rec["number"] == "12/QĐ-STC" and "Kế hoạch" in rec["provenance"]["number"]["note"]
    agreeing = record(header(number="12/KH-STC", heading="KẾ HOẠCH"))
    assert agreeing["doc_type"] == "Kế hoạch" and "note" not in agreeing["provenance"]["number"]


@pytest.mark.parametrize(("day", "month", "issue_date", "reason"), [
    ("28", "02", "2025-02-28", None),
    ("31", "02", None, "no day of the calendar"),
    ("{5", "02", None, "not read as figures"),
])
def test_a_date_that_fails_the_calendar_abstains(day: str, month: str, issue_date: str | None, reason: str | None) -> None:
    rec = record(header(day=day, month=month))
    assert rec["issue_date"] == issue_date
    if reason:
        a = abstained(rec, "issue_date")
        assert a is not None and a["check"] == "calendar" and reason in a["reason"]


def test_a_date_after_the_day_of_the_run_abstains() -> None:
    assert record(header(day="30", month="11", year="2026"))["issue_date"] == "2026-11-30"
    rec = record(header(day="02", month="12", year="2026"))
    assert rec["issue_date"] is None and abstained(rec, "issue_date")["check"] == "future"  # type: ignore[index]


def test_a_date_before_a_document_it_cites_abstains() -> None:
    body = "Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2025 của UBND tỉnh Bình An, Sở Tài chính đề nghị các đơn vị."
    assert record(header(day="12", body=body))["issue_date"] == "2025-03-12"
    rec = record(header(day="05", body=body))
    a = abstained(rec, "issue_date")
    assert rec["issue_date"] is None and a is not None and a["check"] == "chronology" and "45/KH-UBND" in a["reason"]
    assert a["candidate"] == "2025-03-05"
    partial = record(header(day="", body=body))  # a day left blank: March is still March
    assert partial["issue_date"] == "2025-03"


@pytest.mark.parametrize(("day", "taken"), [("18", True), ("20", True), ("12", False), ("21", False)])
def test_a_date_after_its_e_signature_or_weeks_before_it_abstains(day: str, taken: bool) -> None:
    stamp = "Ký bởi: Sở Tài chính tỉnh Bình An\nThời gian ký: 20.03.2025 09:15:00 +07:00\n"
    rec = record(header(day=day, month="03", above=stamp))
    assert (rec["issue_date"] == f"2025-03-{day}") is taken
    if not taken:
        assert abstained(rec, "issue_date")["check"] == "signed"  # type: ignore[index]


def test_a_date_read_only_inside_a_citation_is_the_cited_documents() -> None:
    text = header(day="{", month="").replace(
        "V/v triển khai nhiệm vụ tài chính",
        "V/v thực hiện Nghị quyết số 20-NQ/TW, ngày 25 tháng 10 năm 2017")
    rec = record(text)
    assert rec["issue_date"] is None and abstained(rec, "issue_date") is not None


W = 2480.0


def _row(y: float, x: float, text: str, height: float = 40, conf: float = 0.95) -> list[Word]:
    out, pos = [], x * W
    for token in text.split():
        out.append(Word(token, pos, y, pos + 25 * len(token), y + height, conf))
        pos += 25 * len(token) + 15
    return out


def scanned(number_height: float = 40, number_conf: float = 0.95) -> dict[str, Any]:
    words = (_row(200, 0.17, "ỦY BAN NHÂN DÂN") + _row(200, 0.42, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
             + _row(260, 0.17, "TỈNH BÌNH AN") + _row(260, 0.54, "Độc lập - Tự do - Hạnh phúc")
             + _row(320, 0.17, "Số:") + _row(320, 0.21, "245", number_height, number_conf)
             + _row(320, 0.25, "/UBND-KT") + _row(320, 0.52, "Bình An, ngày 15 tháng 01 năm 2025")
             + _row(440, 0.14, "V/v triển khai nhiệm vụ tài chính")
             + _row(560, 0.17, "Kính gửi: Sở Tài chính") + _row(680, 0.16, "Ủy ban nhân dân tỉnh đề nghị các sở thực hiện"))
    page = Page(1, words_to_text(words, W), "ocr", W, words, 0.9)
    return extract_record(ReadResult("x.png", "0" * 64, "image/png", [page]))


def test_a_number_written_by_hand_into_the_form_abstains() -> None:
    assert scanned(number_height=44)["number"] == "245/UBND-KT"
    rec = scanned(number_height=70)  # the figures stand 1.75 times as tall as the print around them
    assert rec["number"] is None and abstained(rec, "number")["check"] == "handwritten"  # type: ignore[index]
    assert rec["symbol"] == "UBND-KT"  # the printed ký hiệu is read apart from the figures


def test_a_number_read_at_very_low_ocr_confidence_abstains() -> None:
    assert scanned(number_conf=0.5)["number"] == "245/UBND-KT"
    rec = scanned(number_conf=0.05)
    a = abstained(rec, "number")
    assert rec["number"] is None and a is not None and a["check"] == "ocr-confidence" and a["candidate"] == "245/UBND-KT"


def test_congvan_show_lists_what_was_left_null(tmp_path: Path) -> None:
    doc = tmp_path / "cv.txt"
    doc.write_text(header(number="12/KH-STC", day="31", month="02"), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"

    assert congvan("ingest", str(doc), db=db).returncode == 0
    shown = congvan("show", "12/KH-STC", db=db)
    assert shown.returncode == 0, shown.stderr
    out = " ".join(shown.stdout.split())
    assert "abstained" in out and "issue_date" in out and "2025-02-31" in out and "no day of the calendar" in out
