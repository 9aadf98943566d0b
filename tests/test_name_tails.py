"""A signer's name whose first letters OCR lost under the seal is a key to a name read elsewhere, never
a name by itself (extractors/signer_name.py); each case is a reading seen on a scan."""
from __future__ import annotations

import pytest

from extractors.signer_name import complete, names_in, read_name_tail


@pytest.mark.parametrize(("line", "tail"), [
    ("n Trúc Giang", ("n", ("Trúc", "Giang"))),      # Nguyễn Trúc Giang
    ("uy Nam Sơn", ("uy", ("Nam", "Sơn"))),          # Phạm Huy Nam Sơn
    ("¡ Tuyết Mai", ("", ("Tuyết", "Mai"))),         # Mạnh Thị Tuyết Mai
    ("Đức Phớc", ("", ("Đức", "Phớc"))),             # Hồ Đức Phớc
    ("Nguyễn Trúc Giang", None),                     # a whole name is no tail
    ("PHÓ GIÁM ĐỐC", None), ("Y TE", None), ("lên Z", None),
])
def test_the_end_of_a_name_is_read_as_a_tail(line: str, tail: tuple | None) -> None:
    assert read_name_tail(line) == tail


def test_a_tail_completes_the_one_name_it_ends() -> None:
    names = ["Nguyễn Trúc Giang", "Lê Hoàng Anh", "Hà Văn Phúc"]
    assert complete(("n", ("Trúc", "Giang")), names) == "Nguyễn Trúc Giang"
    assert complete(("n", ("Trúc", "Glang")), names) == "Nguyễn Trúc Giang"  # a letter misread in the tail
    assert complete(("", ("Hoàng", "Anh")), names) == "Lê Hoàng Anh"
    assert complete(("h", ("Trúc", "Giang")), names) is None  # what is left of the lost word must end it
    assert complete(("n", ("Trúc", "Giang")), [*names, "Trần Trúc Giang"]) is None  # two names it ends
    assert complete(("", ("Hoàng", "Anh")), ["Hoàng Anh"]) is None  # no longer than the tail: nothing lost


def test_the_names_a_text_writes_are_found_and_titles_are_not_names() -> None:
    text = "Giao đồng chí Nguyễn Trúc Giang, Phó Giám đốc Sở Y tế và bà Bùi Thị Nhớ - Phó phòng Kế hoạch."
    assert names_in(text) == ["Nguyễn Trúc Giang", "Bùi Thị Nhớ"]
