"""Word files: what antiword and the .docx reader give is read as the dispatch's blocks are laid out."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.reading.files import read_file
from pipeline.tools.antiword import untable
from tests.test_scan_layout import _record


def test_a_two_column_table_is_read_column_by_column() -> None:
    text = ("Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\n"
            "|Nơi nhận:          |TM. ỦY BAN NHÂN DÂN |\n"
            "|- Như Điều 3;      |KT. CHỦ TỊCH        |\n"
            "|- Lưu: VT.         |PHÓ CHỦ TỊCH        |\n"
            "|                   |Ngô Thị Thanh Hằng  |\n")
    assert untable(text).splitlines()[1:] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
                                              "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Thị Thanh Hằng"]


def test_a_line_break_inside_a_docx_paragraph_ends_a_line(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = (f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Như trên;</w:t>'
            '<w:br/><w:t>- Lưu: VT.</w:t></w:r></w:p><w:p><w:r><w:t>THỦ TƯỚNG</w:t><w:br/>'
            '<w:t>Nguyễn Văn An</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "cv.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", body)
    assert read_file(path).text.splitlines() == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "THỦ TƯỚNG", "Nguyễn Văn An"]


FOOT_HEAD = "BỘ CÔNG THƯƠNG\nSố: 5/BCT-KH\nV/v kiểm tra\n\nKính gửi: Sở Công Thương\n\nĐề nghị Sở kiểm tra.\n\n"


def test_the_prefix_glued_to_its_title_and_the_title_on_the_same_line() -> None:
    rec = _record(FOOT_HEAD + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT.CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG\n\nNguyễn Quốc Hoàn\n")
    assert rec["signer"] == {"name": "Nguyễn Quốc Hoàn", "title": "Phó Chánh Văn phòng", "authority": "KT."}


def test_a_minister_is_signed_for_by_a_thu_truong() -> None:
    rec = _record(FOOT_HEAD + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\n\nTrương Thanh Hoài\n")
    assert rec["signer"]["title"] == "Thứ trưởng" and rec["signer"]["authority"] == "KT."
