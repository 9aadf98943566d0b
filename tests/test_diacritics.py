"""Diacritic restoration as the reader and `congvan restore` rely on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.reading.diacritics import restore, text_condition
from pipeline.reading.files import read_file

# Written for the tests: ordinary administrative phrasing, not taken from any scored document.
ACCENTED = (
    "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với các cơ quan, đơn vị có liên quan "
    "tổ chức thực hiện và báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh trước ngày 15 tháng 3 năm 2026."
)


def strip(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def test_stripped_sentence_is_reaccented() -> None:
    r = restore(strip(ACCENTED))
    assert r.condition == "stripped"
    right = sum(a == b for a, b in zip(r.text.split(), ACCENTED.split(), strict=True))
    assert right / len(ACCENTED.split()) >= 0.95, r.text


def test_valid_accented_text_is_left_alone() -> None:
    r = restore(ACCENTED)
    assert r.condition == "intact"
    assert r.text == ACCENTED and r.changes == []


def test_invalid_word_in_accented_text_is_repaired() -> None:
    text = ACCENTED.replace("cấp", "câp") + " Đề nghị các cơ quan câp tỉnh thực hiện."
    r = restore(text)
    assert "câp" not in r.text and "cấp tỉnh" in r.text
    assert [c.old for c in r.changes] == ["câp"]


def test_a_foreign_word_in_accented_text_is_left_as_typed() -> None:
    text = ACCENTED + " Vận chuyển khí Argon, axit sunfuric và dung dịch NaOH theo quy định."
    r = restore(text)
    assert r.text == text and r.changes == []


def test_ocr_confusions_case_numbers_and_symbols() -> None:
    garbled = ("PANG UY XA BINH AN\nS6 15-CV/PU\nVé viéc trien khai ké hoach phat trien kinh té - xa hoi "
               "nam 2026 cua Uy ban nhan dan xa, xem tai https://example.vn/van-ban")
    r = restore(garbled)
    assert r.condition == "garbled"
    assert r.text.startswith("ĐẢNG ỦY XÃ BÌNH AN\nSố 15-CV/ĐU\nVề việc triển khai kế hoạch phát triển kinh tế")
    assert "năm 2026 của Ủy ban nhân dân xã" in r.text
    assert r.text.endswith("https://example.vn/van-ban")


def test_reader_restores_plain_text_that_lost_its_accents(tmp_path: Path) -> None:
    f = tmp_path / "stripped.txt"
    f.write_text(strip(ACCENTED), encoding="utf-8")
    page = read_file(f).pages[0]
    assert page.restored and "báo cáo kết quả" in page.text


@pytest.mark.parametrize("words,expected", [
    (["các", "cơ", "quan", "đơn", "vị"] * 5, "intact"),
    (["cac", "co", "quan", "don", "vi"] * 5, "stripped"),
    (["Kinh", "giri", "Hoi", "ddng", "nhan", "dan", "dic", "khu", "vé", "viéc"] * 3, "garbled"),
    (["Nguyen", "Van", "An"], "intact"),  # too short to judge: left alone
])
def test_condition(words: list[str], expected: str) -> None:
    assert text_condition(words) == expected


def test_ocr_text_gets_dropped_tones_back_and_keeps_the_rest() -> None:
    """Tesseract's vie model drops tones on stacked vowels; context decides, valid words stay."""
    ocr = ACCENTED.replace("báo cáo", "báo cáo, bô sung") + " Sửa đổi, bổ sung một số điêu của Quyết định."
    r = restore(ocr, "ocr")
    assert "bổ sung" in r.text and "một số điều của" in r.text
    assert "bô sung" not in r.text and "điêu" not in r.text
    assert r.text.replace("bổ sung", "bô sung", 1).replace("điều", "điêu") == ocr


@pytest.mark.parametrize(("text", "line", "want"), [
    ("Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015, Can cu Nghi dinh so 30/2020/ND-CP"
     " cua Chinh phu.\n1. Can cu phap ly.", 1, "1. Căn cứ pháp lý."),
    ("Ung dung phan mem trong quan ly. Cac co so su dung phan mem ung dung.\nSu dung phan mem, ung dung co"
     " ban quyen.", 1, "Sử dụng phần mềm, ứng dụng cơ bản quyền."),
])
def test_a_phrase_is_read_as_the_same_text_prints_it_elsewhere(text: str, line: int, want: str) -> None:
    """The document is its own lexicon: a short line whose context is too thin for the model alone
    ('Can cu phap ly' alone reads 'Cần cụ') takes the reading of the pair the rest of the text gives."""
    assert restore(text, condition="stripped").text.splitlines()[line] == want



@pytest.mark.parametrize("sentence", [
    "Sở Công Thương đề nghị các tổ chức sử dụng vật liệu nổ công nghiệp báo cáo việc bảo quản kho vật liệu nổ "
    "trước ngày 15 tháng 8 năm 2026.",
    "Đoàn kiểm tra có trách nhiệm kiểm tra việc chấp hành pháp luật về phòng chống cháy nổ tại kho chứa vật liệu "
    "nổ công nghiệp của đơn vị.",
    "Giao Phòng Quản lý công nghiệp theo dõi, đôn đốc các đơn vị thực hiện và tổng hợp kết quả báo cáo Giám đốc Sở.",
])
def test_the_phrasing_of_real_dispatches_is_known(sentence: str) -> None:
    """The model has read running administrative text (data/diacritic_text): the phrases of a field's
    dispatches ('vật liệu nổ', 'bảo quản kho', 'phòng chống cháy nổ', 'theo dõi, đôn đốc') are restored
    whole, where word lists and general text alone read 'vật liệu nợ', 'khổ', 'chầy nợ', 'theo đòi'."""
    assert restore(strip(sentence), condition="stripped").text == sentence
