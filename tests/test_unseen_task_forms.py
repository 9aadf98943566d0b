"""Task forms of documents never seen, each on a sentence of our own: requests after a connective, what is not a task"""
from __future__ import annotations

from tests.test_scan_layout import _record

LETTER = ("SỞ XÂY DỰNG TỈNH BÌNH ĐỊNH\nSố: 210/SXD-QLCL\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Bình Định, ngày 12 tháng 5 năm 2025\nV/v hồ sơ nghiệm thu công trình\n\n"
          "Kính gửi: Công ty TNHH Xây dựng Hòa Bình\n\n"
          "Sở Xây dựng có ý kiến về hồ sơ như sau:\n")


def test_a_request_after_a_connective_or_a_clause_names_its_body() -> None:
    """'Do vậy, đề nghị Công ty X …', and after a clause of purpose 'đề nghị các Trung tâm …': a body named by a
    capitalised head after 'các' is named; 'các cơ quan, đơn vị' in lower case is the letter's addressees at large."""
    tasks = _record(LETTER.replace("Sở Xây dựng có ý kiến về hồ sơ như sau:\n", "")
                    + "Hồ sơ nghiệm thu của Công ty còn thiếu biên bản kiểm định cọc.\n"
                    "Do vậy, đề nghị Công ty TNHH Xây dựng Hòa Bình bổ sung biên bản kiểm định cọc theo quy định.\n"
                    "Để kịp tổng hợp trình Ủy ban nhân dân tỉnh, đề nghị các Trung tâm Y tế huyện gửi hồ sơ về Sở Xây dựng.\n"
                    "Để kịp tổng hợp, đề nghị các cơ quan, đơn vị gửi ý kiến về Sở Xây dựng.\n")["tasks"]
    assert [(t["assignees"][0]["name"], " ".join(t["text"].split()[:2])) for t in tasks] == [
        ("Công ty TNHH Xây dựng Hòa Bình", "bổ sung"), ("Các Trung tâm Y tế huyện", "gửi hồ")]


def test_a_section_of_slogans_a_label_of_who_inspects_and_an_article_of_amounts_assign_nothing() -> None:
    """'V. KHẨU HIỆU TUYÊN TRUYỀN' over numbered slogans; '4. Thành phần tham gia kiểm tra:' over '- Chủ trì: Sở X'."""
    plan = ("UBND XÃ AN HÒA\nSố: 12/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nAn Hòa, ngày 02 tháng 3 năm 2026\n"
            "KẾ HOẠCH\nTuyên truyền ngày hội non sông\n\n"
            "I. NHIỆM VỤ\n1. Công an xã bảo đảm an ninh trật tự tại các điểm tuyên truyền.\n"
            "II. THÀNH PHẦN\n2. Thành phần tham gia kiểm tra:\n- Chủ trì: Ủy ban nhân dân xã An Hòa\n"
            "- Thành viên: Đại diện Công an xã An Hòa.\n"
            "III. KHẨU HIỆU TUYÊN TRUYỀN\n3. Nhân dân xã An Hòa đồng lòng xây dựng quê hương giàu đẹp!\n"
            "4. Đảng Cộng sản Việt Nam quang vinh muôn năm!\n")
    assert [t["ordinal"] for t in _record(plan)["tasks"]] == ["I.1"]  # the item's path under its section (spec)

