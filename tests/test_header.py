"""The header as an archivist reads it: the number line found by its marker, and the trích yếu that
ends where the body (or a Quyết định's authority line) begins."""
from __future__ import annotations

from extractors.base import DocText
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
