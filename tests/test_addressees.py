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
