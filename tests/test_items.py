"""The item tree of a dispatch's body: kinds, ordinals as the record writes them, nesting, headings,
lead-ins, and ordinals mended from their sequence (extractors/structure/items.py)."""
from __future__ import annotations

import pytest

from extractors.base import DocText
from extractors.structure import items
from extractors.structure.from_text import build as build_tree


@pytest.mark.parametrize("s", items.shapes(), ids=lambda s: f"{s.kind}:{'loose' if s.loose else 'strict'}")
def test_each_marker_shape_matches_its_example_and_not_its_counter_example(s: items.Shape) -> None:
    assert items.match(s, s.example), s.example
    assert items.match(s, s.counter_example) is None, s.counter_example


def _tree(text: str) -> tuple[items.Item, ...]:
    return items.build(DocText(text), 0, len(text))


def _outline(tree: tuple[items.Item, ...]) -> list[tuple[int, str, str | None]]:
    def depth(it: items.Item) -> int:
        return 0 if it.parent is None else 1 + depth(it.parent)
    return [(depth(it), it.kind, it.ordinal) for it in items.walk(tree)]


PLAN = ("UBND tỉnh yêu cầu các sở, ngành thực hiện các nội dung sau:\n"
        "I. MỤC ĐÍCH\n"
        "1. Sở Y tế: chủ trì các nội dung sau:\n"
        "- Theo dõi diễn biến dịch bệnh\ntrên địa bàn;\n"
        "+ Báo cáo hằng ngày.\n"
        "- Chuẩn bị thuốc.\n"
        "a) Sở Tài chính bố trí kinh phí.\n"
        "b) Sở Nội vụ hướng dẫn.\n"
        "2. Sở Xây dựng kiểm tra.\n"
        "II. NHIỆM VỤ\n"
        "1. Công an tỉnh bảo đảm an ninh.\n")


def test_roman_sections_hold_numbers_which_hold_letters_and_dashes() -> None:
    assert _outline(_tree(PLAN)) == [
        (0, "roman", "I"), (1, "number", "I.1"), (2, "dash", None), (3, "plus", None), (2, "dash", None),
        (2, "letter", "I.1.a"), (2, "letter", "I.1.b"), (1, "number", "I.2"),
        (0, "roman", "II"), (1, "number", "II.1")]


def test_an_item_has_its_heading_lead_in_span_and_lines() -> None:
    doc = DocText(PLAN)
    section = items.build(doc, 0, len(PLAN))[0]
    first = section.children[0]
    assert first.heading == "Sở Y tế" and section.heading == "MỤC ĐÍCH"
    # the list under a section's title is led in by the sentence above the section
    assert first.lead_in == section.lead_in == "UBND tỉnh yêu cầu các sở, ngành thực hiện các nội dung sau:"
    dash = first.children[0]
    assert dash.lead_in == "Sở Y tế: chủ trì các nội dung sau:"  # the sentence ending in ':' above the dashes
    assert first.children[2].lead_in == first.lead_in  # above a) is no such sentence: its parent's
    assert [ln.text for ln in dash.lines] == ["- Theo dõi diễn biến dịch bệnh", "trên địa bàn;", "+ Báo cáo hằng ngày."]
    assert doc.text[first.start:first.end].startswith("1. Sở Y tế") and doc.text[first.start:first.end].endswith("hướng dẫn.\n")
    assert doc.text[first.body_start:first.own_end()].endswith("Chuẩn bị thuốc.\n")  # its dashes are its own words
    assert first.page == 1 and first.marker == "1."


def test_dashes_inside_a_numbered_item_are_its_children_and_a_plain_line_ends_a_dash() -> None:
    tree = _tree("1. Các đơn vị thực hiện:\n- Rà soát hồ sơ.\nViệc rà soát xong trước tháng 6.\n- Báo cáo kết quả.\n"
                 "2. Sở Tư pháp kiểm tra.\n")
    first = tree[0]
    assert [(c.kind, c.heading) for c in first.children] == [("dash", "Rà soát hồ sơ."), ("dash", "Báo cáo kết quả.")]
    assert [ln.text for ln in first.children[0].lines] == ["- Rà soát hồ sơ."]
    assert [it.ordinal for it in tree] == ["1", "2"]


