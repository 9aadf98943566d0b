"""Knowledge is data (issue 25): the signature block's and the foot's words are read from extractors/data,
the foot's zones are found by the tree alone, and scripts/count_literals.py counts what code still writes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from extractors import vocab
from extractors.addressees import extract_addressees
from extractors.base import DocText
from extractors.signature import signature_of_lines
from extractors.signer_title import deputy_of, deputy_word, is_deputy, title_case, title_joins
from extractors.structure import from_text
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import count_literals  # noqa: E402


def test_deputy_titles_give_each_head_s_deputy_and_the_rule_for_the_others() -> None:
    rows = vocab.rows("deputy_titles.tsv")
    rule = next(d for h, d in rows if h == "*")
    for head, deputy in rows:
        if head != "*":
            assert deputy_of(head) == deputy and is_deputy(deputy)
    assert deputy_of("Giám đốc") == rule.replace("*", "Giám đốc") == "Phó Giám đốc"
    assert deputy_word() == "Phó" and is_deputy("Phó Chánh Văn phòng") and not is_deputy("Chánh Văn phòng")


def test_a_joining_word_of_title_joins_keeps_two_titles_in_one_block() -> None:
    assert "kiem" in title_joins()
    assert title_case("PHÓ GIÁM ĐỐC KIÊM CHÁNH VĂN PHÒNG").startswith("Phó Giám đốc kiêm Chánh")
    doc = DocText("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nKIÊM\nCHÁNH VĂN PHÒNG\nNguyễn Văn An\n")
    got = {c.field: c.value for c in signature_of_lines(list(doc.lines))}
    assert got["signer.authority"] == "KT." and got["signer.name"] == "Nguyễn Văn An"
    assert got["signer.title"].endswith("kiêm Chánh văn phòng")


UNHEADED = """UBND TỈNH BÌNH AN
Số: 45/UBND-KT
V/v báo cáo tình hình
Kính gửi: Sở Tài chính
Đề nghị Sở Tài chính báo cáo trước ngày 10/5/2026.
- Như trên;
- Chủ tịch UBND tỉnh;
- Lưu: VT, KT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""


def test_a_noi_nhan_list_without_its_heading_is_the_tree_s_zone_over_its_luu_line() -> None:
    tree = from_text.build(DocText(UNHEADED))
    assert tree.copies is None and tree.unheaded_copies is not None
    assert [ln.text for ln in tree.unheaded_copies.lines] == ["- Như trên;", "- Chủ tịch UBND tỉnh;", "- Lưu: VT, KT."]
    cc = [c for c in extract_addressees(tree) if c.field == "cc"]
    assert [c.value for c in cc] == ["Như trên", "Chủ tịch UBND tỉnh", "Lưu: VT, KT"]
    assert {c.rule for c in cc} == {"addressees.list-above-luu"}


@pytest.mark.parametrize("line", ["- Lưu: VT, KT.", "Lưu VT", "-Lưu:VT; KHTC"])
def test_the_clerk_s_copy_line_is_told_by_the_luu_marker_s_word(line: str) -> None:
    assert from_text.kept_by_clerk(from_text.fold(line))


@pytest.mark.parametrize("line", ["Lưu ý: các đơn vị gửi trước ngày 10/5", "- Lưu trữ hồ sơ: VT"])
def test_other_lines_are_no_clerk_s_copy(line: str) -> None:
    assert not from_text.kept_by_clerk(from_text.fold(line))


SIGNER_AND_FOOT = ("extractors/signature.py", "extractors/signer_title.py", "extractors/addressees.py")


def test_the_signer_and_copies_code_repeats_no_entry_of_a_data_file() -> None:
    figures = count_literals.count()
    repeats = figures["repeats"]
    assert isinstance(repeats, list)
    assert [(lit.path, lit.line, lit.text) for lit, _ in repeats if lit.path in SIGNER_AND_FOOT] == []


def test_count_literals_prints_its_figures() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts/count_literals.py"), "--json"], capture_output=True,
                         text=True, check=True).stdout
    assert '"regexes_inline"' in out and '"phrases_repeating_data"' in out


@pytest.mark.parametrize("row", vocab.rows("enacting_formulas.tsv"), ids=lambda r: r[0])
def test_each_enacting_formula_matches_its_example_and_not_its_counter_example(row: list[str]) -> None:
    from extractors.signature import enacting

    _id, _cue, example, counter = row
    assert enacting().match(from_text.fold(example)) and not enacting().match(from_text.fold(counter))
