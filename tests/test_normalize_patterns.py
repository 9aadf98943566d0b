from __future__ import annotations

import pytest

from extractors.patterns import find_dates, parse_deadline, split_number
from extractors.text import fold, normalize_text, unglue


def test_normalise_tone_placement_and_tesseract_d() -> None:
    assert normalize_text("UỶ BAN hoà thuỷ quý \u00d0ẢNG") == "ỦY BAN hòa thủy quý ĐẢNG"


def test_broken_document_number_is_rejoined_but_urls_are_not() -> None:
    assert normalize_text("Thông báo số 05-\nTB/BCĐTW") == "Thông báo số 05-TB/BCĐTW"
    assert "\n" in normalize_text("https://nq57.vn/\n3. Các cơ quan")


def test_fold_keeps_offsets() -> None:
    s = "Kính gửi: ĐẶC KHU"
    assert fold(s) == "kinh gui: dac khu" and len(fold(s)) == len(s)


@pytest.mark.parametrize(("raw", "number", "symbol"), [
    ("03 -CV/BCD", "03-CV/BCĐ", "CV/BCĐ"),        # OCR: spaces, D for Đ, mended against symbol parts
    ("/UBND", None, "UBND"),                       # blank number in a draft
    ("09/2023/QĐ-TTg", "09/2023/QĐ-TTg", "QĐ-TTg"),
    ("60-CV/DUUBNDT", "60-CV/ĐUUBNDT", "CV/ĐUUBNDT"),
    ("5770/NBI-QLDN2", "5770/NBI-QLDN2", "NBI-QLDN2"),  # unknown parts are never guessed
])
def test_split_number(raw: str, number: str | None, symbol: str) -> None:
    assert split_number(raw) == (number, symbol)


def test_dates_with_blank_day_and_numeric_forms() -> None:
    found = [v for _, _, v in find_dates(fold("Lý Sơn, ngày    tháng 10 năm 2025; ngày 05/3/2025"))]
    assert found == ["2025-10", "2025-03-05"]


def test_deadlines_in_task_text() -> None:
    assert parse_deadline("báo cáo UBND tỉnh trước ngày 10/02/2025") == "2025-02-10"
    assert parse_deadline("hoàn thành trong tháng 8/2025") == "2025-08-31"  # a month ends on its last day, as a quarter
    assert parse_deadline("định kỳ hằng quý") is None


def test_a_syllable_hyphenated_across_lines_is_mended_and_a_dash_is_kept() -> None:
    assert normalize_text("tổ chức thực hi-\nện nhiệm vụ") == "tổ chức thực hiện\nnhiệm vụ"
    assert normalize_text("phát triển kinh tế-\nxã hội") == "phát triển kinh tế-\nxã hội"
    assert normalize_text("Phòng Văn hóa -\nXã hội") == "Phòng Văn hóa -\nXã hội"


def test_ocr_glued_date_words_are_parted_but_symbols_and_units_are_not() -> None:
    assert unglue("Quảng Ngãi, ngày24tháng01năm 2025") == "Quảng Ngãi, ngày 24 tháng 01 năm 2025"
    assert unglue("Số 12/CV-PA83 về 10ha đất") == "Số 12/CV-PA83 về 10ha đất"


def test_a_handwritten_day_or_month_read_as_debris_keeps_what_can_be_read() -> None:
    assert [d[2] for d in find_dates(fold("Quảng Ngãi, ngày Z tháng 4 năm 2020"))] == ["2020-04"]
    assert [d[2] for d in find_dates(fold("Hà Nội, ngày 09 tháng ?# năm 2026"))] == ["2026"]
    assert find_dates(fold("trước ngày họp tháng 10 năm 2025")) == []


@pytest.mark.parametrize("slash", ["\u2044", "\u2215", "\uff0f"])
def test_a_typographic_slash_in_a_number_is_the_symbols_slash(slash: str) -> None:
    assert normalize_text(f"Số: 1105{slash}KH-ĐKT") == "Số: 1105/KH-ĐKT"


def test_the_latin_letter_oi_a_font_map_gives_for_u_horn_is_read_as_u_horn() -> None:
    assert normalize_text("BỘ CÔNG THƢƠNG hƣớng dẫn") == "BỘ CÔNG THƯƠNG hướng dẫn"


def test_a_letter_read_twice_is_mended_only_in_what_ocr_read() -> None:
    """A text layer prints each letter of its ký hiệu once: its doubled letter is the ký hiệu's own
    (sct_06's ĐCK-CTT); only OCR reads a letter twice (QĐĐ)."""
    from extractors.patterns import mend_symbol, split_number
    from pipeline.reading.diacritics import default_restorer

    assert split_number("1178 /ĐCK-CTT", twice=False) == ("1178/ĐCK-CTT", "ĐCK-CTT")
    assert mend_symbol("QĐĐ-UBND") == "QĐ-UBND"
    line = "Số: 1178 /ĐCK-CTT V/v hướng dẫn về công tác quản lý, phát triển cụm công nghiệp theo địa giới hành chính mới"
    assert "/ĐCK-CTT" in default_restorer().restore(line, ocr=False).text
