"""Which Nơi nhận and signature block the tree takes as the dispatch's foot, and where its attachments
start: the signature component reads only that block, so an attached text's foot (its own Nơi nhận,
its own signer) taken for the dispatch's is a wrong signer and a wrong list of copies."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.base import DocText
from extractors.structure import from_text
from extractors.structure.tree import Dispatch
from pipeline.extract import structure
from pipeline.reading.files import read_file
from tests.conftest import ROOT

CORPUS = ROOT / "tests/corpus/inputs"

DISPATCH = """UBND TỈNH BÌNH AN
Số: 12/QĐ-UBND
QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
QUY CHẾ
Làm việc của Ủy ban nhân dân tỉnh
Điều 1. Phạm vi điều chỉnh.
Nơi nhận:
- Các sở, ngành;
TM. ỦY BAN NHÂN DÂN
Lê Văn Bình
"""


def _read(path: Path) -> Dispatch:
    if not path.exists():
        pytest.skip(f"{path} not present")
    return structure(read_file(path))


def _signature(tree: Dispatch) -> list[str]:
    return [ln.text for ln in tree.signature.lines] if tree.signature else []


def test_an_attached_text_with_a_foot_of_its_own_starts_the_attachments_and_the_first_foot_is_the_dispatch_s() -> None:
    doc = DocText(DISPATCH)
    tree = from_text.build(doc)
    assert _signature(tree) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    assert doc.text[tree.foot_end:].startswith("QUY CHẾ")
    assert tree.copies is not None and "Như Điều 2" in tree.copies.text(doc)


def test_a_quoted_noi_nhan_without_a_signature_block_under_it_is_not_the_foot() -> None:
    text = DISPATCH.replace("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\nQUY CHẾ\n", "")
    tree = from_text.build(DocText(text))
    assert _signature(tree)[-1] == "Lê Văn Bình" and tree.foot_end == len(text)


def test_a_noi_nhan_quoted_in_a_docx_appendix_table_is_the_appendix_s() -> None:
    tree = _read(CORPUS / "misc_09.docx")
    assert _signature(tree)[:2] == ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert _signature(tree)[-1] == "Bùi Văn Thạch"
    assert tree.attachments and tree.attachments[0].lines[0].text == "PHỤ LỤC 1"


def test_an_attached_plan_on_the_next_page_keeps_the_first_page_s_foot() -> None:
    """A scan whose attached plan (its heading under the seal of another body) has its own Nơi nhận
    and signer on page 2: the dispatch's foot is page 1's, and page 2 on is an attachment."""
    tree = _read(CORPUS / "kgu_12.pdf")
    assert tree.signature is not None and tree.signature.page == 1 and "PHÓ GIÁM ĐỐC" in _signature(tree)
    assert tree.doc.page_of(tree.foot_end) == 2 and tree.attachments


def test_a_noi_nhan_ocr_read_without_its_first_letters_still_opens_the_foot() -> None:
    """'Nơi nhận:' in italics read 'si nhận:', the two foot columns on shared lines: the layout's
    foot opens there, so the signature block is the right column's."""
    tree = _read(CORPUS / "kgu_02.pdf")
    assert tree.copies is not None and tree.copies.marker is not None
    assert tree.signature is not None and tree.signature.boxes and "PHÓ" in _signature(tree)


def test_a_copy_that_goes_on_past_an_empty_line_stays_in_the_copies() -> None:
    """'- VPCP: BTCN, PCN …, Trợ lý TTg,' then, past a gap the reader left, 'các Vụ: TH, KSTT;': the item goes on
    (it ends in ','), so the signature block begins at its title, not there."""
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 15/TB-VPCP\nHà Nội, ngày 02 tháng 3 năm 2024\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n"
            "Văn phòng Chính phủ thông báo ý kiến kết luận như sau.\nNơi nhận:\n- Thủ tướng, các Phó Thủ tướng;\n"
            "- VPCP: BTCN, PCN Nguyễn Văn An, Trợ lý TTg,\n\ncác Vụ: TH, KSTT;\n- Lưu: VT, TH.\n\n"
            "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nTrần Văn Sơn\n")
    tree = from_text.build(DocText(text))
    assert _signature(tree) == ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Trần Văn Sơn"]
    assert tree.copies is not None and "các Vụ: TH, KSTT;" in tree.copies.text(tree.doc)
