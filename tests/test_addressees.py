"""Copies as printed: a Nơi nhận item ends at its ';' when the signature block's words or a seal's
marks follow it on the same line (a text layer or OCR that joined the foot's two columns)."""
from __future__ import annotations

from extractors.addressees import extract_addressees
from extractors.base import DocText
from extractors.structure import from_text

FOOT = ("V/v báo cáo\nKính gửi: Sở Nội vụ\nSở Y tế báo cáo như sau.\n"
        "Nơi nhận:\n"
        "- Như trên; KT. GIÁM ĐỐC\n"
        "- BGĐ Sở; PHÓ\n"
        "- Cổng thông tin điện tử;-' `\n"
        "- Lưu: VT; KHTC.\n")


def test_a_copy_ends_at_its_semicolon_where_the_other_column_begins() -> None:
    cands = extract_addressees(from_text.build(DocText(FOOT)))
    assert [c.value for c in cands if c.field == "cc"] == ["Như trên", "BGĐ Sở", "Cổng thông tin điện tử", "Lưu: VT; KHTC"]


def copies(lines: str) -> list[str]:
    text = "V/v báo cáo\nKính gửi: Sở Nội vụ\nSở Y tế báo cáo như sau.\nNơi nhận:\n" + lines
    return [c.value for c in extract_addressees(from_text.build(DocText(text))) if c.field == "cc"]


def test_a_few_letters_of_ink_between_two_copies_do_not_end_the_list() -> None:
    assert copies("- Như trên;\nNa h\n- Website Sở;\n- Lưu: VT.\n") == ["Như trên", "Website Sở", "Lưu: VT"]


def test_a_copy_that_wraps_goes_on_over_its_next_line() -> None:  # counter-example: a line of words is no ink
    assert copies("- Các Sở: Tài chính,\nXây dựng;\n- Lưu: VT.\n") == ["Các Sở: Tài chính, Xây dựng", "Lưu: VT"]


TELEGRAM = ("BỘ Y TẾ\nSố: 07/CĐ-BYT\nHà Nội, ngày 02 tháng 6 năm 2025\nCÔNG ĐIỆN\nVề việc phòng, chống sốt xuất huyết\n"
            "BỘ TRƯỞNG BỘ Y TẾ điện:\n- Giám đốc Sở Y tế các tỉnh, thành phố;\n- Thủ trưởng các đơn vị trực thuộc Bộ.\n"
            "Trong những tuần gần đây, số ca mắc tăng nhanh. Bộ trưởng yêu cầu:\n"
            "1. Giám đốc Sở Y tế các tỉnh chỉ đạo giám sát dịch.\nNơi nhận:\n- Như trên;\n- Lưu: VT, DP.\n")


def test_a_telegrams_senders_line_opens_its_addressees_as_kinh_gui_does() -> None:
    tree = from_text.build(DocText(TELEGRAM))
    got = [c.value for c in extract_addressees(tree) if c.field == "recipients"]
    assert got == ["Giám đốc Sở Y tế các tỉnh, thành phố", "Thủ trưởng các đơn vị trực thuộc Bộ"]


def test_a_body_line_ending_in_dien_is_no_salutation() -> None:  # counter-example: only under the header
    text = ("ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/QĐ-UBND\nX, ngày 02 tháng 6 năm 2025\nQUYẾT ĐỊNH\nVề việc giao kế hoạch\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Đối với các dự án thủy điện:\n"
            "- Sở Công Thương rà soát quy trình vận hành.\nNơi nhận:\n- Như Điều 1;\n- Lưu: VT.\n")
    tree = from_text.build(DocText(text))
    assert tree.salutation is None
    assert [c.value for c in extract_addressees(tree) if c.field == "recipients"] == []


def test_only_a_sender_in_capitals_or_an_official_ends_a_line_with_dien() -> None:
    """A body's name or heading that ends in 'điện:' opens no body and no addressee list; an official's title in
    sentence case does ('Bộ trưởng Bộ Công Thương điện:', as a ministry's Công điện prints it)."""
    from extractors.structure.from_text import opens_body
    from extractors.text import fold
    for sender in ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:", "Bộ trưởng Bộ Công Thương điện:"):
        assert opens_body(fold(sender), sender)
    for heading in ("Tổng công ty Thủy điện:", "Công ty Điện lực Miền Trung, Nhà máy thủy điện:"):
        assert not opens_body(fold(heading), heading)


def test_a_kinh_gui_left_as_dots_to_fill_in_names_no_one() -> None:
    """'Kính gửi: ……………' (an invitation printed for several addressees): no recipient, and the body's first
    sentence below it is none either."""
    text = ("HỘI ĐỒNG NHÂN DÂN HUYỆN X\nSố: 06/GM-HĐND\nX, ngày 12 tháng 11 năm 2020\nGIẤY MỜI\nKính gửi: ……………………………\n\n"
            "Để chuẩn bị nội dung kỳ họp thứ 13, Thường trực HĐND huyện tổ chức cuộc họp mở rộng như sau:\n"
            "1. Thời gian: 14 giờ ngày 16/11/2020.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    tree = from_text.build(DocText(text))
    assert [c.value for c in extract_addressees(tree) if c.field == "recipients"] == []
