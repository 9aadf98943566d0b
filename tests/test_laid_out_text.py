"""A plain text laid out as its page (pdftotext -layout, `congvan read --layout`): the header's and the foot's
two blocks stand side by side on its lines, and are read as a PDF's words are, block by block."""
from __future__ import annotations

from pathlib import Path

from pipeline.reading.layout import laid_out
from pipeline.recipe import run

PAGE = """\
    ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
     TỈNH HÀ TĨNH                             Độc lập - Tự do - Hạnh phúc

   Số: 318/UBND-KT                        Hà Tĩnh, ngày 05 tháng 9 năm 2025
 V/v rà soát hồ sơ đất đai

             Kính gửi: Sở Nông nghiệp và Môi trường.

      Ủy ban nhân dân tỉnh đề nghị Sở Nông nghiệp và Môi trường rà soát hồ sơ
 đất đai của các dự án chậm tiến độ, báo cáo trước ngày 30/9/2025./.

 Nơi nhận:                                         KT. CHỦ TỊCH
 - Như trên;                                       PHÓ CHỦ TỊCH
 - Chủ tịch, các PCT UBND tỉnh;
 - Lưu: VT, KT.

                                                   Lê Văn Minh
"""


def test_a_laid_out_pages_foot_is_read_block_by_block(tmp_path: Path) -> None:
    f = tmp_path / "cv.txt"
    f.write_text(PAGE, encoding="utf-8")
    _, record = run(f)
    assert record["number"] == "318/UBND-KT"
    assert record["cc"] == ["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, KT"]
    assert record["signer"] == {"name": "Lê Văn Minh", "title": "Phó Chủ tịch", "authority": "KT."}


def test_a_text_of_paragraph_lines_is_not_laid_out() -> None:  # counter-example: a Word export's lines
    typed = ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSố: 318/UBND-KT\nV/v rà soát hồ sơ đất đai\n"
             "Kính gửi: Sở Nông nghiệp và Môi trường.\nỦy ban nhân dân tỉnh đề nghị Sở rà soát hồ sơ.\n"
             "Nơi nhận:\n- Như trên;\n- Lưu: VT, KT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Minh\n")
    assert not laid_out(typed)
    assert laid_out(PAGE)
