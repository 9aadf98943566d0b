"""Task ordinals as the spec writes them: the path of printed ordinals from the top of the item tree, the
Roman section first ('III.1'), wherever the tasks sit (the scorer and a register pair tasks by ordinal)."""
from __future__ import annotations

from extractors.base import DocText
from extractors.text import normalize_text
from pipeline.extract import build_record

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 45/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Định, ngày 5 tháng 3 năm 2024
KẾ HOẠCH
Phòng, chống dịch bệnh mùa mưa năm 2024
I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng, chống dịch bệnh, không để dịch lan rộng.
2. Huy động cả hệ thống chính trị tham gia.
II. NỘI DUNG
1. Tuyên truyền cho người dân về các biện pháp phòng bệnh.
2. Giám sát chặt chẽ các ổ dịch cũ.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì, phối hợp với các cơ quan liên quan tổ chức giám sát dịch bệnh trên địa bàn tỉnh.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch này.
{more}
Nơi nhận:
- Các sở, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _ordinals(more: str = "") -> list[str | None]:
    record = build_record(DocText(normalize_text(PLAN.replace("{more}", more))))
    return [t["ordinal"] for t in record["tasks"]]


def test_tasks_of_one_section_take_its_numeral() -> None:
    """Only section III assigns: its items are still III.1 and III.2, the path from the top."""
    assert _ordinals() == ["III.1", "III.2"]


def test_a_numbering_that_runs_on_through_the_sections_takes_the_section_too() -> None:
    text = PLAN.replace("III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế", "III. TỔ CHỨC THỰC HIỆN\n5. Sở Y tế")
    text = text.replace("2. Sở Tài chính bố trí", "6. Sở Tài chính bố trí")
    record = build_record(DocText(normalize_text(text.replace("{more}", ""))))
    assert [t["ordinal"] for t in record["tasks"]] == ["III.5", "III.6"]


def test_tasks_in_two_sections_that_restart_keep_the_section() -> None:
    more = "IV. KINH PHÍ\n1. Sở Kế hoạch và Đầu tư chủ trì thẩm định nguồn vốn đầu tư cho các dự án.\n"
    assert _ordinals(more) == ["III.1", "III.2", "IV.1"]