def test_an_article_holds_its_khoan_and_their_diem() -> None:
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Phê duyệt Kế hoạch.\n"
            "Điều 2. Tổ chức thực hiện:\n1. Sở Y tế:\na) Hướng dẫn các cơ sở.\nb) Kiểm tra.\n2. Sở Tài chính bố trí kinh phí.\n"
            "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\n")
    tree = _tree(text)
    assert _outline(tree) == [
        (0, "article", "Điều 1"), (0, "article", "Điều 2"), (1, "khoan", "Điều 2.1"), (2, "diem", "Điều 2.1.a"),
        (2, "diem", "Điều 2.1.b"), (1, "khoan", "Điều 2.2"), (0, "article", "Điều 3")]
    art = tree[1]
    assert art.heading == "Tổ chức thực hiện" and art.lead_in == ""  # an article is led in by nothing
    assert art.children[0].lead_in == "Tổ chức thực hiện:"  # its khoản by its heading


def test_an_article_marker_ocr_loosened_is_an_article_where_the_sequence_expects_it() -> None:
    text = ("Điều 1. Ban hành Quy chế.\n- Điều 2. Quy chế có hiệu lực kể từ ngày ký.\nĐiều 3, Chánh Văn phòng thi hành.\n"
            "Điều 1l. Nhầm số.\n")
    assert [it.ordinal for it in _tree(text)] == ["Điều 1", "Điều 2", "Điều 3"]  # '1l' is 11, not 4: no article
    assert [it.ordinal for it in _tree("Điều 10. A.\nĐiều 1l. B.\nĐiều I2. C.\n")] == ["Điều 10", "Điều 11", "Điều 12"]
    # prose that names an article is none: 'Điều này,' has no number
    assert [it.ordinal for it in _tree("Điều 1. A.\nĐiều 2. B theo khoản 1\nĐiều này, khoản 2 áp dụng.\n")] == [
        "Điều 1", "Điều 2"]


def test_a_quoted_passage_opens_no_item_of_the_letter() -> None:
    text = ("1. Về thẩm quyền:\n- Nghị định số 15/2021/NĐ-CP quy định như sau:\n“1. Người quyết định đầu tư thẩm định.\n"
            "2. Cơ quan chuyên môn thẩm định.”\n- Đề nghị Công ty bổ sung hồ sơ.\n2. Về hồ sơ thiết kế.\n")
    assert _outline(_tree(text)) == [(0, "number", "1"), (1, "dash", None), (1, "dash", None), (0, "number", "2")]


def test_a_lone_article_line_is_no_article_structure() -> None:
    assert _outline(_tree("Thực hiện theo:\nĐiều 5. Luật Đầu tư công\n1. Sở Kế hoạch rà soát.\n")) == [(0, "number", "1")]


@pytest.mark.parametrize(("lines", "ordinals"), [
    # '1,' is OCR's '1.' where the list expects item 1; '15, 16' in a sentence is no item
    ("1, Thực hiện quy định.\n2. Tăng cường đào tạo.\n", ["1", "2"]),
    ("Các năm 15, 16 là mốc.\n2. Tăng cường đào tạo.\n", ["2"]),
    # 'ở)' between a) and c) is b); 'đ)' where d) is expected is d)
    ("1. Chung:\na) Rà soát.\nở) Kiểm tra.\nc) Báo cáo.\nđ) Tổng hợp.\n", ["1", "1.a", "1.b", "1.c", "1.d"]),
    # a sub-item never steps back: '3.2' after '5.1' is 5.2
    ("5. Phân công\n5.1. Trung tâm\n3.2. Các khoa\n", ["5", "5.1", "5.2"]),
    # a sub-number whose dot OCR lost, where its list expects it; figures in a sentence are none
    ("6. Tổ chức thực hiện\n6.1 Văn phòng Sở: Chuẩn bị xe.\n6.2 Phòng Nghiệp vụ: Thông báo.\n4.5 Triệu đồng mỗi người.\n",
     ["6", "6.1", "6.2"]),
    # a number OCR glued to its words ('1.Lập'), or read with a speck before it ('.3. Gửi'), where its list expects it
    ("1.Lập danh sách cán bộ.\n2. Tổng hợp số liệu.\n.3. Gửi báo cáo về Sở.\n", ["1", "2", "3"]),
    ("Kinh phí hỗ trợ:\n2.Năm triệu đồng mỗi người.\n", []),
])
def test_an_ocr_loose_or_misread_marker_is_mended_by_its_sequence(lines: str, ordinals: list[str]) -> None:
    assert [it.ordinal for it in items.walk(_tree(lines)) if it.kind in items.NUMBERED] == ordinals


