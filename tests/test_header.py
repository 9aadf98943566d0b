"""The header as an archivist reads it: the number line found by its marker, and the trích yếu that
ends where the body (or a Quyết định's authority line) begins."""
from __future__ import annotations

import pytest

from extractors.base import DocText
from extractors.structure.from_text import type_heading
from pipeline.extract import build_record

HEAD = ("UBND TỈNH BÌNH AN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ Y TẾ                    Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/QĐ-SYT              Bình An, ngày 05 tháng 3 năm 2025\n")


def record(text: str) -> dict:
    return build_record(DocText(text))


def test_a_decisions_authority_line_in_capitals_is_not_its_subject() -> None:
    rec = record(HEAD + "QUYẾT ĐỊNH\nVề việc thành lập Đoàn kiểm tra công tác y tế\nnăm 2025\n"
                 "GIÁM ĐỐC SỞ Y TẾ TỈNH BÌNH AN\nCăn cứ Luật Khám bệnh, chữa bệnh;\n")
    assert (rec["doc_type"], rec["number"], rec["issue_date"]) == ("Quyết định", "12/QĐ-SYT", "2025-03-05")
    assert rec["subject"] == "thành lập Đoàn kiểm tra công tác y tế năm 2025"


def test_a_subject_in_capitals_ends_where_the_body_in_sentence_case_begins() -> None:
    rec = record(HEAD.replace("12/QĐ-SYT", "03/CT-SYT") + "CHỈ THỊ\nVỀ VIỆC CHẤN CHỈNH CÔNG TÁC QUẢN LÝ\nCỤM CÔNG NGHIỆP\n"
                 "Trong thời gian qua, các cụm công nghiệp đã góp phần phát triển kinh tế.\n")
    assert rec["subject"].casefold() == "chấn chỉnh công tác quản lý cụm công nghiệp"


def test_a_note_in_brackets_under_the_heading_is_not_the_subject() -> None:
    rec = record(HEAD.replace("12/QĐ-SYT", "04/QĐ-SYT") + "QUY ĐỊNH\nVề quản lý hồ sơ bệnh án\n"
                 "(Ban hành kèm theo Quyết định số 04/QĐ-SYT)\nĐiều 1. Phạm vi điều chỉnh\n")
    assert rec["subject"] == "Về quản lý hồ sơ bệnh án"


@pytest.mark.parametrize(("line", "name"), [
    ("KÉẺ HOẠCH", "Kế hoạch"),  # a letter read twice
    (",OUYẾT ĐỊNH", "Quyết định"),  # a speck before it, Q read as O
    ("THÔNG BÁO.", "Thông báo"),
    ("THƯ MỜI", "Thư mời"),
    ("THÔNG TIN", None),  # no type
    ("QUY ĐỊNH", "Quy định"),  # two letters from 'Quyết định': itself
])
def test_a_type_heading_ocr_misread_by_a_letter_is_read(line: str, name: str | None) -> None:
    assert type_heading(line) == name


@pytest.mark.parametrize(("line", "name"), [
    ("THÔNG BÁO KẾT LUẬN", "Thông báo"),
    ("CHƯƠNG TRÌNH PHOI HỢP", "Chương trình"),  # a joint programme, an accent lost
    ("KẾ HOẠCH HÀNH ĐỘNG", "Kế hoạch"),
    ("PHỤ LỤC II", "Phụ lục"),  # a Roman numeral after it folds to lower case
    ("CHƯƠNG TRÌNH NGHỊ SỰ", None),  # an agenda's title is no type
])
def test_a_qualified_type_heading_is_recorded_as_its_type(line: str, name: str | None) -> None:
    assert type_heading(line) == name


def test_an_issuer_named_by_the_decision_that_set_it_up_keeps_that_decisions_number() -> None:
    text = ("SỞ CÔNG THƯƠNG               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "ĐOÀN KIỂM TRA                Độc lập - Tự do - Hạnh phúc\n"
            "THEO QUYẾT ĐỊNH\n"
            "SỐ 215/QĐ-SCT\n"
            "Số: 216/KH-ĐKT               Bình An, ngày 10 tháng 3 năm 2026\n"
            "KẾ HOẠCH\nKiểm tra an toàn hóa chất năm 2026\n"
            "Căn cứ Quyết định số 215/QĐ-SCT ngày 01/3/2026 của Giám đốc Sở Công Thương;\n")
    rec = record(text)
    assert (rec["number"], rec["issue_date"], rec["place"]) == ("216/KH-ĐKT", "2026-03-10", "Bình An")
    assert rec["issuer"]["name"].casefold() == "đoàn kiểm tra theo quyết định số 215/qđ-sct"


@pytest.mark.parametrize(("body", "issuer", "parent"), [
    # the body prints the names in their proper case and accents: the header's capitals and OCR take them
    ("Các đơn vị báo cáo về Sở Y tế trước ngày 10/3/2025 theo chỉ đạo của UBND tỉnh Bình An.\n", "Sở Y tế",
     "UBND tỉnh Bình An"),
    # a lower-case phrase that folds the same is not the name ('số y tế' is no 'Sở Y tế')
    ("Cập nhật số y tế điện tử cho người dân.\n", "Sở y tẻ", "UBND tỉnh Bình An"),
])
def test_the_issuer_is_spelled_as_the_body_prints_it(body: str, issuer: str, parent: str) -> None:
    head = HEAD.replace("SỞ Y TẾ    ", "SỞ Y TẺ    ").replace("12/QĐ-SYT", "12/SYT-NV")
    rec = record(head + "V/v báo cáo công tác\n" + "Kính gửi: Các đơn vị trực thuộc\n" + body)
    assert (rec["issuer"]["name"], rec["issuer"]["parent"]) == (issuer, parent)


@pytest.mark.parametrize(("so_line", "symbol", "number"), [
    # the colon misread with a handwritten number run into it, the date line after a column gap
    ("Sóz?4|/KH-SYT              Bình An, ngày 05 tháng 3 năm 2025", "KH-SYT", None),
    ("Số: 12/KH-SYT              Bình An, ngày 05 tháng 3 năm 2025", "KH-SYT", "12/KH-SYT"),  # as printed
])
def test_the_symbol_of_a_number_line_is_read_apart_from_what_ocr_ran_into_it(so_line: str, symbol: str,
                                                                           number: str | None) -> None:
    head = HEAD.replace("Số: 12/QĐ-SYT              Bình An, ngày 05 tháng 3 năm 2025\n", so_line + "\n")
    rec = record(head + "KẾ HOẠCH\nKiểm tra công tác y tế năm 2025\n\nCăn cứ Luật Khám bệnh, chữa bệnh;\n")
    assert (rec["symbol"], rec["number"], rec["issuer"]["name"].casefold()) == (symbol, number, "sở y tế")
    assert rec["place"] == "Bình An" and rec["issue_date"] == "2025-03-05"


def test_a_symbol_ocr_ran_the_place_into_ends_before_the_place() -> None:
    """The place-and-date line read into the Số line, its month and year a line lower: the ký hiệu is
    written in capitals and ends before the place's words."""
    head = HEAD.replace("Số: 12/QĐ-SYT              Bình An, ngày 05 tháng 3 năm 2025\n",
                        "Số: 12/KH-SYT Bình An, ngày 5\n                           tháng 3 năm 2025\n")
    rec = record(head + "KẾ HOẠCH\nKiểm tra công tác y tế năm 2025\n\nCăn cứ Luật Khám bệnh, chữa bệnh;\n")
    assert (rec["symbol"], rec["number"]) == ("KH-SYT", "12/KH-SYT")

