"""Which lines of a real header the tree puts in its left block (issuing body, Số, V/v), its right block
(Quốc hiệu or Party heading, motto, place and date) and the heading (type heading, trích yếu): the
header component reads these zones and nothing else, so a line in the wrong block is a wrong issuer,
number or subject. The samples are the ways a header reaches the builders: a .docx table that
interleaves the two columns line by line, a text layer that joins them on one line, and a scan laid
out from its word boxes (both builders must agree there: tests/test_structure_builders.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.structure import from_text
from extractors.structure.tree import Dispatch
from pipeline.extract import doc_text, structure
from pipeline.reading.files import read_file
from tests.conftest import ROOT, SHARED, needs_shared

CORPUS = ROOT / "tests/corpus/inputs"


def _zones(tree: Dispatch) -> dict[str, list[str]]:
    return {name: [ln.text for ln in zone.lines] if zone else []
            for name, zone in (("left", tree.header_left), ("right", tree.header_right), ("heading", tree.heading))}


def _read(path: Path) -> Dispatch:
    if not path.exists():
        pytest.skip(f"{path} not present")
    read = read_file(path)
    tree = structure(read)
    if any(p.words for p in read.pages):  # a scan: the text builder finds the same blocks in its page text
        assert _zones(from_text.build(doc_text(read))) == _zones(tree)
    return tree


def test_a_docx_table_s_cells_interleave_and_each_line_goes_to_its_column() -> None:
    """A .docx puts an empty line between a row's two cells: the issuing body's second line and the Số
    stand among the right block's lines, and stay the left block's."""
    zones = _zones(_read(CORPUS / "sct_20.docx"))
    assert zones["left"] == ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: \t     /BC-UBND"]
    assert zones["right"] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Lào Cai, ngày        tháng       năm 2026"]
    assert zones["heading"][0] == "BÁO CÁO" and zones["heading"][1].startswith("Về tình hình hoạt động")


def test_the_place_of_a_date_line_is_the_right_block_s_and_a_second_body_under_the_quoc_hieu_the_left_s() -> None:
    zones = _zones(_read(CORPUS / "sct_23.docx"))
    assert zones["left"] == ["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Số:            /KH-SCT"]
    assert zones["right"][-1] == "Lào Cai,  ngày       tháng 6 năm 2026"


def test_a_number_line_in_one_run_with_the_right_block_is_the_left_block_s() -> None:
    """No empty line between the cells: the Số between the motto and the date line is still the left block's."""
    zones = _zones(_read(CORPUS / "sct_24.docx"))
    assert zones["left"] == ["UBND TỈNH LÀO CAI", "VĂN PHÒNG", "Số:           /TB-VP"]
    assert zones["right"] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Lào Cai, ngày        tháng 6 năm 2026"]
    # ... and the heading ends where the body's first sentence opens ('Ngày 19 tháng 6 năm 2026, …')
    assert zones["heading"] == ["THÔNG BÁO", "Kết luận của đồng chí Nguyễn Tuấn Anh - Phó Bí thư Tỉnh ủy, Chủ tịch",
                                "Ủy ban nhân dân tỉnh tại cuộc họp về tình hình triển khai",
                                "các cụm công nghiệp trên địa bàn tỉnh", "_____________"]


def test_a_trich_yeu_that_opens_as_a_sentence_does_is_the_heading_s_not_the_body_s() -> None:
    """'KẾ HOẠCH / Triển khai thực hiện Chỉ thị …': the line under a type heading is its trích yếu."""
    zones = _zones(_read(CORPUS / "sct_15.docx"))
    assert zones["heading"] == ["KẾ HOẠCH", "Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026",
                                "của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của Đảng đối với",
                                "công tác quản lý nhà nước về khoáng sản trên địa bàn tỉnh Lào Cai"]
    assert zones["left"][-1] == "Số:           /KH-UBND"


def test_a_scan_s_row_that_joins_both_columns_is_cut_where_the_quoc_hieu_starts() -> None:
    zones = _zones(_read(CORPUS / "misc_17.jpg"))
    assert zones["left"] == ["TÓI CAO", "Só£68/QĐ-VKSTC", "VIỆN KIỂM SÁT NHÂN DÂN _"]
    assert zones["right"] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              "Hà Nội, ngày tháng 'Ÿ năm 2019"]
    assert zones["heading"][:3] == ["QUYẾT: ĐỊNH", "Ban hành Quy định về quy trình kiểm sát",
                                    "việc giải quyết các vụ án hành chính"]


@needs_shared()
def test_a_v_v_printed_below_the_date_line_is_the_left_block_s() -> None:
    """No type heading below the right block: what stands there (a V/v OCR read after the date line) is
    the left block's, so the trích yếu is read after its V/v."""
    zones = _zones(_read(SHARED / "corpus/external/vietadmin_1.pdf"))
    assert zones["left"][:4] == ["UBND THÀNH PHÓ ĐÀ NẴNG", "- SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 4635 /SGDĐT-CTrTT",
                                 zones["left"][3]] and zones["left"][3].startswith("V/v bảo đảm TTATGT")
    assert zones["right"][-1] == "Đà Nẵng, ngày 84 tháng 5 năm 2019" and zones["heading"] == []


@needs_shared()
def test_a_party_header_s_lines_are_cut_at_the_place_before_their_date() -> None:
    """A text layer joins the columns on one line ('KHOA HỌC, CÔNG NGHỆ, Lý Sơn, ngày …'): cut at the place."""
    zones = _zones(_read(SHARED / "corpus/seeds/001_a9c2ef82d2e2cb63.txt"))
    assert zones["right"] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lý Sơn, ngày 30 tháng 10 năm 2025"]
    assert zones["left"][:3] == ["ĐẢNG ỦY ĐẶC KHU LÝ SƠN", "BAN Chỉ ĐẠO VỀ PHÁT TRIỂN , : , .", "KHOA HỌC, CÔNG NGHỆ,"]
