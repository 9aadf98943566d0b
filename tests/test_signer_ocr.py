"""The signature block as OCR reads it under the seal: title lines that lost or changed letters
matched to the nearest title of the vocabulary, the authority prefix inferred from the titles
(NĐ 30/2020 Điều 13: the deputy signs KT.), and a field left null, with the reason, where what
was read is no title (no Tesseract: blocks of this test's own making)."""
from __future__ import annotations

from typing import Any

import pytest

from extractors.base import DocText
from extractors.signature import signature_of_lines, title_as_read
from extractors.signer_lines import _body_head
from extractors.signer_name import read_name
from extractors.signer_title import title_like
from extractors.structure.from_text import type_heading
from tests.test_scan_layout import _FOOT, _record


def _signer(block: str) -> tuple[dict[str, Any], dict[str, Any]]:
    rec = _record(f"{_FOOT}{block}\n")
    return rec["signer"] or {}, rec["provenance"]


# OCR's misreadings of a title line, as cases of the fuzzy matcher (rapidfuzz over folded letters).
@pytest.mark.parametrize(("line", "title"), [
    ("HÓ CHỦ TỊCH", "Phó Chủ tịch"),             # the 'P' of 'PHÓ' lost under the seal
    ("__EHO GIAM ĐỌC", "Phó Giám đốc"),          # the 'P' read as 'E', accents lost
    ("Hó GIÁM BÓC", "Phó Giám đốc"),             # a letter of each word
    ("PHÓ :.GUÁM ĐỜI", "Phó Giám đốc"),
    ("PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH", None),        # a known title with more words: not another title
    ("HỘI CHỦ TỊCH", None),                      # a word, not what is left of 'PHÓ'
    ("KT TRƯỞNG", None),                         # a prefix's letters, not 'TỔ'
    ("TRƯỞNG UBND", None),
    ("CHỦ TỊCH", None),                          # a known title as read is no near one
])
def test_a_title_line_is_the_nearest_title_only_within_the_bound(line: str, title: str | None) -> None:
    assert title_like(line) == title


@pytest.mark.parametrize(("block", "authority", "title"), [
    ("¬, CHỦ TỊCH\nHÓ CHỦ TỊCH", "KT.", "Phó Chủ tịch"),   # a deputy's title, its 'P' lost, under the head's
    ("¬, CHỦ TỊCH\nHỘI CHỦ TỊCH", None, None),              # no deputy's title under it: nothing inferred
])
def test_a_deputy_title_that_lost_a_letter_under_the_head_title_is_signed_kt(
        block: str, authority: str | None, title: str | None) -> None:
    signer, _ = _signer(f"{block}\nNguyễn Thành Sinh")
    assert signer["authority"] == authority
    assert title is None or signer["title"] == title


def test_kt_with_a_speck_inside_over_a_garbled_line_is_the_heads_deputy() -> None:
    signer, prov = _signer("V*T. GIÁM ĐỌC\n' PHÓ G ] Á M Đ\nHà Văn Phúc")
    assert signer == {"name": "Hà Văn Phúc", "title": "Phó Giám đốc", "authority": "KT."}
    assert prov["signer.title"]["inferred"] is True and "KT." in prov["signer.title"]["reason"]


def test_under_a_prefix_that_names_no_deputy_a_garbled_title_abstains() -> None:
    signer, prov = _signer("TM. ỦY BAN NHÂN DÂN\n] PL CHỦ TỊCH\nHà Văn Phúc")
    assert signer["authority"] == "TM." and signer["title"] is None
    assert prov["signer.title"]["abstained"] is True and prov["signer.title"]["candidate"]


@pytest.mark.parametrize(("block", "title"), [
    ("ỐC Ă _ PL] GIÁM ĐÓC\nNguyễn Văn Hải", None),     # marks before a head's title: a prefix's line, lost
    ("GIÁM ĐỐC\nNguyễn Văn Hải", "Giám đốc"),          # the head's title as printed
])
def test_a_title_read_with_marks_is_left_null(block: str, title: str | None) -> None:
    signer, prov = _signer(block)
    assert signer.get("title") == title
    if title is None:
        assert prov["signer.title"]["abstained"] is True


