"""Who is assigned what: the lead, the bodies that support it, and the task itself."""
from __future__ import annotations

import pytest

from tests.test_scan_layout import _record

HEAD = ("UBND TỈNH QUẢNG NGÃI\nSố: 05/CT-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Quảng Ngãi, ngày 15 tháng 4 năm 2020\nCHỈ THỊ\nVề việc nộp thuế điện tử\n\n"
        "Chủ tịch UBND tỉnh yêu cầu các cơ quan thực hiện tốt các nội dung sau:\n")


@pytest.mark.parametrize(("item", "assignees", "text"), [
    ("1. Cục Thuế tỉnh chủ trì, phối hợp với các Ngân hàng thương mại trên địa bàn tỉnh, VNPT Quảng Ngãi "
     "xây dựng Kế hoạch triển khai thực hiện nộp thuế điện tử.",
     [("Cục Thuế tỉnh", "lead"), ("Các Ngân hàng thương mại trên địa bàn tỉnh", "support"), ("VNPT Quảng Ngãi", "support")],
     "xây dựng Kế hoạch triển khai thực hiện nộp thuế điện tử"),
    # a generic group is no assignee; a capitalised verb is part of a body's name
    ("1. Sở Tài chính chủ trì, phối hợp với Sở Xây dựng, các cơ quan, đơn vị liên quan rà soát định mức.",
     [("Sở Tài chính", "lead"), ("Sở Xây dựng", "support")], "rà soát định mức"),
    # 'chủ động phối hợp' is the task itself; a body may be named by its acronym
    ("1. VNPT Quảng Ngãi chủ động phối hợp với Cục Thuế tỉnh để triển khai thực hiện.",
     [("VNPT Quảng Ngãi", "lead"), ("Cục Thuế tỉnh", "support")],
     "chủ động phối hợp với Cục Thuế tỉnh để triển khai thực hiện"),
])
def test_lead_supporters_and_the_task_after_them(item: str, assignees: list[tuple[str, str]], text: str) -> None:
    (task,) = _record(HEAD + item)["tasks"]
    assert [(a["name"], a["role"]) for a in task["assignees"]] == assignees
    assert task["text"] == text