def test_an_item_under_a_roman_section_takes_the_section() -> None:
    tree = _tree("I. CHUNG\n1. Một.\n2. Hai.\nII. RIÊNG\n1. Ba.\na) Bốn.\n")
    assert [it.ordinal for it in items.walk(tree)] == ["I", "I.1", "I.2", "II", "II.1", "II.1.a"]
    running = _tree("I. CHUNG\n1. Một.\n2. Hai.\nII. RIÊNG\n3. Ba.\n")
    assert [it.ordinal for it in items.walk(running)] == ["I", "I.1", "I.2", "II", "II.3"]
    # a sub-number that prints its section's number first is a path already: not doubled
    # a numeral OCR read with a look-alike stroke ('IH.' for 'III.') is the section its sequence expects
    misread = _tree("I. CHUNG\n1. Một.\nII. RIÊNG\n1. Hai.\nIH. Phân công thực hiện\n1. Ba.\nIV. KINH PHÍ\n")
    assert [it.ordinal for it in items.walk(misread)] == ["I", "I.1", "II", "II.1", "III", "III.1", "IV"]
    pathed = _tree("I. CHUNG\n1. Một.\nII. RIÊNG\n2.1. Hai.\n2.2. Ba.\na) Bốn.\n")
    assert [it.ordinal for it in items.walk(pathed)] == ["I", "I.1", "II", "2.1", "2.2", "2.2.a"]


def test_a_roman_section_ocr_glued_or_misread_is_mended_by_the_sections_around_it() -> None:
    tree = _tree("I.MỤC ĐÍCH\n1. Một.\nII. NỘI DUNG\n1. Hai.\nII. TỔ CHỨC\n1. Ba.\nIV. KINH PHÍ\n1. Bốn.\n")
    assert [it.ordinal for it in tree] == ["I", "II", "III", "IV"]
    # … and the last section of its zone, repeating the numeral before it
    last = _tree("I. MỤC ĐÍCH\n1. Một.\nII. NHIỆM VỤ\n1. Hai.\nII. TỔ CHỨC THỰC HIỆN\n1. Ba.\n")
    assert [it.ordinal for it in last] == ["I", "II", "III"]
    # a glued numeral that no section before or after expects is no section ('V.Nhìn chung, …' in a paragraph)
    assert [it.ordinal for it in _tree("I. CHUNG\n1. Một.\nV.Nhìn chung các đơn vị đã làm tốt.\n")] == ["I"]


def test_a_footnote_citation_is_no_item() -> None:
    tree = _tree("1. Sở Y tế rà soát.\n2. Quyết định số 12/QĐ-UBND ngày 5/3/2024.\n3. Sở Tài chính bố trí.\n")
    assert [it.ordinal for it in tree] == ["1", "3"]


def test_the_dispatch_tree_holds_the_body_items() -> None:
    text = ("SỞ Y TẾ\nSố: 5/SYT-NV\nV/v chất thải\n\nKính gửi: Các đơn vị\n\n"
            "Sở Y tế yêu cầu các đơn vị thực hiện:\n1. Rà soát.\n2. Báo cáo.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    tree = build_tree(DocText(text))
    assert [(it.kind, it.ordinal, it.lead_in) for it in tree.body_items] == [
        ("number", "1", "Sở Y tế yêu cầu các đơn vị thực hiện:"), ("number", "2", "Sở Y tế yêu cầu các đơn vị thực hiện:")]
    assert tree.attachment_items == ()


def test_pluses_under_a_dash_are_its_children_and_each_other_s_siblings() -> None:
    (dash,) = _tree("- Sở Y tế chuẩn bị:\n+ Thuốc;\n+ Hóa chất.\n")
    assert [(c.kind, c.heading) for c in dash.children] == [("plus", "Thuốc;"), ("plus", "Hóa chất.")]
