"""The form's markers: one fuzzy matcher over folded text, its examples and counter-examples in
extractors/data/markers.tsv, and the misreadings seen on scans as its test cases."""
from __future__ import annotations

import pytest

from extractors.structure import markers
from extractors.structure.from_text import so_end, vv_end
from extractors.text import fold


@pytest.mark.parametrize("m", markers.markers(), ids=lambda m: f"{m.id}:{m.phrase}")
def test_each_marker_matches_its_example_and_not_its_counter_example(m: markers.Marker) -> None:
    assert markers.in_line(m.id, fold(m.example)), m.example
    assert markers.in_line(m.id, fold(m.counter_example)) is None, m.counter_example


# What OCR made of the markers on the development and regression scans.
@pytest.mark.parametrize(("marker", "line"), [
    ("kinh_gui", "Kinh giri: Sở Tài chính"),
    ("kinh_gui", "Kinh gtri: - Các sở, ban, ngành"),
    ("kinh_gui", "Kính gửỬI: Ủy ban nhân dân các huyện"),
    ("noi_nhan", "ơi nhận:"),
    ("noi_nhan", "N0i nhận: KT. GIÁM ĐỐC"),
    ("noi_nhan", "Nơi nhân:"),
    ("noi_nhan", "si nhận: T: GIÁM ĐÓC"),  # italic 'Nơi': its first letter lost, the next misread
    ("vv", "V/w tăng cường công tác"),
    ("vv", "viv triển khai kế hoạch"),
    ("vv", "V/ v báo cáo kết quả"),
    ("quoc_hieu", "CỘNG HOÀ XÃ HỘl CHỦ NGHĨA VIỆT NAM"),
    ("quoc_hieu", "C0NG HOA XA HOI CHU NGHIA VIET NAM"),
    ("motto", "Độc lập - Tự do - Hạnh phúc"),
    ("motto", "Độc lập— Tự do —Hạnh phúc"),
    ("party_heading", "ĐẢNG CỘNG SẢN VIỆT NAM"),
])
def test_a_misread_marker_is_found(marker: str, line: str) -> None:
    assert markers.in_line(marker, fold(line)), line


# Specks OCR put before a line's opening marker on the scans (a stamp's edge, a seal's stroke read as a quote).
@pytest.mark.parametrize(("marker", "line"), [
    ("luu", "_~ Lưu: HC-TH, TC-CT."),
    ("luu", "\u201cLưu: VT, TCCB."),
    ("authority", "\u2018KT. GIÁM ĐỐC"),
])
def test_a_marker_opens_its_line_past_the_specks_before_it(marker: str, line: str) -> None:
    assert markers.at_start(marker, fold(line)), line


@pytest.mark.parametrize(("marker", "line"), [
    ("vv", "Vì vậy, đề nghị các đơn vị"),
    ("vv", "Về công tác tuyên truyền"),
    ("noi_nhan", "Nơi nhận hồ sơ là Văn phòng"),  # prose, not the foot's heading
    ("noi_nhan", "si nhận hồ sơ tại Văn phòng"),  # a lost letter is read only where the heading's colon stands
    ("noi_nhan", "Tôi nhận: đủ hồ sơ"),  # a word as long as 'Nơi' that begins with another letter is another word
    ("noi_nhan", "Bà Hai nhận: 02 bộ hồ sơ"),
    ("kinh_gui", "Kính đề nghị Sở xem xét"),
    ("kinh_gui", "Kinh tế - xã hội:"),
    ("kinh_gui", "Thành phần tham dự Hội nghị kính mời:"),  # an invitation's list is not its addressees
    ("kinh_gui", "VII. Kinh phí: Đính kèm."),
])
def test_prose_is_not_a_marker(marker: str, line: str) -> None:
    assert markers.in_line(marker, fold(line)) is None, line


