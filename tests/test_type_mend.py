"""The ký hiệu's type part as the type heading prints it, when OCR glued it to the body's part or
misread one of its letters: a number an archivist searches for by its printed form ('2016/TB-SYT')."""
from __future__ import annotations

import pytest

from extractors.base import DocText
from extractors.text import normalize_text
from pipeline.extract import build_record

LETTER = """SỞ Y TẾ TỈNH AN GIANG
Số: {number}

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Giang, ngày 23 tháng 10 năm 2017
{heading}
Về việc tuyển sinh đào tạo sau đại học năm 2018
Sở Y tế thông báo đến các đơn vị kế hoạch tuyển sinh năm 2018.
Nơi nhận:
- Các đơn vị trực thuộc;
- Lưu: VT.
GIÁM ĐỐC
Trần Văn Bình
"""


def _number(number: str, heading: str = "THÔNG BÁO") -> tuple[str | None, dict]:
    record = build_record(DocText(normalize_text(LETTER.format(number=number, heading=heading))))
    return record["number"], record["provenance"].get("number", {})


@pytest.mark.parametrize(("read", "printed"), [
    ("2016/TBSYT", "2016/TB-SYT"),     # the hyphen lost: the body's part glued to the type's
    ("2016/TTB-SYT", "2016/TB-SYT"),   # a letter added
])
def test_a_misread_type_part_is_the_headings(read: str, printed: str) -> None:
    number, prov = _number(read)
    assert number == printed
    assert read in prov.get("note", "")


def test_a_letter_of_the_heading_type_doubled_under_a_new_type_heading() -> None:
    assert _number("01/ĐĐL-BTC", "ĐIỀU LỆ")[0] == "01/ĐL-BTC"


@pytest.mark.parametrize("read", ["2016/TB-SYT", "15/TT-BYT", "2016/SYT-NVY"])
def test_a_type_part_that_is_a_type_or_no_type_is_kept(read: str) -> None:
    """The heading's own abbreviation, another type's (the heading and the number disagree: noted, not
    mended), or a công văn's body part under a heading that is no type."""
    assert _number(read)[0] == read
    assert _number(read, "")[0] in (read, None)