@pytest.mark.parametrize(("block", "title"), [
    ("Hó GIÁM BÓC\nG\nNguyễn Văn Hải", "Phó Giám đốc"),   # a deputy's title read with letters lost opens a block
    ("GIÁM BÓC\nG\nNguyễn Văn Hải", None),                # a head's so read may be a prefix's line: none
])
def test_a_line_nearest_a_deputy_title_opens_the_block(block: str, title: str | None) -> None:
    signer, _ = _signer(block)
    assert signer.get("title") == title and signer.get("authority") is None  # no prefix read: none inferred


@pytest.mark.parametrize(("line", "read"), [
    ("KTGIÁM DQC", "KT GIÁM ĐỐC"),      # the second reader drops spaces; a letter of the title misread
    ("KTGIÁMDÓC", "KT GIÁM ĐỐC"),
    ("TOGLAM BE", None),               # no title near enough
])
def test_a_spaceless_title_keeps_the_prefix_letters_before_it(line: str, read: str | None) -> None:
    assert title_as_read(line) == read


@pytest.mark.parametrize(("line", "name"), [
    ("==Hoảng Văn Thuân", "Hoàng Văn Thuân"),   # the signature's stroke glued before the name, a tone misread
    ("“Nguyễn Văn An", "Nguyễn Văn An"),
    ("== TƯ NUNG ẨM", None),                    # marks, then seal letters: no name
])
def test_marks_glued_before_a_name_are_dropped(line: str, name: str | None) -> None:
    assert read_name(line, mend=True) == name


def test_a_surname_that_folds_as_a_head_word_is_a_name_under_the_title() -> None:
    signer, _ = _signer("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n: Trương Thanh Hoài")
    assert signer == {"name": "Trương Thanh Hoài", "title": "Thứ trưởng", "authority": "KT."}
    assert _body_head("Trương Thanh Hoài") is False
    assert _body_head("Đoàn Thanh Niên") is True  # 'Đoàn' is a surname and a body's head word as printed


@pytest.mark.parametrize(("lines", "name"), [
    ("liên hệ BSCKI. Bùi Công Luận, Phòng Nghiệp vụ\n2.704./ s4", None),  # the body's contact, not the signer
    ("BSCKI. Bùi Công Luận\n2.704./ s4", "Bùi Công Luận"),                # a name alone on its line
    ("Nguyễn Văn Hải: th“\n2.704./ s4", "Nguyễn Văn Hải"),               # a name and the signature's specks
])
def test_a_name_a_sentence_goes_on_after_is_no_lone_signer(lines: str, name: str | None) -> None:
    """The lines of a block's crop with no title read (the second reader's, from above the name)."""
    found = [c.value for c in signature_of_lines(DocText(lines).lines) if c.field == "signer.name"]
    assert found == ([name] if name else [])


@pytest.mark.parametrize(("line", "kind"), [
    ("PHỤ LỤC I", "Phụ lục"),      # a roman numeral, folded to lower case like the heading
    ("PHỤ LỤC XIV", "Phụ lục"),
    ("PHỤ LỤC 03", "Phụ lục"),
    ("PHỤ LỤC VỀ", None),          # a word after the type is no numeral
])
def test_an_appendix_numbered_in_roman_numerals_is_a_type_heading(line: str, kind: str | None) -> None:
    assert type_heading(line) == kind


def test_the_signer_is_the_dispatchs_not_that_of_a_form_in_an_appendix_numbered_in_roman() -> None:
    text = (f"{_FOOT}KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\nPhan Thị Thắng\n\nPHỤ LỤC I\nCÁC MẪU VĂN BẢN\n"
            "Mẫu số 01\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nNGƯỜI ĐẠI DIỆN THEO PHÁP LUẬT\n"
            "(Chữ ký, họ và tên, chức danh, dấu)\n")
    assert _record(text)["signer"] == {"name": "Phan Thị Thắng", "title": "Thứ trưởng", "authority": "KT."}