@pytest.mark.parametrize(("line", "number"), [
    ("Số: 03-CV/BCĐ", "03-CV/BCĐ"),
    ("Số 12/UBND-VX", "12/UBND-VX"),
    ("Số12/UBND", "12/UBND"),  # glued
    ("Số:    /UBND", "/UBND"),  # a blank number
    ("s0: 12/KH-UBND", "12/KH-UBND"),  # 'ố' read as a zero
    ("séó:4 2É /QĐ-SYT", "4 2É /QĐ-SYT"),  # a letter too many
    ("Số: # /CT-UBND", "# /CT-UBND"),  # a handwritten number read as marks, after the colon
    ("z) số: 415 /CV-PA83", "415 /CV-PA83"),  # a speck read as an item's letter
    ("Sóz?4|/KH-SYT", "?4|/KH-SYT"),  # the colon misread, a handwritten number run into it
    ("Sở Y tế Kiên Giang", None),
    ("Sổ tay/sổ ghi chép", None),  # a word, not marks, before the separator
    ("sa. Sở Nội vụ", None),
    ("Tổ 12 phường Nghĩa Chánh", None),  # another first letter
])
def test_the_number_line_is_one_marker_and_its_number_starts_after_its_colon(line: str, number: str | None) -> None:
    at = so_end(fold(line))
    assert (line[at:] if at is not None else None) == number


def test_the_subject_starts_after_v_v_and_its_colon() -> None:
    line = "V/v: tăng cường công tác"
    assert line[vv_end(fold(line)) or 0:] == "tăng cường công tác"


def test_a_hit_keeps_its_place_in_the_line() -> None:
    line = "UBND TỈNH BÌNH AN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    hit = markers.in_line("quoc_hieu", fold(line))
    assert hit is not None and line[hit.start:hit.end] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_specks_between_the_words_of_the_quoc_hieu_cost_nothing() -> None:
    line = "Sở y tế cộng hòa ` xa ~ hội chủ 2. nghĩa = việt nam"
    hit = markers.in_line("quoc_hieu", fold(line))
    assert hit is not None and line[hit.start:hit.end] == "cộng hòa ` xa ~ hội chủ 2. nghĩa = việt nam"


def test_a_type_heading_whose_words_ocr_glued_is_read() -> None:
    from extractors.structure.from_text import type_heading
    assert type_heading("QUYẾTĐỊNH") == "Quyết định" and type_heading("KẾ HOẠCH") == "Kế hoạch"


def test_the_rules_page_is_generated_from_the_component_table_and_the_data() -> None:
    """extractors/RULES.md is what `python -m extractors.components` prints (regenerate it when stale)."""
    from pathlib import Path

    from extractors.components import rules_markdown
    page = Path(__file__).resolve().parent.parent / "extractors" / "RULES.md"
    assert page.read_text(encoding="utf-8") == rules_markdown()

@pytest.mark.parametrize("line", ["Ngày 19 tháng 6 năm 2026, Ủy ban nhân dân tỉnh tổ chức cuộc họp",
                                  "Ngày 05/3/2026, Sở Tài chính nhận được"])
def test_a_marker_that_a_figure_follows_is_followed_by_any_figure(line: str) -> None:
    """The digits OCR writes for letters ('1' for 'l') are letters only inside a marker's words: the
    figure after 'Ngày' is a figure, whatever it is."""
    assert markers.at_start("opens_sentence", fold(line))


# What the second reader (rapidocr) made of title lines over the seal's ring on the Kiên Giang scans:
# spaces dropped, a letter lost or changed; set again as the one known title they are nearest to.
@pytest.mark.parametrize(("line", "title"), [
    ("PHOGLAMDOC", "PHÓ GIÁM ĐỐC"),
    ("PHOGAMDOC", "PHÓ GIÁM ĐỐC"),
    ("PHO CAM DOC", "PHÓ GIÁM ĐỐC"),
    ("GLAMDOC", "GIÁM ĐỐC"),
    ("PHOCHUTICH", "PHÓ CHỦ TỊCH"),
    ("KCHUTICH", "K CHỦ TỊCH"),  # a hand-written prefix's remains kept before the title
    ("THU TRUONG", None),  # Thủ trưởng or Thứ trưởng: no guess
    ("KIEN GIANG", None),  # the seal's ring
    ("Nguyn Văn Hái", None),
    ("KT. GIÁM ĐỐC", None),  # a title line as read stays as read
])
def test_a_title_read_without_its_spaces_is_the_nearest_known_title(line: str, title: str | None) -> None:
    from extractors.signature import title_as_read

    assert title_as_read(line) == title


@pytest.mark.parametrize(("line", "lost"), [
    ("KGIÁM DÓC", True), ("C GIÁM ĐỐC", True), ("K. GIÁM ĐÓC", True), ("KT GIÁM DÓC", False),
    (" GIÁM DÓC", False), ("PHÓ GIÁM ĐỐC", False),
])
def test_a_heads_title_after_a_prefixs_remains_is_the_prefixs_line(line: str, lost: bool) -> None:
    from extractors.signature import prefix_lost

    assert prefix_lost(line) is lost
